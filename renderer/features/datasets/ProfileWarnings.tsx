import type { ProfileWarningDto } from '../../../shared/profile-warnings';
import { WARNING_LABEL, warningText } from '../../../shared/profile-warnings';
import './data-table.css';

/** The profile's warnings, each with what it means for a model. */
export function ProfileWarnings({ warnings, names }: { warnings: ProfileWarningDto[]; names: string[] }) {
  if (!warnings.length) return <p className="muted" data-testid="profile-warnings-none">No warnings: no capped, constant, id-like, mostly missing or strongly skewed column, and no pair correlated above 0.9.</p>;
  return (
    <ul className="profile-warnings" data-testid="profile-warnings">
      {warnings.map((w, i) => {
        const t = warningText(w, names);
        return (
          <li key={i} data-kind={w.kind}>
            <span className={`type-badge warning-badge warning-${w.kind}`}>{WARNING_LABEL[w.kind]}</span>
            <span>
              {t.found} <span className="muted">{t.meaning}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Small badges on a column's card; the meaning shows on hover and to screen readers. */
export function WarningBadges({ warnings, names }: { warnings: ProfileWarningDto[]; names: string[] }) {
  return (
    <>
      {warnings.map((w, i) => {
        const t = warningText(w, names);
        return (
          <span key={i} className={`type-badge warning-badge warning-${w.kind}`} title={`${t.found} ${t.meaning}`} aria-label={`Warning: ${t.found} ${t.meaning}`} data-testid={`warning-${w.kind}`}>
            {WARNING_LABEL[w.kind]}
          </span>
        );
      })}
    </>
  );
}
