import type { Kysely } from 'kysely';
import { joinSurveyParts } from '../contract/survey-text.js';
import { DomainError, type FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { LANGUAGES } from '../shared/languages.js';
import type { Database, Flag, Language, SurveyVersionTable } from '../storage/schema.js';

/** What the survey says, in one language. {min} and {max} stand for the scale. */
export interface SurveyTexts {
  question: string;
  resolvedQuestion?: string | undefined;
  commentInvite?: string | undefined;
  thanks: string;
  clarification: string;
  optOutConfirmation: string;
  optInConfirmation: string;
}

export interface SurveyVersionInput {
  scale: { min: number; max: number };
  /** NPS basis; the operator's is promoters 9-10, detractors 1-6 on 1-10 */
  promoterMin: number;
  detractorMax: number;
  askResolved: boolean;
  askComment: boolean;
  texts: Partial<Record<string, SurveyTexts>>;
}

export interface SurveyVersion extends SurveyVersionInput {
  id: string;
  definitionId: string;
  version: number;
  texts: Partial<Record<Language, SurveyTexts>>;
  createdAt: string;
}

const REQUIRED_TEXTS = ['question', 'thanks', 'clarification', 'optOutConfirmation', 'optInConfirmation'] as const;

/** Refuses a definition that could not run: every problem is named, with the field it is in. */
export function validateVersion(input: SurveyVersionInput): void {
  const problems: FieldIssue[] = [];
  const { min, max } = input.scale;
  if (!(min === 0 || min === 1) || max !== 10) problems.push({ field: 'scale', reason: 'must be 1-10 or 0-10', code: 'scale-not-allowed' });
  if (!(input.promoterMin > min && input.promoterMin <= max)) {
    problems.push({ field: 'promoterMin', reason: `must be within the scale (${min + 1}-${max})`, code: 'out-of-range', params: { minimum: min + 1, maximum: max } });
  }
  if (!(input.detractorMax >= min && input.detractorMax < input.promoterMin)) {
    problems.push({ field: 'detractorMax', reason: `must be within the scale and below promoterMin`, code: 'detractor-above-promoter' });
  }
  const languages = Object.keys(input.texts);
  if (!languages.includes('fr')) problems.push({ field: 'texts.fr', reason: 'French texts are required (the default language)', code: 'required' });
  for (const language of languages) {
    if (!(LANGUAGES as readonly string[]).includes(language)) {
      problems.push({ field: `texts.${language}`, reason: `unknown language; use ${LANGUAGES.join(', ')}`, code: 'not-one-of', params: { options: LANGUAGES.join(', ') } });
      continue;
    }
    const texts = input.texts[language]!;
    for (const key of REQUIRED_TEXTS) {
      if (!texts[key]?.trim()) problems.push({ field: `texts.${language}.${key}`, reason: 'is required', code: 'required' });
    }
    if (texts.question && !(texts.question.includes('{min}') && texts.question.includes('{max}'))) {
      problems.push({ field: `texts.${language}.question`, reason: 'must contain the score placeholders {min} and {max}', code: 'missing-placeholders', params: { placeholders: '{min} {max}' } });
    }
    if (input.askResolved && !texts.resolvedQuestion?.trim()) {
      problems.push({ field: `texts.${language}.resolvedQuestion`, reason: 'is required when the resolved question is asked', code: 'required' });
    }
    if (input.askComment && !texts.commentInvite?.trim()) {
      problems.push({ field: `texts.${language}.commentInvite`, reason: 'is required when a comment is invited', code: 'required' });
    }
  }
  if (problems.length > 0) {
    throw new DomainError(400, 'invalid-survey', `The survey cannot be used: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`, problems);
  }
}

function toVersion(row: SurveyVersionTable): SurveyVersion {
  return {
    id: row.id,
    definitionId: row.definition_id,
    version: row.version,
    scale: { min: row.scale_min, max: row.scale_max },
    promoterMin: row.promoter_min,
    detractorMax: row.detractor_max,
    askResolved: row.ask_resolved === 1,
    askComment: row.ask_comment === 1,
    texts: JSON.parse(row.texts),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Publishes a new version of a definition (creating the definition on first use). Versions are
 * never edited: responses keep the version they answered, so their basis never shifts.
 */
export async function publishVersion(
  db: Kysely<Database>,
  definitionName: string,
  input: SurveyVersionInput,
  createdBy: string | null,
): Promise<SurveyVersion> {
  validateVersion(input);
  return db.transaction().execute(async (trx) => {
    let definition = await trx.selectFrom('survey_definitions').selectAll().where('name', '=', definitionName).executeTakeFirst();
    if (!definition) {
      const created = { id: newId(), name: definitionName, purpose: 'contact' as const, current_version_id: null, created_at: Date.now() };
      await trx.insertInto('survey_definitions').values(created).execute();
      definition = created;
    }
    const last = await trx
      .selectFrom('survey_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('definition_id', '=', definition.id)
      .executeTakeFirst();
    const row: SurveyVersionTable = {
      id: newId(),
      definition_id: definition.id,
      version: Number(last?.v ?? 0) + 1,
      scale_min: input.scale.min,
      scale_max: input.scale.max,
      promoter_min: input.promoterMin,
      detractor_max: input.detractorMax,
      ask_resolved: (input.askResolved ? 1 : 0) as Flag,
      ask_comment: (input.askComment ? 1 : 0) as Flag,
      texts: JSON.stringify(input.texts),
      created_at: Date.now(),
      created_by: createdBy,
    };
    await trx.insertInto('survey_versions').values(row).execute();
    await trx.updateTable('survey_definitions').set({ current_version_id: row.id }).where('id', '=', definition.id).execute();
    return toVersion(row);
  });
}

export async function getVersion(db: Kysely<Database>, id: string): Promise<SurveyVersion> {
  const row = await db.selectFrom('survey_versions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError(404, 'not-found', `No survey version ${id}`);
  return toVersion(row);
}

export async function listDefinitions(db: Kysely<Database>) {
  // The contact survey first (the NPS), then the others, oldest first.
  const definitions = await db.selectFrom('survey_definitions').selectAll().orderBy('created_at').orderBy('name').execute();
  const versions = await db.selectFrom('survey_versions').selectAll().orderBy('version', 'desc').execute();
  return definitions.map((d) => ({
    id: d.id,
    name: d.name,
    purpose: d.purpose,
    currentVersionId: d.current_version_id,
    versions: versions.filter((v) => v.definition_id === d.id).map(toVersion),
  }));
}

/** The texts in the customer's language, French when that language has none; placeholders filled. */
export function surveyText(version: SurveyVersion, language: Language, key: keyof SurveyTexts): string {
  const texts = version.texts[language] ?? version.texts.fr!;
  const text = texts[key] ?? version.texts.fr![key] ?? '';
  return text.replaceAll('{min}', String(version.scale.min)).replaceAll('{max}', String(version.scale.max));
}

/** The first SMS of a survey: the question, then the resolved question and comment invitation when asked, each a sentence of its own. */
export function surveyMessage(version: SurveyVersion, language: Language): string {
  const parts = [surveyText(version, language, 'question')];
  if (version.askResolved) parts.push(surveyText(version, language, 'resolvedQuestion'));
  if (version.askComment) parts.push(surveyText(version, language, 'commentInvite'));
  return joinSurveyParts(parts);
}
