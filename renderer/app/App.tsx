import { useCallback, useEffect, useState } from 'react';
import { sections } from './sections';
import { followSystemTheme, useUi, type SectionId } from './ui-store';
import { Sidebar, useNavCollapsed } from './Sidebar';
import { connectJobEvents, useJobs } from '../features/jobs/store';
import { JobTray } from '../features/jobs/JobTray';
import { SystemPanel } from '../features/system/SystemPanel';
import { useSystem } from '../features/system/store';
import { ShortcutsDialog } from '../features/shortcuts/ShortcutsDialog';
import { useGlobalShortcuts } from '../features/shortcuts/useGlobalShortcuts';
import type { KeyAction } from '../features/shortcuts/keys';
import { ErrorBanner } from '../components/ErrorBanner';
import { api } from '../api/client';

const desktop = api.hostKind() === 'electron';

export function App() {
  const section = useUi((s) => s.section);
  const systemOpen = useUi((s) => s.systemOpen);
  const shortcutsOpen = useUi((s) => s.shortcutsOpen);
  const collapsed = useNavCollapsed();
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    const offTheme = followSystemTheme();
    const offJobs = connectJobEvents();
    // The app is ready for tests and users once the host has answered.
    Promise.all([useSystem.getState().loadInfo(), useJobs.getState().load()])
      .then(() => {
        const err = useSystem.getState().error;
        if (err) setFatal(`Cannot reach the Lathe host: ${err}`);
        document.documentElement.dataset.appReady = 'true';
      })
      .catch((e: Error) => setFatal(e.message));
    return () => {
      offTheme();
      offJobs();
    };
  }, []);

  const onKey = useCallback((a: KeyAction) => {
    if (a.kind === 'help') useUi.getState().setShortcutsOpen(true);
    else useUi.getState().setSection(a.id as SectionId);
  }, []);
  useGlobalShortcuts(sections, desktop, onKey);

  const Page = sections.find((s) => s.id === section)!.page;
  return (
    <div className={`shell${collapsed ? ' nav-collapsed' : ''}`}>
      <Sidebar desktop={desktop} />
      {/* The tray is docked under the page, never over it: the page scrolls in the space above. */}
      <div className="workspace">
        <main className="main" data-testid="main">
          <ErrorBanner error={fatal} />
          <Page />
        </main>
        <JobTray />
      </div>
      {systemOpen && <SystemPanel />}
      {shortcutsOpen && <ShortcutsDialog sections={sections} desktop={desktop} onClose={() => useUi.getState().setShortcutsOpen(false)} />}
    </div>
  );
}
