#!/usr/bin/env node
// The `lathe` command. Runs the TypeScript sources through tsx so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
