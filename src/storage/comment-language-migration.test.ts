import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import type { Storage } from './database.js';
import { down, up } from './migrations/2026-12-04-comment-language.js';

const NOW = Date.UTC(2026, 10, 20, 12);

for (const engine of await testEngines()) {
  describe(`one language per response on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 60, seed: 5, now: NOW });
      await loadDemoSurveys(storage, { seed: 5, now: NOW });
    });
    after(() => storage?.close());

    it('keeps the comment language the verbatims showed and drops the second column', async () => {
      const db = storage.db;
      const shown = await db.selectFrom('survey_responses').select(['id', 'language']).orderBy('id').execute();
      assert.ok(shown.filter((r) => r.language !== null).length > 5, 'responses with a comment language');
      // The shape before: the reply parser's language in `language`, the comment's in `text_language`.
      await down(db);
      await sql`update survey_responses set language = 'en'`.execute(db);
      await up(db);
      assert.deepEqual(await db.selectFrom('survey_responses').select(['id', 'language']).orderBy('id').execute(), shown);
      await assert.rejects(sql`select text_language from survey_responses`.execute(db));
    });
  });
}
