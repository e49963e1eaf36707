#!/usr/bin/env node
// Entry point of the `ecoute` command: the compiled CLI lives in dist/ (built by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('Ecoute is not built yet: run `npm run build` (npm install does it for you).');
  process.exit(1);
}
await import(main);
