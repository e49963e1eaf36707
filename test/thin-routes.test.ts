import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Query builders, raw SQL and transactions: the work of a service, never of a route. */
const SERVICE_WORK = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(|\bsql\s*`|\bsql\.(raw|ref|table|id|lit|join)\b|\.transaction\s*\(|\bisTransaction\b/;

/** Every `*-routes.ts` file under `dir`. */
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name.endsWith('-routes.ts') ? [path] : [];
  });
}

/** The lines of a route file that do a service's work. */
function serviceWorkIn(text: string): string[] {
  return text.split('\n').filter((line) => SERVICE_WORK.test(line)).map((line) => line.trim());
}

describe('thin routes (docs/ARCHITECTURE.md, "A request")', () => {
  it('no route file runs SQL or opens a transaction', () => {
    const files = routeFiles(SRC);
    assert.ok(files.length >= 10, `found only ${files.length} route files`);
    const offending = files.flatMap((file) => serviceWorkIn(readFileSync(file, 'utf8')).map((line) => `${relative(SRC, file)}: ${line}`));
    assert.deepEqual(offending, []);
  });

  it('the check sees SQL and transactions', () => {
    assert.equal(serviceWorkIn("const r = await db.selectFrom('parties').select('id');").length, 1);
    assert.equal(serviceWorkIn('await sql`select 1`.execute(db);').length, 1);
    assert.equal(serviceWorkIn('await db.transaction().execute(async (trx) => run(trx));').length, 1);
    assert.equal(serviceWorkIn("await trx.updateTable('calls').set({ x: 1 });").length, 1);
    assert.deepEqual(serviceWorkIn("return c.json(await customerTimeline(db, id, actor, query), 200);"), []);
  });
});
