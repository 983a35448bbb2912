import type { EventMap, EventName } from '../../shared/api/events';
import { memoryLogger, type Logger } from '../data/log';

type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Typed fan-out of push events to every connected client (IPC window, WebSockets, CLI). */
export class EventBus {
  private listeners = new Set<Listener>();

  constructor(private readonly log: Logger = memoryLogger()) {}

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch (err) {
        // One broken client must not stop the others; the log keeps what broke.
        this.log.error(`a listener of ${event} failed`, { err });
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
