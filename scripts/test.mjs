// Runs every test file (*.test.ts next to the code, test/**/*.test.ts) with Node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureConsoleBuilt } from './console-build.mjs';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...find('src'), ...find('test')].sort();
// The browser suites serve dist/web: build it once here rather than in each suite's process at once.
if (files.some((file) => /(^|\/)test\/e2e\//.test(file))) ensureConsoleBuilt();
// Two files at once, each with its server, browser and report threads, keep every core busy: report
// threads at the lowest priority (the default, ECOUTE_REPORT_NICE=19) would wait past their budget
// behind the other file's work. The tests run them at normal priority; src/nps/thread-priority.test.ts
// checks the default itself.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ECOUTE_REPORT_NICE: '0', ...process.env } },
);
process.exit(result.status ?? 1);
