import type { ReactNode } from 'react';

interface Props {
  label: string;
  /** The field's name in `runs.start` terms (e.g. "params.trees"), for its error. */
  name: string;
  error?: string;
  hint?: string;
  /** A longer description, under the control (and as its tooltip). */
  help?: string;
  children: ReactNode;
  wide?: boolean;
}

/** A labelled control with its hint, and its error right beside it. */
export function FormField({ label, name, error, hint, help, children, wide }: Props) {
  return (
    <label className={`field run-field${wide ? ' wide' : ''}`} data-field={name} title={help}>
      <span className="run-field-label">
        {label}
        {hint && <span className="muted"> · {hint}</span>}
      </span>
      {children}
      {help && !error && <span className="field-help muted">{help}</span>}
      {error && (
        <span className="field-error" role="alert" data-testid={`field-error-${name}`}>
          {error}
        </span>
      )}
    </label>
  );
}
