import type { Kysely } from 'kysely';
import { actorColumns, type CommandLineActor } from '../auth/audit.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
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

/** A coding's cause as it is kept: `unknown` with the reason no cause was found (a 400 naming the field without it), another cause without one. Reads nothing. */
export function keptChoice(choice: CauseChoice): { cause_code: string; unknown_reason: string | null } {
  const reason = choice.unknownReason?.trim() ? choice.unknownReason.trim() : null;
  if (choice.causeCode === UNKNOWN_CAUSE && !reason) throw invalid('unknownReason', 'is required with the unknown cause: say why no cause could be found', 'required');
  return { cause_code: choice.causeCode, unknown_reason: choice.causeCode === UNKNOWN_CAUSE ? reason : null };
}

/** The choice as it will be kept; a 400 naming the field when it is not a cause that may be coded. */
export async function checkCauseChoice(db: Kysely<Database>, choice: CauseChoice): Promise<{ cause_code: string; unknown_reason: string | null }> {
  await activeCause(db, choice.causeCode, 'causeCode');
  return keptChoice(choice);
}

/** Which actions of a kind of case take a cause, and whether this one requires it (false, or the message of the 400 when it is missing). */
export interface ActionCodingRules {
  takenBy: readonly string[];
  required: string | false;
}

/** What an action codes: the choice, and what the action's event records (the cause, why it is unknown, the cause it replaces). */
export interface ActionCoding {
  choice: CauseChoice;
  data: Record<string, string>;
}

/**
 * The cause an action on a case codes, without reading anything (the cause already checked active),
 * from the subject's cause before it (`coded`, null: none): what `causeOfAction` decides, and what the
 * demo's history codes with. Undefined when the action codes none; throws (400) as `causeOfAction` refuses.
 */
export function actionCoding(
  action: string,
  input: { causeCode?: string | undefined; unknownReason?: string | undefined },
  rules: ActionCodingRules,
  coded: string | null,
): ActionCoding | undefined {
  if (input.causeCode === undefined) {
    if (rules.required) throw invalid('causeCode', rules.required, 'required');
    return undefined;
  }
  if (!rules.takenBy.includes(action)) throw invalid('causeCode', `is taken by ${rules.takenBy.join(', ')}, not by ${action}`, 'not-taken-by-action', { action });
  const checked = keptChoice({ causeCode: input.causeCode, unknownReason: input.unknownReason });
  return {
    choice: { causeCode: checked.cause_code, unknownReason: checked.unknown_reason },
    data: {
      causeCode: checked.cause_code,
      ...(checked.unknown_reason ? { unknownReason: checked.unknown_reason } : {}),
      ...(coded !== null && coded !== checked.cause_code ? { previousCause: coded } : {}),
    },
  };
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
  rules: ActionCodingRules,
): Promise<ActionCoding | undefined> {
  const codes = input.causeCode !== undefined && rules.takenBy.includes(action);
  if (codes) await activeCause(db, input.causeCode!, 'causeCode');
  const coded = codes ? ((await findCoding(db, subject.kind, subject.id))?.cause_code ?? null) : null;
  return actionCoding(action, input, rules, coded);
}

/** A subject's coding as a person's choice (checked) makes it at `at`: what `codeSubject` saves. Reads nothing. */
export function codedInput(
  subject: CodingSubject,
  checked: { cause_code: string; unknown_reason: string | null },
  suggested: readonly string[] | undefined,
  actor: Actor | 'system' | CommandLineActor | CustomerActor,
  at: number,
): CodingInput {
  const by = actorColumns(actor);
  return {
    ...subject, ...checked, suggested: suggested?.length ? JSON.stringify(suggested.slice(0, 10)) : null,
    coded_at: at, coded_by_kind: by.actor_kind, coded_by_id: by.actor_id,
  };
}

/** An existing coding with its subject as it is now, the cause and who coded it when kept: what `refreshCoding` saves. Reads nothing. */
export function refreshedInput(subject: CodingSubject, before: CodingInput): CodingInput {
  return {
    ...subject, cause_code: before.cause_code, unknown_reason: before.unknown_reason, suggested: before.suggested,
    coded_at: before.coded_at, coded_by_kind: before.coded_by_kind, coded_by_id: before.coded_by_id,
  };
}

/** Codes (or recodes) a subject in the caller's transaction; returns the earlier cause, if any. */
export async function codeSubject(
  db: Kysely<Database>,
  subject: CodingSubject,
  choice: CauseChoice,
  actor: Actor | 'system' | CommandLineActor | CustomerActor,
  at: number,
): Promise<{ previous: string | null }> {
  const checked = await checkCauseChoice(db, choice);
  const before = await findCoding(db, subject.subject_kind, subject.subject_id);
  await saveCoding(db, codedInput(subject, checked, choice.suggested, actor, at));
  return { previous: before?.cause_code ?? null };
}

/** Keeps an existing coding's copy of its subject up to date (team, amounts, linked contacts…); nothing when it is not coded. */
export async function refreshCoding(db: Kysely<Database>, subject: CodingSubject): Promise<void> {
  const before = await findCoding(db, subject.subject_kind, subject.subject_id);
  if (!before) return;
  await saveCoding(db, refreshedInput(subject, before));
}

/** A line as the plan of a coding is looked for: its plan, its account and when it was activated. */
export interface LinePlan {
  id: string;
  account_id: string;
  plan: string;
  activated_at: number;
}

/**
 * The plan a coding is counted by, among lines that hold the customer's: the line's, or else the plan
 * of the account's first line (activated first, then by id), or else of the customer's first line
 * (`accountId` null); null without any. What `planOf` reads, for the lines already in hand.
 */
export function planAmong(lines: readonly LinePlan[], lineId: string | null, accountId: string | null): string | null {
  if (lineId) {
    const line = lines.find((l) => l.id === lineId);
    if (line) return line.plan;
  }
  let first: LinePlan | undefined;
  for (const l of lines) {
    if (accountId !== null && l.account_id !== accountId) continue;
    if (!first || Number(l.activated_at) < Number(first.activated_at) || (Number(l.activated_at) === Number(first.activated_at) && l.id < first.id)) first = l;
  }
  return first?.plan ?? null;
}

/** The plan of a line, or else of the account's first line, or else of the customer's first line; null without any. */
export async function planOf(db: Kysely<Database>, lineId: string | null, accountId: string | null, partyId: string | null): Promise<string | null> {
  if (!lineId && !accountId && !partyId) return null;
  const lines = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select(['lines.id', 'lines.account_id', 'lines.plan', 'lines.activated_at'])
    .where((eb) =>
      eb.or([
        ...(lineId ? [eb('lines.id', '=', lineId)] : []),
        ...(accountId ? [eb('accounts.id', '=', accountId)] : partyId ? [eb('accounts.party_id', '=', partyId)] : []),
      ]),
    )
    .execute();
  return planAmong(lines, lineId, accountId);
}
