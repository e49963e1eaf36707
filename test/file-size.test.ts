import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const LIMIT = 500;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const lineCount = (path: string) => readFileSync(path, 'utf8').split('\n').length - 1;

/** The files docs/ARCHITECTURE.md lists under "Files over 500 lines", each with its reason. */
function listedExceptions(): Map<string, string> {
  const doc = readFileSync('docs/ARCHITECTURE.md', 'utf8');
  const section = doc.split('\n### Files over 500 lines\n')[1]?.split('\n#')[0] ?? '';
  const rows = [...section.matchAll(/^\| `([^`]+)` \| ([^|]+) \|$/gm)];
  return new Map(rows.map((row) => [row[1]!, row[2]!.trim()]));
}

describe('file size', () => {
  it(`no file of src/ is over ${LIMIT} lines unless docs/ARCHITECTURE.md lists it with its reason`, () => {
    const exceptions = listedExceptions();
    const over = files('src')
      .filter((path) => lineCount(path) > LIMIT)
      .filter((path) => !exceptions.has(path));
    assert.deepEqual(over, []);
  });

  it('every listed exception exists, is over the limit and gives a reason', () => {
    const exceptions = listedExceptions();
    assert.ok(exceptions.size > 0, 'the section "Files over 500 lines" is missing from docs/ARCHITECTURE.md');
    for (const [path, reason] of exceptions) {
      assert.ok(lineCount(path) > LIMIT, `${path} is no longer over ${LIMIT} lines: remove it from the list`);
      assert.ok(reason.length > 10, `${path} needs a reason`);
    }
  });
});
