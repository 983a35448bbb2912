/** A score in [-1, 1] as a bar from the middle: right and green above zero, left and red below. */
export function ScoreBar({ score, label }: { score: number; label?: string }) {
  const width = Math.min(1, Math.abs(score)) * 50;
  return (
    <span className="score-bar" role="img" aria-label={label ?? `score ${score.toFixed(2)}`}>
      <span className="score-bar-track" aria-hidden>
        <span className={`score-bar-fill ${score >= 0 ? 'pos' : 'neg'}`} style={score >= 0 ? { left: '50%', width: `${width}%` } : { right: '50%', width: `${width}%` }} />
      </span>
      <span className="score-bar-value" aria-hidden>
        {score >= 0 ? '+' : '−'}
        {Math.abs(score).toFixed(2)}
      </span>
    </span>
  );
}
