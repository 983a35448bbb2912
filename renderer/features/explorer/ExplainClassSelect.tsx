import { useExplorer } from './store';

/** Which class a multiclass model's explanation is for (default: the predicted one); shared by every explanation view. */
export function ExplainClassSelect({ classes }: { classes: readonly string[] }) {
  const explainClass = useExplorer((s) => s.explainClass);
  const setExplainClass = useExplorer((s) => s.setExplainClass);
  return (
    <label className="inline-field">
      <span className="muted">Explain class</span>
      <select value={explainClass ?? ''} onChange={(e) => setExplainClass(e.target.value || null)} data-testid="explain-class">
        <option value="">the predicted class</option>
        {classes.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
