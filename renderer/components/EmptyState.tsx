import type { ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  action?: ReactNode;
  testId?: string;
}

/** What a section shows when it has nothing yet: what this is, and the next step. */
export function EmptyState({ title, children, action, testId }: Props) {
  return (
    <div className="empty" data-testid={testId}>
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
