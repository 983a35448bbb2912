import { useEffect } from 'react';
import { connectAutomationEvents, useInbox } from '../features/automation/store';
import { sections } from './sections';
import { useUi } from './ui-store';
import { useNarrow } from './useNarrow';

/** Whether the navigation shows icons only: the user's choice, else the window's width. */
export function useNavCollapsed(): boolean {
  const choice = useUi((s) => s.navChoice);
  const narrow = useNarrow();
  return choice ? choice === 'collapsed' : narrow;
}

/** The navigation: sections, the machine panel and the shortcut list; folds to icons. */
export function Sidebar({ desktop }: { desktop: boolean }) {
  const section = useUi((s) => s.section);
  const setSection = useUi((s) => s.setSection);
  const collapsed = useNavCollapsed();
  // Unread alerts of retraining plans, shown beside Automation wherever the user is.
  const unread = useInbox((i) => i.unread);
  useEffect(() => connectAutomationEvents(), []);
  const toggle = () => useUi.getState().setNavChoice(collapsed ? 'expanded' : 'collapsed');
  // Labels stay in the DOM when folded (visually hidden) so each button keeps its name.
  return (
    <nav className="sidebar" aria-label="Sections" data-testid="sidebar">
      <div className="sidebar-top">
        <div className="brand">{collapsed ? 'L' : 'Lathe'}</div>
        <button
          type="button"
          className="nav-toggle"
          onClick={toggle}
          aria-label={collapsed ? 'Expand navigation' : 'Collapse navigation'}
          aria-expanded={!collapsed}
          title={collapsed ? 'Expand navigation' : 'Collapse navigation'}
          data-testid="nav-toggle"
        >
          <span aria-hidden>{collapsed ? '»' : '«'}</span>
        </button>
      </div>
      {sections.map((s, i) => (
        <button
          key={s.id}
          className={`nav-item${s.id === section ? ' active' : ''}`}
          onClick={() => setSection(s.id)}
          aria-current={s.id === section ? 'page' : undefined}
          title={`${s.label} (G then ${s.key.toUpperCase()}${desktop ? `, Ctrl+${i + 1}` : ''})`}
          data-testid={`nav-${s.id}`}
        >
          <span className="nav-icon" aria-hidden>
            {s.icon}
          </span>
          <span className="nav-label">{s.label}</span>
          {s.id === 'automation' && unread > 0 && (
            <span className="nav-count" data-testid="nav-unread" aria-label={`${unread} unread alerts`}>
              {unread}
            </span>
          )}
        </button>
      ))}
      <div className="sidebar-foot">
        <button className="nav-item" onClick={() => useUi.getState().setShortcutsOpen(true)} title="Keyboard shortcuts (?)" data-testid="nav-shortcuts">
          <span className="nav-icon" aria-hidden>
            ⌨
          </span>
          <span className="nav-label">Keyboard shortcuts</span>
        </button>
        <button className="nav-item" onClick={() => useUi.getState().setSystemOpen(true)} title="About & machine" data-testid="nav-system">
          <span className="nav-icon" aria-hidden>
            ≡
          </span>
          <span className="nav-label">About & machine</span>
        </button>
      </div>
    </nav>
  );
}
