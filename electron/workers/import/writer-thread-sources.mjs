// Runs the table writer thread from the TypeScript sources (tests, the CLI before a build); the
// built app runs the bundled chunk directly.
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread.ts');
