import { Fragment } from 'react';
import { Dialog } from '../../components/Dialog';
import { SHORTCUTS, sectionShortcuts, type SectionKey, type Shortcut } from './list';
import { useShortcuts } from './store';

const GROUPS: Shortcut['where'][] = ['anywhere', 'desktop app', 'lists and tables', 'dialogs and forms', 'charts', 'jobs tray'];
const TITLES: Record<Shortcut['where'], string> = {
  anywhere: 'Anywhere',
  'desktop app': 'In the desktop app',
  'lists and tables': 'Lists, tables and tabs',
  'dialogs and forms': 'Dialogs and forms',
  charts: 'Charts',
  'jobs tray': 'Jobs tray',
};

/** Each key of a chord or sequence in its own <kbd>; "then" between the steps of a sequence. */
function Keys({ keys }: { keys: string[] }) {
  return (
    <>
      {keys.map((k, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="muted"> then </span>}
          <kbd>{k}</kbd>
        </Fragment>
      ))}
    </>
  );
}

/** The list of every keyboard shortcut, opened with ? or from the navigation. */
export function ShortcutsDialog({ sections, desktop, onClose }: { sections: readonly SectionKey[]; desktop: boolean; onClose: () => void }) {
  const singleKeys = useShortcuts((s) => s.singleKeys);
  const setSingleKeys = useShortcuts((s) => s.setSingleKeys);
  const all = [...SHORTCUTS.slice(0, 1), ...sectionShortcuts(sections), ...SHORTCUTS.slice(1)].filter((s) => desktop || s.where !== 'desktop app');
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <div className="shortcut-groups">
        {GROUPS.map((g) => {
          const rows = all.filter((s) => s.where === g);
          if (rows.length === 0) return null;
          return (
            <section key={g} className="shortcut-group">
              <h3>{TITLES[g]}</h3>
              <dl className="shortcut-list">
                {rows.map((s, i) => (
                  <Fragment key={i}>
                    <dt>
                      <Keys keys={s.keys} />
                    </dt>
                    <dd>{s.action}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
      <label className="shortcut-toggle">
        <input type="checkbox" checked={singleKeys} onChange={(e) => setSingleKeys(e.target.checked)} data-testid="single-keys" />
        Single-key shortcuts (? and G then a letter) — turn off if they get in the way of a screen reader or voice control
      </label>
    </Dialog>
  );
}
