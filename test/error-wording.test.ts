// Every code the server can refuse with is worded in the console's three catalogues: the problem codes
// (the `type` of a problem+json) and the codes of refused fields, read from the source of src/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIELD_ISSUE_CODES, RATE_LIMIT_CODES } from '../src/shared/errors.js';
import { actionsDe } from '../web/src/i18n/actions.de.js';
import { actionsEn } from '../web/src/i18n/actions.en.js';
import { actionsFr } from '../web/src/i18n/actions.fr.js';
import { adminpagesDe } from '../web/src/i18n/adminpages.de.js';
import { adminpagesEn } from '../web/src/i18n/adminpages.en.js';
import { adminpagesFr } from '../web/src/i18n/adminpages.fr.js';
import { de } from '../web/src/i18n/de.js';
import { en } from '../web/src/i18n/en.js';
import { issuesDe } from '../web/src/i18n/errors.de.js';
import { issuesEn } from '../web/src/i18n/errors.en.js';
import { issuesFr } from '../web/src/i18n/errors.fr.js';
import { fr } from '../web/src/i18n/fr.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !/\.(test|testkit)\.ts$/.test(path) ? [path] : [];
  });
}
const text = sources('src').map((path) => readFileSync(path, 'utf8')).join('\n');
const all = (pattern: RegExp) => new Set([...text.matchAll(pattern)].map((m) => m[1]!));

/** Problem codes: `new DomainError(status, 'code'`, `problem(c, status, 'code'`, the templates' `refused('code'`, a batch import's kind (src/imports/record-batches.ts), a rate limit. */
const problemCodes = new Set([
  ...all(/new DomainError\(\s*\d{3},\s*'([a-z][a-z-]*)'/g),
  ...all(/problem\(c, \d{3}, '([a-z][a-z-]*)'/g),
  ...all(/refused\('([a-z][a-z-]*)'/g),
  ...all(/super\(\d{3}, '([a-z][a-z-]*)'/g),
  ...all(/(?:tooManyCode|refusedCode): '([a-z][a-z-]*)'/g),
  ...RATE_LIMIT_CODES,
]);
/** Field codes: the general ones, a field issue's `code:` beside its `reason`, a refinement's `params: { code: … }`, the code argument of `invalid(…)`. */
const fieldCodes = new Set([
  ...FIELD_ISSUE_CODES,
  ...all(/reason[^\n]*?code: '([a-z][a-z-]*)'/g),
  ...all(/params: \{ code: '([a-z][a-z-]*)'/g),
  ...all(/invalid\([^\n]*, '([a-z][a-z-]*)'(?:, \{[^\n]*\})?\)/g),
]);
fieldCodes.delete('custom'); // zod's kind of issue (`ctx.addIssue({ code: 'custom', … })`), never sent: its params name the code

// the problems of the rows of a refused file of external studies are worded by the studies page
const catalogues = {
  fr: { problems: { ...fr.problems, ...actionsFr.problems, ...issuesFr.problems }, fields: { ...issuesFr.fields, ...adminpagesFr.studies.rowProblems } },
  en: { problems: { ...en.problems, ...actionsEn.problems, ...issuesEn.problems }, fields: { ...issuesEn.fields, ...adminpagesEn.studies.rowProblems } },
  de: { problems: { ...de.problems, ...actionsDe.problems, ...issuesDe.problems }, fields: { ...issuesDe.fields, ...adminpagesDe.studies.rowProblems } },
};

describe('the wording of every refusal the server can send', () => {
  it('finds the codes in the source (the search itself works)', () => {
    for (const code of ['invalid-input', 'bad-credentials', 'not-found', 'too-many-attempts', 'customer-erased']) assert.ok(problemCodes.has(code), code);
    for (const code of ['from-after-to', 'invalid-phone', 'end-before-start', 'unsafe-text', 'line-in-use']) assert.ok(fieldCodes.has(code), code);
  });

  for (const [language, catalogue] of Object.entries(catalogues)) {
    it(`words every problem code in ${language}`, () => {
      const missing = [...problemCodes].filter((code) => !(code in catalogue.problems)).sort();
      assert.deepEqual(missing, []);
    });
    it(`words every field code in ${language}`, () => {
      const missing = [...fieldCodes].filter((code) => !(code in catalogue.fields)).sort();
      assert.deepEqual(missing, []);
    });
  }
});
