// The console's stylesheets are bundled into one file: a block left open in one would swallow the
// rules of every stylesheet after it (into a media query, say). Each must close what it opens.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

/** The depth of braces at the end of a stylesheet, and the lowest it went (comments and strings left out). */
function braces(css: string): { end: number; lowest: number } {
  const code = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  let depth = 0;
  let lowest = 0;
  for (const ch of code) {
    if (ch === '{') depth += 1;
    if (ch === '}') lowest = Math.min(lowest, --depth);
  }
  return { end: depth, lowest };
}

describe('the console stylesheets', () => {
  it('the check sees a block left open and a brace too many', () => {
    assert.deepEqual(braces('@media (max-width: 800px) { .a { color: red; }'), { end: 1, lowest: 0 });
    assert.deepEqual(braces('.a { content: "}"; } }'), { end: -1, lowest: -1 });
  });

  for (const name of readdirSync('web/src').filter((n) => n.endsWith('.css'))) {
    it(`${name} closes every block it opens`, () => {
      assert.deepEqual(braces(readFileSync(`web/src/${name}`, 'utf8')), { end: 0, lowest: 0 });
    });
  }
});
