import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import {
  APP_CSP,
  denyPermissionCheck,
  denyPermissionRequest,
  devToolsAllowed,
  isAllowedExternalUrl,
  isTrustedSender,
  menuTemplate,
  type AppLocation,
} from './security';
import { appFiles, mainWindowOptions } from './window-options';

const root = path.resolve(import.meta.dirname, '../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('the app CSP', () => {
  it('connects nowhere but the page itself (the app uses IPC)', () => {
    const d = directives(APP_CSP);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(APP_CSP).not.toMatch(/\b(ws|wss|http|https):(?!\/\/)|\*/);
  });
});

describe('external links', () => {
  it('go to the browser only as https', () => {
    for (const url of ['https://example.com/', 'https://github.com/owner/repo#readme', 'https://docs.example.org/a?b=c']) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('never as files, scripts, data, custom schemes, plain http or with credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'file://server/share/run.exe',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'vbscript:msgbox',
      'ms-msdt:/id PCWDiagnostic',
      'smb://host/share',
      'x-lathe://open',
      'http://example.com/',
      'https://trusted.example@evil.example/',
      'https://user:pass@example.com/',
      'https:',
      '//example.com/',
      '/relative',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('refuses every request and every check', () => {
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem', 'unknown']) {
      let granted: boolean | null = null;
      denyPermissionRequest({}, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });

  it('are not needed: the page uses no API that asks for one', () => {
    const offenders: string[] = [];
    const permissioned = /navigator\.(clipboard|mediaDevices|geolocation|permissions|serial|usb|hid|bluetooth|requestMIDIAccess)|new Notification|Notification\.requestPermission|requestFullscreen|showOpenFilePicker|showSaveFilePicker|showDirectoryPicker|requestPointerLock|storage\.persist/;
    for (const e of fs.readdirSync(path.join(root, 'renderer'), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.tsx?$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) continue;
      const file = path.join(e.parentPath, e.name);
      if (permissioned.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(root, file));
    }
    expect(offenders).toEqual([]);
  });
});

describe('IPC senders', () => {
  const index = path.join(root, 'out', 'renderer', 'index.html');
  const app: AppLocation = { indexUrl: pathToFileURL(index).href };

  it('are trusted only as the main frame showing our page', () => {
    const url = pathToFileURL(index).href;
    expect(isTrustedSender({ url, isMainFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: `${url}#/datasets`, isMainFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url, isMainFrame: false }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
    expect(isTrustedSender(undefined, app)).toBe(false);
  });

  it('are not trusted from another file, a web page or a look-alike dev URL', () => {
    for (const url of [
      pathToFileURL(path.join(root, 'out', 'renderer', 'other.html')).href,
      pathToFileURL(path.join(root, 'evil', 'index.html')).href,
      'file:///tmp/index.html',
      'https://evil.example/',
      'http://localhost:5173/',
      'about:blank',
      'data:text/html,hi',
      '',
    ]) {
      expect(isTrustedSender({ url, isMainFrame: true }, app), url).toBe(false);
    }
    const dev: AppLocation = { ...app, devUrl: 'http://localhost:5173' };
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/src/index.html?x', isMainFrame: true }, dev)).toBe(true);
    for (const url of ['http://localhost:5173.evil.example/', 'http://localhost:51730/', 'https://localhost:5173/', 'http://127.0.0.1:5173/']) {
      expect(isTrustedSender({ url, isMainFrame: true }, dev), url).toBe(false);
    }
  });

  it('compare Windows paths without regard to case when told to', () => {
    const win: AppLocation = { indexUrl: 'file:///C:/Program%20Files/Lathe/resources/app.asar/out/renderer/index.html', caseInsensitivePaths: true };
    expect(isTrustedSender({ url: 'file:///c:/Program Files/Lathe/resources/app.asar/out/renderer/index.html', isMainFrame: true }, win)).toBe(true);
    expect(isTrustedSender({ url: 'file:///c:/Program Files/Lathe/resources/app.asar/out/renderer/other.html', isMainFrame: true }, win)).toBe(false);
  });
});

describe('DevTools', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);

  it('are in the menu and the window only when the app is not packaged', () => {
    expect(devToolsAllowed(true)).toBe(false);
    expect(devToolsAllowed(false)).toBe(true);
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(roles(menuTemplate({ platform, devTools: devToolsAllowed(true) }))).not.toContain('toggleDevTools');
      expect(roles(menuTemplate({ platform, devTools: devToolsAllowed(false) }))).toContain('toggleDevTools');
    }
    expect(roles(menuTemplate({ platform: 'darwin', devTools: false }))[0]).toBe('appMenu');
    expect(mainWindowOptions({ preload: 'p', devTools: devToolsAllowed(true) }).webPreferences?.devTools).toBe(false);
  });
});

describe('the window options', () => {
  it('keep the page away from Node and other origins', () => {
    const files = appFiles(path.join(root, 'out', 'main'));
    const w = mainWindowOptions({ preload: files.preload, devTools: false }).webPreferences!;
    expect(w).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(w.preload).toBe(path.join(root, 'out', 'preload', 'index.cjs'));
    expect(files.indexUrl).toBe(pathToFileURL(path.join(root, 'out', 'renderer', 'index.html')).href);
  });
});

// The pieces above are wired in by code that imports `electron`, which cannot load here; its
// text is checked for the wiring instead.
describe('the main process uses them', () => {
  it('for permissions, IPC senders, links, menu and window', () => {
    const index = read('electron/main/index.ts');
    expect(index).toMatch(/setPermissionRequestHandler\(denyPermissionRequest\)/);
    expect(index).toMatch(/setPermissionCheckHandler\(denyPermissionCheck\)/);
    expect(index).toMatch(/ipcMain\.handle\('lathe:invoke', \(event[^)]*\) => \{\s*(\/\/[^\n]*\n\s*)?if \(!fromOurPage\(event\)\)/);
    expect(index).toMatch(/ipcMain\.on\('lathe:dropped', \(event[^)]*\) => \{\s*if \(!fromOurPage\(event\)\) return;/);
    const window = read('electron/main/window.ts');
    expect(window).toMatch(/if \(isAllowedExternalUrl\(url\)\) void shell\.openExternal\(url\)/);
    expect(window.match(/openExternal/g)).toHaveLength(1);
    expect(read('electron/main/menu.ts')).toMatch(/menuTemplate\(\{ platform: process\.platform, devTools: devToolsAllowed\(app\.isPackaged\) \}\)/);
  });
});
