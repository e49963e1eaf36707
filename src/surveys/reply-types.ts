/** What the reply parser reads from an SMS reply to a survey (see reply-parser.ts). */
import type { Language } from '../shared/languages.js';

export interface ParseOptions {
  scale: { min: number; max: number };
  /** the survey asked "resolved? yes/no" */
  expectResolved?: boolean;
  /** the survey's language: decides between languages the reply's words leave tied ("merci") */
  languageHint?: Language;
}

export type UnclearReason = 'out_of_scale' | 'several_scores' | 'decimal' | 'no_score' | 'empty';

export type ReplyParse =
  | { kind: 'answer'; score: number | null; resolved: boolean | null; comment: string | null; language: Language | null }
  | { kind: 'opt_out'; keyword: string }
  | { kind: 'opt_in'; keyword: string }
  | { kind: 'unclear'; reason: UnclearReason; detail: string; comment: string | null };

/** A reply that does not name exactly one score in the scale. */
export const unclear = (reason: UnclearReason, detail: string, comment: string | null): ReplyParse => ({
  kind: 'unclear',
  reason,
  detail,
  comment,
});
