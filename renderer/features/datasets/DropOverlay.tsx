/** Shown while a file is dragged over the window: the whole page is the drop target. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden>
      <div className="drop-overlay-box">
        <div className="drop-overlay-icon">⇣</div>
        <div>Drop to import</div>
        <div className="muted">CSV, TSV, JSON Lines or Parquet</div>
      </div>
    </div>
  );
}
