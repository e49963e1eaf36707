import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
// @ts-expect-error: a plain ES module script, without type declarations
import { checkLayers } from '../scripts/check-layers.mjs';

const check = checkLayers as (root?: string) => Promise<string[]>;

/** A small tree shaped like the project's, with the given files. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ecoute-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('layers (docs/ARCHITECTURE.md, .dependency-cruiser.cjs)', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('hold in the project: no forbidden import, no cycle between folders', async () => {
    assert.deepEqual(await check(), []);
  });

  it('fail on a deliberate violation: the http core importing a domain, which closes a folder cycle', async () => {
    const root = tree({
      'src/http/context.ts': "import { card } from '../customers/customer-service.js';\nexport const x = card;\n",
      'src/customers/customer-service.ts': "import { x } from '../http/context.js';\nexport const card = 1;\nexport const y = x;\n",
    });
    roots.push(root);
    const violations = await check(root);
    assert.ok(violations.includes('http-core-imports-no-domain: src/http/context.ts -> src/customers/customer-service.ts'), violations.join('\n'));
    assert.ok(violations.includes('no-folder-cycle: customers, http import each other'), violations.join('\n'));
  });

  it('fail when a migration reads live code or the build imports a test helper', async () => {
    const root = tree({
      'src/storage/migrations/2026-01-01-x.ts': "import { T } from '../../surveys/texts.js';\nexport const up = T;\n",
      'src/surveys/texts.ts': "import { h } from './helper.testkit.js';\nexport const T = h;\n",
      'src/surveys/helper.testkit.ts': 'export const h = 1;\n',
    });
    roots.push(root);
    const violations = await check(root);
    assert.ok(violations.includes('storage-imports-no-domain: src/storage/migrations/2026-01-01-x.ts -> src/surveys/texts.ts'), violations.join('\n'));
    assert.ok(violations.includes('test-helpers-not-in-the-build: src/surveys/texts.ts -> src/surveys/helper.testkit.ts'), violations.join('\n'));
  });

  it('fail when the console imports a server module other than the contract, or the contract imports a domain', async () => {
    const root = tree({
      'web/src/types.ts': "import type { Card } from '../../src/customers/customer-service.js';\nimport type { Shape } from '../../src/contract/customers.js';\nexport type T = [Card, Shape];\n",
      'src/customers/customer-service.ts': 'export type Card = { id: string };\n',
      'src/contract/customers.ts': "import type { Card } from '../customers/customer-service.js';\nexport type Shape = Card;\n",
    });
    roots.push(root);
    const violations = await check(root);
    assert.ok(violations.includes('web-imports-only-the-contract: web/src/types.ts -> src/customers/customer-service.ts'), violations.join('\n'));
    assert.ok(!violations.some((v) => v.startsWith('web-imports-only-the-contract: web/src/types.ts -> src/contract/')), violations.join('\n'));
    assert.ok(violations.includes('contract-imports-no-domain: src/contract/customers.ts -> src/customers/customer-service.ts'), violations.join('\n'));
  });

  it('fail when code outside storage/ imports a database driver, installed or not', async () => {
    const root = tree({
      // installed: resolved into node_modules
      'node_modules/pg/package.json': '{ "name": "pg", "main": "index.js" }',
      'node_modules/pg/index.js': 'module.exports = {};\n',
      'src/nps/report.ts': "import pg from 'pg';\nexport const pool = pg;\n",
      // not installed in the tree: the bare name
      'src/imports/rows.ts': "import type { Statement } from 'better-sqlite3';\nexport type S = Statement;\n",
      'src/storage/database.ts': "import Sqlite from 'better-sqlite3';\nimport pg from 'pg';\nexport const drivers = [Sqlite, pg];\n",
    });
    roots.push(root);
    const violations = await check(root);
    assert.ok(violations.includes('drivers-only-in-storage: src/nps/report.ts -> node_modules/pg/index.js'), violations.join('\n'));
    assert.ok(violations.includes('drivers-only-in-storage: src/imports/rows.ts -> better-sqlite3'), violations.join('\n'));
    assert.deepEqual(violations.filter((v) => v.includes('src/storage/')), []);
  });
});

/** Files of src/ outside storage/ that are part of the build (tests may look at the engine they run on). */
function buildFilesOutsideStorage(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return path === 'src/storage' ? [] : buildFilesOutsideStorage(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.testkit\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the storage seam (docs/ARCHITECTURE.md, "Conventions")', () => {
  it('holds: no code outside storage/ uses the raw SQLite handle or compares engine names', () => {
    const leaks = [
      // a member `.sqlite` (Storage.sqlite), not a file name ending in .sqlite
      /\b\w+[!?]?\.sqlite\b(?![\w'"`-])/,
      /\bengine\s*[!=]==|[!=]==\s*['"](sqlite|postgres)['"]|['"](sqlite|postgres)['"]\s*[!=]==/,
    ];
    const found = buildFilesOutsideStorage().flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (leaks.some((leak) => leak.test(line)) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    assert.deepEqual(found, []);
  });
});
