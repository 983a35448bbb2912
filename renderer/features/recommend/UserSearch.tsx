import { useId, useState, type KeyboardEvent } from 'react';
import { useRecommendExplorer } from './explore-store';

interface Props {
  /** Names the search box for screen readers and its test ids. */
  label: string;
  testId: string;
  onPick: (user: string) => void;
  /** Users that cannot be picked again (already in the group). */
  taken?: string[];
  disabled?: boolean;
  /** Fold the matches away once one is picked (one user); a group builder keeps them open. */
  foldOnPick?: boolean;
}

/**
 * Search the model's users by id; the matches are a listbox under the box. Arrow keys move through
 * them, Enter picks, Escape clears the search.
 */
export function UserSearch({ label, testId, onPick, taken = [], disabled, foldOnPick = true }: Props) {
  const search = useRecommendExplorer((s) => s.search);
  const hits = useRecommendExplorer((s) => s.hits);
  const searching = useRecommendExplorer((s) => s.searching);
  const error = useRecommendExplorer((s) => s.searchError);
  const setSearch = useRecommendExplorer((s) => s.setSearch);
  const [active, setActive] = useState(0);
  // The matches fold away once one is picked, and open again on typing or Arrow Down.
  const [folded, setFolded] = useState(false);
  const pick = (user: string) => (setFolded(foldOnPick), onPick(user));
  const listId = useId();
  const shown = folded ? [] : hits.filter((h) => !taken.includes(h.user));
  const at = Math.min(active, Math.max(0, shown.length - 1));

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (folded) return setFolded(false);
      setActive((a) => (shown.length ? (a + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length : 0));
    } else if (e.key === 'Enter' && shown[at]) {
      e.preventDefault();
      pick(shown[at].user);
    } else if (e.key === 'Escape' && search) {
      e.stopPropagation();
      setSearch('');
    }
  };

  return (
    <div className="rec-user-search">
      <input
        type="search"
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={shown[at] ? `${listId}-${at}` : undefined}
        aria-autocomplete="list"
        aria-label={label}
        placeholder="Search users by id…"
        value={search}
        onChange={(e) => (setSearch(e.target.value), setActive(0), setFolded(false))}
        onClick={() => setFolded(false)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        data-testid={`${testId}-search`}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : folded ? null : shown.length === 0 ? (
        <p className="muted small-note" aria-live="polite">
          {searching ? 'Searching…' : search.trim() ? `No user matches “${search.trim()}”.` : 'Type part of a user id.'}
        </p>
      ) : (
        <ul className="rec-user-hits" role="listbox" id={listId} aria-label={`${label}: matches`} data-testid={`${testId}-hits`}>
          {shown.map((h, i) => (
            <li
              key={h.user}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === at}
              className={i === at ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => !disabled && pick(h.user)}
              data-testid={`${testId}-hit`}
              data-user={h.user}
            >
              <span className="mono">{h.user}</span>
              <span className="muted">{h.interactions.toLocaleString()} interactions</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
