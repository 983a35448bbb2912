import type { Task } from '../protocol';
import { machineCheck } from './machine-check';

/** Job kind → task. Each task is a pure function of its args and context. */
export const tasks: Record<string, Task> = {
  'system.machineCheck': machineCheck,
};
