import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runsInBackground } from './background-priority.js';

describe('which command lines run as background work', () => {
  it('bulk imports, unless --priority normal', () => {
    assert.equal(runsInBackground(['import', 'customers', 'big.csv']), true);
    assert.equal(runsInBackground(['import', 'interactions', 'big.csv', '--skip-invalid']), true);
    assert.equal(runsInBackground(['studies', 'import', 'studies.csv']), true);
    assert.equal(runsInBackground(['import', 'customers', 'big.csv', '--priority', 'low']), true);
    assert.equal(runsInBackground(['import', 'customers', 'big.csv', '--priority', 'normal']), false);
    assert.equal(runsInBackground(['import', 'customers', '--priority=normal', 'big.csv']), false);
    // A bad level is refused by the option's own check; meanwhile the command stays in the background.
    assert.equal(runsInBackground(['import', 'customers', 'big.csv', '--priority', 'urgent']), true);
  });

  it('nothing else: the server, the worker, reports, studies listed', () => {
    for (const args of [['serve'], ['worker'], ['nps', '--by', 'team'], ['studies', 'list'], [], ['customers', 'export', 'id']]) {
      assert.equal(runsInBackground(args), false, args.join(' '));
    }
  });
});
