import { useEffect, useState } from 'react';
import { sections } from './sections';
import { followSystemTheme, useUi } from './ui-store';
import { connectJobEvents, useJobs } from '../features/jobs/store';
import { JobTray } from '../features/jobs/JobTray';
import { SystemPanel } from '../features/system/SystemPanel';
import { useSystem } from '../features/system/store';
import { ErrorBanner } from '../components/ErrorBanner';

export function App() {
  const section = useUi((s) => s.section);
  const setSection = useUi((s) => s.setSection);
  const systemOpen = useUi((s) => s.systemOpen);
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
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= sections.length) {
        e.preventDefault();
        setSection(sections[n - 1].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offTheme();
      offJobs();
      window.removeEventListener('keydown', onKey);
    };
  }, [setSection]);

  const Page = sections.find((s) => s.id === section)!.page;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">Lathe</div>
        {sections.map((s, i) => (
          <button
            key={s.id}
            className={`nav-item${s.id === section ? ' active' : ''}`}
            onClick={() => setSection(s.id)}
            aria-current={s.id === section ? 'page' : undefined}
            title={`${s.label} (Ctrl+${i + 1})`}
            data-testid={`nav-${s.id}`}
          >
            <span className="nav-icon" aria-hidden>
              {s.icon}
            </span>
            {s.label}
          </button>
        ))}
        <div className="sidebar-foot">
          <button className="nav-item" onClick={() => useUi.getState().setSystemOpen(true)} data-testid="nav-system">
            <span className="nav-icon" aria-hidden>
              ≡
            </span>
            About & machine
          </button>
        </div>
      </nav>
      <main className="main">
        <ErrorBanner error={fatal} />
        <Page />
      </main>
      <JobTray />
      {systemOpen && <SystemPanel />}
    </div>
  );
}
