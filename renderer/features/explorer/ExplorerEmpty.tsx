import { EmptyState } from '../../components/EmptyState';
import { useUi } from '../../app/ui-store';

/** Nothing trained yet: what the Explorer does, and where models come from. */
export function ExplorerEmpty({ onOpenOnnx }: { onOpenOnnx: () => void }) {
  return (
    <EmptyState title="No model to explore yet" testId="empty-explorer">
      <p>
        Explore a model offline: change its inputs and watch the prediction with its range, see which columns drove it and how the prediction moves
        as one of them varies, and predict a whole CSV in one go. Train a run in Experiments first (registering it in Models is optional).
      </p>
      <div className="empty-actions">
        <button type="button" onClick={() => useUi.getState().setSection('experiments')} data-testid="explorer-goto-experiments">
          Go to Experiments
        </button>
        <button type="button" className="secondary" onClick={onOpenOnnx}>
          Open an .onnx file…
        </button>
      </div>
    </EmptyState>
  );
}
