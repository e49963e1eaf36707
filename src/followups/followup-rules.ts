import type { Kysely } from 'kysely';
import { actorColumns } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { invalid } from '../shared/errors.js';
import { LANGUAGES, type Language } from '../shared/languages.js';
import type { Database, FollowupRulesTable, HotReason, RoutedBy } from '../storage/schema.js';
import { hotWordMatcher, hotWordProblem } from './hot-words.js';

/** The one row of rules (seeded by the migration 2026-12-05-survey-followups). */
const RULES_ID = 'default';

/** Who may take a follow-up, in the order a rule may list them; the team queue always comes last. */
export const ROUTING_STEPS = ['account_manager', 'team_lead', 'site_lead'] as const satisfies readonly RoutedBy[];
export type RoutingStep = (typeof ROUTING_STEPS)[number];

/** The rules of follow-ups: which answers open one, which are hot, their deadlines, who takes them. */
export interface FollowupRules {
  /** a follow-up opens for a score up to this; null: the detractor range of the survey's basis */
  detractorMax: number | null;
  /** a score up to this is hot */
  hotScoreMax: number;
  /** words that make a comment hot, per language (all languages are looked for in every comment) */
  hotKeywords: Record<Language, string[]>;
  /** a repeat contact is hot */
  hotOnRepeat: boolean;
  /** business days to close the loop, and when hot */
  deadlineDays: number;
  hotDeadlineDays: number;
  /** not-reached attempts after which the case may close as unreachable */
  unreachableAfter: number;
  /** who is tried, in order, before the team queue */
  routing: RoutingStep[];
  /** write to promoters after their answer: a thank-you, or a review request at `reviewUrl` */
  thankPromoters: boolean;
  reviewUrl: string | null;
  updatedAt: number;
  updatedBy: string | null;
}

/** The rules as a person edits them. */
export type FollowupRulesInput = Omit<FollowupRules, 'updatedAt' | 'updatedBy'>;

function toRules(row: FollowupRulesTable): FollowupRules {
  const keywords = JSON.parse(row.hot_keywords) as Partial<Record<Language, string[]>>;
  return {
    detractorMax: row.detractor_max === null ? null : Number(row.detractor_max),
    hotScoreMax: Number(row.hot_score_max),
    hotKeywords: Object.fromEntries(LANGUAGES.map((language) => [language, keywords[language] ?? []])) as Record<Language, string[]>,
    hotOnRepeat: Number(row.hot_on_repeat) === 1,
    deadlineDays: Number(row.deadline_days),
    hotDeadlineDays: Number(row.hot_deadline_days),
    unreachableAfter: Number(row.unreachable_after),
    routing: (JSON.parse(row.routing) as RoutedBy[]).filter((step): step is RoutingStep => (ROUTING_STEPS as readonly string[]).includes(step)),
    thankPromoters: Number(row.thank_promoters) === 1,
    reviewUrl: row.review_url,
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  };
}

/** The rules in force. */
export async function followupRules(db: Kysely<Database>): Promise<FollowupRules> {
  return toRules(await db.selectFrom('followup_rules').selectAll().where('id', '=', RULES_ID).executeTakeFirstOrThrow());
}

/**
 * Replaces the rules (they apply to answers from now on; open cases keep their deadlines). Refuses,
 * writing nothing, a hot word that cannot be matched, a hot deadline longer than the ordinary one,
 * a routing step listed twice.
 */
export async function saveFollowupRules(db: Kysely<Database>, input: FollowupRulesInput, actor: Actor): Promise<FollowupRules> {
  for (const language of LANGUAGES) {
    (input.hotKeywords[language] ?? []).forEach((word, i) => {
      const problem = hotWordProblem(word);
      if (problem) throw invalid(`hotKeywords.${language}.${i}`, `"${word}" ${problem}`);
    });
  }
  if (input.hotDeadlineDays > input.deadlineDays) throw invalid('hotDeadlineDays', `must not be longer than deadlineDays (${input.deadlineDays})`);
  if (new Set(input.routing).size !== input.routing.length) throw invalid('routing', 'lists a step twice');
  if (input.reviewUrl !== null && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(input.reviewUrl)) throw invalid('reviewUrl', 'must be an https:// address');
  const keywords = Object.fromEntries(LANGUAGES.map((language) => [language, [...new Set((input.hotKeywords[language] ?? []).map((w) => w.trim()))]]));
  await db
    .updateTable('followup_rules')
    .set({
      detractor_max: input.detractorMax, hot_score_max: input.hotScoreMax, hot_keywords: JSON.stringify(keywords), hot_on_repeat: input.hotOnRepeat ? 1 : 0,
      deadline_days: input.deadlineDays, hot_deadline_days: input.hotDeadlineDays, unreachable_after: input.unreachableAfter,
      routing: JSON.stringify(input.routing), thank_promoters: input.thankPromoters ? 1 : 0, review_url: input.reviewUrl, updated_at: Date.now(), updated_by: actorColumns(actor).actor_id,
    })
    .where('id', '=', RULES_ID)
    .execute();
  return followupRules(db);
}

/** What makes an answer hot, and the hot words its comment names. */
export interface Heat {
  reasons: HotReason[];
  keywords: string[];
}

/** Why an answer is hot under the rules: its score, the words of its comment, a repeat contact (none: not hot). */
export function heatOf(answer: { score: number; comment: string | null; repeat: boolean }, rules: FollowupRules): Heat {
  const reasons: HotReason[] = [];
  if (answer.score <= rules.hotScoreMax) reasons.push('score');
  const keywords = answer.comment ? matcherOf(LANGUAGES.flatMap((language) => rules.hotKeywords[language]))(answer.comment) : [];
  if (keywords.length > 0) reasons.push('keyword');
  if (rules.hotOnRepeat && answer.repeat) reasons.push('repeat');
  return { reasons, keywords };
}

/** The matcher of the last list of hot words asked for: compiled once while the rules stay the same. */
let lastMatcher: { key: string; match: (comment: string) => string[] } | undefined;

function matcherOf(words: readonly string[]): (comment: string) => string[] {
  const key = JSON.stringify(words);
  if (lastMatcher?.key !== key) lastMatcher = { key, match: hotWordMatcher(words) };
  return lastMatcher.match;
}
