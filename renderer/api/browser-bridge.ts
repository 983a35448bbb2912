import type { EventEnvelope, LatheBridge } from '../../shared/api/events';

const TOKEN_KEY = 'lathe.token';

/** The per-start token comes in the URL once; it is kept for the tab and removed from the address bar. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Browser mode: invoke over HTTP, events over one shared WebSocket that reconnects. */
export function createBrowserBridge(): LatheBridge {
  const token = takeToken() ?? '';
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retry = 250;
  let lost = false;
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((cb) => cb(payload));

  const connect = () => {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${proto}//${window.location.host}/api/events?token=${encodeURIComponent(token)}`);
    socket.onopen = () => {
      retry = 250;
      if (lost) emit('events.reconnected', {});
      lost = false;
    };
    socket.onmessage = (m) => {
      const env = JSON.parse(String(m.data)) as EventEnvelope;
      emit(env.event, env.payload);
    };
    socket.onclose = () => {
      socket = null;
      lost = true;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  };
  connect();

  return {
    async invoke(method, args) {
      const res = await fetch(`/api/invoke/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(args ?? {}),
      });
      return res.json();
    },
    on(event, cb) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(cb);
      return () => listeners.get(event)?.delete(cb);
    },
  };
}
