import type { EventMap, EventName } from '../../shared/api/events';

type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Typed fan-out of push events to every connected client (IPC window, WebSockets, CLI). */
export class EventBus {
  private listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // One broken client must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
