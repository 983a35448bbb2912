import { Dialog } from '../../components/Dialog';
import { whenText } from './schedule-text';
import { useAutomation, useInbox } from './store';

/** The alerts plans raised, newest first; opening one shows its plan. */
export function Inbox({ onClose }: { onClose(): void }) {
  const { alerts, unread, markRead } = useInbox();
  const open = (planId: string | null, id: string) => {
    void markRead([id]);
    if (planId) void useAutomation.getState().select(planId);
    onClose();
  };
  return (
    <Dialog title={`Inbox${unread ? ` · ${unread} unread` : ''}`} onClose={onClose} testId="inbox">
      {alerts.length === 0 ? (
        <p className="muted">Nothing yet. Plans write here when they promote a version, keep the champion, or fail.</p>
      ) : (
        <ul className="inbox-list" data-testid="inbox-list">
          {alerts.map((a) => (
            <li key={a.id} className={`inbox-item severity-${a.severity}${a.readAt ? '' : ' unread'}`}>
              <button type="button" className="inbox-open" onClick={() => open(a.planId, a.id)} data-testid="inbox-item">
                <span className="inbox-title">
                  {a.readAt ? '' : <span className="inbox-dot" aria-label="unread" />}
                  {a.title}
                </span>
                <span className="inbox-message">{a.message}</span>
                <span className="muted inbox-when">
                  {a.planName ?? ''} · {whenText(a.createdAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={() => void markRead()} disabled={unread === 0} data-testid="inbox-read-all">
          Mark all read
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
