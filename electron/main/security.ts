/**
 * The desktop app's security decisions as plain values and functions: no `electron` import, so
 * they are unit-tested under Node (electron/main/security.test.ts) and the lifecycle code in
 * index.ts and window.ts only wires them in.
 */
import type { MenuItemConstructorOptions } from 'electron';

/**
 * The page's Content-Security-Policy. The app talks to the host over IPC only, so the page
 * connects nowhere but itself (no `ws:`/`wss:`/`http:` to any host).
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Whether a link the page tries to open may go to the user's browser. Only https: a link to
 * documentation or a project page. Never file: (opens local files and programs), javascript:
 * or data:, custom schemes (they start other applications), or plain http; never a URL that
 * carries credentials (`https://trusted@evil/` reads as the wrong host).
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * Permission requests and checks (camera, microphone, notifications, clipboard reads,
 * geolocation, …): the app needs none, so every one is refused.
 */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

/** Where our own page lives: the built file, or the dev server in development. */
export interface AppLocation {
  /** file:// URL of out/renderer/index.html. */
  indexUrl: string;
  /** ELECTRON_RENDERER_URL in development (the page is served by the dev server). */
  devUrl?: string;
  /** File paths compare case-insensitively (Windows). */
  caseInsensitivePaths?: boolean;
}

/** What the main process knows about the frame that sent an IPC message. */
export interface SenderFrame {
  url: string;
  /** The top frame of one of our windows (not a sub-frame, not another web contents). */
  isMainFrame: boolean;
}

/** Whether an IPC message comes from our own page, in the main frame of our window. */
export function isTrustedSender(frame: SenderFrame | null | undefined, app: AppLocation): boolean {
  if (!frame || !frame.isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (app.devUrl) {
    try {
      const dev = new URL(app.devUrl);
      if (dev.protocol !== 'file:' && url.origin === dev.origin) return true;
    } catch {
      // A malformed dev URL trusts nothing.
    }
  }
  if (url.protocol !== 'file:') return false;
  const index = new URL(app.indexUrl);
  const norm = (p: string) => {
    const decoded = safeDecode(p);
    return app.caseInsensitivePaths ? decoded.toLowerCase() : decoded;
  };
  return index.protocol === 'file:' && url.host === index.host && norm(url.pathname) === norm(index.pathname);
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** DevTools only in development builds, never in a packaged app. */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}

/** The application menu; the View menu offers DevTools only when `devTools` is set. */
export function menuTemplate(o: { platform: NodeJS.Platform; devTools: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(o.devTools ? [{ role: 'toggleDevTools' as const }] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(o.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
