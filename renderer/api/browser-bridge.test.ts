import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserBridge } from './browser-bridge';

/** A WebSocket stand-in the test opens, feeds and drops by hand. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
}

function stubBrowser() {
  const store = new Map<string, string>();
  vi.stubGlobal('window', { location: { href: 'http://127.0.0.1:5000/?token=abc', protocol: 'http:', host: '127.0.0.1:5000' }, history: { replaceState: () => {} } });
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
  vi.stubGlobal('WebSocket', FakeSocket);
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeSocket.all = [];
});

describe('browser bridge events', () => {
  it('delivers pushed events, reconnects after a drop and says so once it is back', () => {
    vi.useFakeTimers();
    stubBrowser();
    const bridge = createBrowserBridge();
    const seen: string[] = [];
    bridge.on('job.ended', (p) => seen.push(`ended ${(p as { job: { id: string } }).job.id}`));
    bridge.on('events.reconnected', () => seen.push('reconnected'));

    const first = FakeSocket.all[0];
    expect(first.url).toBe('ws://127.0.0.1:5000/api/events?token=abc');
    first.onopen!();
    first.onmessage!({ data: JSON.stringify({ event: 'job.ended', payload: { job: { id: 'j1' } } }) });
    expect(seen).toEqual(['ended j1']);

    first.onclose!();
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(300);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].onopen!();
    expect(seen).toEqual(['ended j1', 'reconnected']);
  });
});
