/** The time as automation reads it: injected, so schedules and leases are tested without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Whether a process on this machine is alive (signal 0 checks without sending anything). */
export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
