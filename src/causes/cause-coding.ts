import type { Kysely } from 'kysely';
import { actorColumns, type CommandLineActor } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { invalid } from '../shared/errors.js';
import type { CodedSubject, Database } from '../storage/schema.js';
import { type CodingInput, findCoding, saveCoding } from './cause-codings.js';
import { activeCause, UNKNOWN_CAUSE } from './cause-tree.js';

/**
 * Coding a root cause on a complaint, a follow-up or a repeat contact (docs/improvement.md, "Coding a
 * cause"): the person's choice checked (an active cause of the tree, or `unknown` with the reason no
 * cause was found), then kept with what the analysis counts it by. The subject's domain says what that
 * is (`CodingSubject`); a recoding replaces the coding, its earlier cause stays in the subject's history.
 */
export interface CauseChoice {
  causeCode: string;
  unknownReason?: string | null | undefined;
  /** the causes that were suggested when it was coded, best first */
  suggested?: readonly string[] | undefined;
}

/** What a subject gives a coding: everything but the cause, who coded it and when. */
export type CodingSubject = Omit<CodingInput, 'cause_code' | 'unknown_reason' | 'suggested' | 'coded_at' | 'coded_by_kind' | 'coded_by_id'>;

/** The choice as it will be kept; a 400 naming the field when it is not a cause that may be coded. */
export async function checkCauseChoice(db: Kysely<Database>, choice: CauseChoice): Promise<{ cause_code: string; unknown_reason: string | null }> {
  await activeCause(db, choice.causeCode, 'causeCode');
  const reason = choice.unknownReason?.trim() ? choice.unknownReason.trim() : null;
  if (choice.causeCode === UNKNOWN_CAUSE && !reason) throw invalid('unknownReason', 'is required with the unknown cause: say why no cause could be found');
  return { cause_code: choice.causeCode, unknown_reason: choice.causeCode === UNKNOWN_CAUSE ? reason : null };
}

/**
 * The cause an action on a case codes, checked, and what the action's event records (the cause, why
 * it is unknown, the cause it replaces); undefined when the action codes none. Refused (400, nothing
 * written): a cause given to an action that takes none, or none where one is `required`.
 */
export async function causeOfAction(
  db: Kysely<Database>,
  subject: { kind: CodedSubject; id: string },
  action: string,
  input: { causeCode?: string | undefined; unknownReason?: string | undefined },
  rules: { takenBy: readonly string[]; required: string | false },
): Promise<{ choice: CauseChoice; data: Record<string, string> } | undefined> {
  if (input.causeCode === undefined) {
    if (rules.required) throw invalid('causeCode', rules.required);
    return undefined;
  }
  if (!rules.takenBy.includes(action)) throw invalid('causeCode', `is taken by ${rules.takenBy.join(', ')}, not by ${action}`);
  const checked = await checkCauseChoice(db, { causeCode: input.causeCode, unknownReason: input.unknownReason });
  const coded = await findCoding(db, subject.kind, subject.id);
  return {
    choice: { causeCode: checked.cause_code, unknownReason: checked.unknown_reason },
    data: {
      causeCode: checked.cause_code,
      ...(checked.unknown_reason ? { unknownReason: checked.unknown_reason } : {}),
      ...(coded && coded.cause_code !== checked.cause_code ? { previousCause: coded.cause_code } : {}),
    },
  };
}

/** Codes (or recodes) a subject in the caller's transaction; returns the earlier cause, if any. */
export async function codeSubject(
  db: Kysely<Database>,
  subject: CodingSubject,
  choice: CauseChoice,
  actor: Actor | 'system' | CommandLineActor,
  at: number,
): Promise<{ previous: string | null }> {
  const checked = await checkCauseChoice(db, choice);
  const before = await findCoding(db, subject.subject_kind, subject.subject_id);
  const by = actorColumns(actor);
  await saveCoding(db, {
    ...subject, ...checked, suggested: choice.suggested?.length ? JSON.stringify(choice.suggested.slice(0, 10)) : null,
    coded_at: at, coded_by_kind: by.actor_kind, coded_by_id: by.actor_id,
  });
  return { previous: before?.cause_code ?? null };
}

/** Keeps an existing coding's copy of its subject up to date (team, amounts, linked contacts…); nothing when it is not coded. */
export async function refreshCoding(db: Kysely<Database>, subject: CodingSubject): Promise<void> {
  const before = await findCoding(db, subject.subject_kind, subject.subject_id);
  if (!before) return;
  await saveCoding(db, {
    ...subject, cause_code: before.cause_code, unknown_reason: before.unknown_reason, suggested: before.suggested,
    coded_at: before.coded_at, coded_by_kind: before.coded_by_kind, coded_by_id: before.coded_by_id,
  });
}

/** The plan of a line, or else of the account's first line, or else of the customer's first line; null without any. */
export async function planOf(db: Kysely<Database>, lineId: string | null, accountId: string | null, partyId: string | null): Promise<string | null> {
  if (lineId) {
    const line = await db.selectFrom('lines').select('plan').where('id', '=', lineId).executeTakeFirst();
    if (line) return line.plan;
  }
  if (!accountId && !partyId) return null;
  const first = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select('lines.plan')
    .$if(accountId !== null, (q) => q.where('accounts.id', '=', accountId!))
    .$if(accountId === null, (q) => q.where('accounts.party_id', '=', partyId!))
    .orderBy('lines.activated_at')
    .orderBy('lines.id')
    .limit(1)
    .executeTakeFirst();
  return first?.plan ?? null;
}
