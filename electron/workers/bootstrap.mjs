// Runs the TypeScript worker from sources (CLI and tests); the built app uses the bundled job-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');
