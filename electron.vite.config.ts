import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { APP_CSP } from './electron/main/security';

const root = import.meta.dirname;

/**
 * The strict CSP goes into the built page only: the dev server's hot reload needs inline scripts.
 * It is the desktop app's own (connect-src 'self': no socket to any other host); browser mode's
 * WebSocket to the same host is 'self' too. frame-ancestors means nothing in a <meta> CSP, so it
 * is left to the headers.
 */
function cspInBuild(): Plugin {
  const csp = APP_CSP.split(';').map((d) => d.trim()).filter((d) => d && !d.startsWith('frame-ancestors')).join('; ');
  return {
    name: 'lathe-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // cli.js runs under plain Node (bin/lathe.mjs), so target the oldest Node the package supports.
      target: 'node20.19',
      // Dependencies stay in node_modules, except these two pure-JS ones that every command loads at start:
      // bundled, zod's ~200 ES module files cost one parse (`lathe --help` 0.25 s → 0.14 s).
      externalizeDeps: { exclude: ['zod', 'commander'] },
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'job-worker': resolve(root, 'electron/workers/job-worker.ts'),
          // The `lathe` command, run by bin/lathe.mjs when it is not older than the sources; it shares the
          // chunks of the app and finds job-worker.js beside it (workerEntry()).
          cli: resolve(root, 'electron/cli/main.ts'),
          // Loaded by bin/lathe.mjs before cli.js: starts a job command's worker while cli.js loads.
          'cli-warm': resolve(root, 'electron/cli/warm.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspInBuild()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 1500,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
