import type { ComplaintActionInput, FollowupActionInput } from '../api-cases.js';
import { eurosToCents } from '../cases.js';

/**
 * The fields an action's form may hold, named as the API names what it refuses (`errors[].field`),
 * so the server's reason shows under the right field.
 */
export type ActionField =
  | 'reason'
  | 'reached'
  | 'outcome'
  | 'rootCause'
  | 'cause'
  | 'causeCategory'
  | 'actionTaken'
  | 'complaint'
  | 'complaint.category'
  | 'complaint.amountDisputedCents'
  | 'complaint.description'
  | 'assigneeId'
  | 'teamId'
  | 'description'
  | 'category'
  | 'interactionId'
  | 'causeCode'
  | 'unknownReason'
  | 'refundCents';

/** What the form of an action asks: its fields, which are required, and how its button looks. */
export interface ActionSpec {
  action: string;
  fields: readonly ActionField[];
  required: readonly ActionField[];
  /** a main step of the case: the first of them its state allows is the button in the accent colour */
  primary?: boolean;
  /** the note is the reason the action needs, labelled so */
  reasonIsWhy?: boolean;
}

/** The cause coded when none could be found: its reason is then required. */
export const UNKNOWN_CAUSE = 'unknown';

/** The assignee chosen to give the case back to its team's queue (nobody holds it). */
export const TO_TEAM = 'team';

/** The form as typed: every field as text ('yes'/'no' for reached, 'on' for the complaint box). */
export type Draft = Partial<Record<ActionField, string>>;

const note = ['reason'] as const;

/** The actions of a follow-up a person takes from its page (comments have a form of their own). */
export const FOLLOWUP_SPECS: readonly ActionSpec[] = [
  { action: 'attempt', fields: ['reached', 'reason'], required: ['reached'], primary: true },
  {
    action: 'close',
    fields: ['cause', 'causeCategory', 'actionTaken', 'causeCode', 'unknownReason', 'complaint', 'complaint.category', 'complaint.amountDisputedCents', 'complaint.description'],
    required: [],
    primary: true,
  },
  { action: 'code-cause', fields: ['causeCode', 'unknownReason', 'reason'], required: ['causeCode'] },
  { action: 'assign', fields: ['assigneeId', 'reason'], required: ['assigneeId'] },
  { action: 'transfer', fields: ['teamId', 'reason'], required: ['teamId'] },
  { action: 'pause', fields: note, required: [] },
  { action: 'resume', fields: note, required: [] },
  { action: 'cancel', fields: note, required: ['reason'], reasonIsWhy: true },
  { action: 'reopen', fields: note, required: ['reason'], reasonIsWhy: true },
];

/** The actions of a complaint a person takes from its page (comments have a form of their own). */
export const COMPLAINT_SPECS: readonly ActionSpec[] = [
  { action: 'acknowledge', fields: note, required: [], primary: true },
  { action: 'investigate', fields: note, required: [], primary: true },
  { action: 'answer', fields: ['outcome', 'rootCause', 'refundCents', 'reason'], required: ['outcome'], primary: true },
  { action: 'close', fields: ['causeCode', 'unknownReason', 'reason'], required: [], primary: true },
  { action: 'code-cause', fields: ['causeCode', 'unknownReason', 'reason'], required: ['causeCode'] },
  { action: 'assign', fields: ['assigneeId'], required: ['assigneeId'] },
  { action: 'transfer', fields: ['teamId', 'reason'], required: ['teamId', 'reason'], reasonIsWhy: true },
  { action: 'link-contact', fields: ['interactionId'], required: ['interactionId'] },
  { action: 'edit', fields: ['description', 'category', 'reason'], required: ['reason'], reasonIsWhy: true },
  { action: 'pause', fields: note, required: [] },
  { action: 'resume', fields: note, required: [] },
  { action: 'reject', fields: note, required: ['reason'], reasonIsWhy: true },
  { action: 'reopen', fields: note, required: ['reason'], reasonIsWhy: true },
];

/** The fields a draft leaves empty that the action needs (the complaint's category once the box is ticked). */
export function missingFields(spec: ActionSpec, draft: Draft, extra: readonly ActionField[] = []): ActionField[] {
  const needed = [
    ...spec.required,
    ...extra,
    ...(spec.fields.includes('complaint') && draft.complaint === 'on' ? (['complaint.category'] as const) : []),
    ...(spec.fields.includes('unknownReason') && draft.causeCode === UNKNOWN_CAUSE ? (['unknownReason'] as const) : []),
  ];
  return needed.filter((field) => !draft[field]?.trim());
}

const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** An amount typed in euros that is not one: refused before sending. */
export class AmountError extends Error {
  constructor(readonly field: ActionField) {
    super('not an amount');
  }
}

/** The root cause of a draft, with why when unknown and the causes that were suggested. */
function causeInput(draft: Draft, suggested: readonly string[]): { causeCode?: string; unknownReason?: string; suggestedCauses?: string[] } {
  const code = text(draft.causeCode);
  if (!code) return {};
  return {
    causeCode: code,
    ...(code === UNKNOWN_CAUSE && text(draft.unknownReason) ? { unknownReason: text(draft.unknownReason)! } : {}),
    ...(suggested.length ? { suggestedCauses: [...suggested] } : {}),
  };
}

/** The API input of a follow-up's action from its draft. */
export function followupInput(draft: Draft, version: number, suggested: readonly string[] = []): FollowupActionInput {
  const input: FollowupActionInput = { expectedVersion: version, ...causeInput(draft, suggested) };
  if (text(draft.reason)) input.reason = text(draft.reason)!;
  if (draft.reached) input.reached = draft.reached === 'yes';
  if (text(draft.cause)) input.cause = text(draft.cause)!;
  if (text(draft.causeCategory)) input.causeCategory = text(draft.causeCategory)!;
  if (text(draft.actionTaken)) input.actionTaken = text(draft.actionTaken)!;
  if (text(draft.assigneeId)) input.assigneeId = draft.assigneeId === TO_TEAM ? null : draft.assigneeId!;
  if (text(draft.teamId)) input.teamId = text(draft.teamId)!;
  if (draft.complaint === 'on') {
    const cents = eurosToCents(draft['complaint.amountDisputedCents'] ?? '');
    if (cents === undefined) throw new AmountError('complaint.amountDisputedCents');
    input.complaint = {
      category: text(draft['complaint.category']) ?? '',
      ...(text(draft['complaint.description']) ? { description: text(draft['complaint.description'])! } : {}),
      ...(cents !== null ? { amountDisputedCents: cents } : {}),
    };
  }
  return input;
}

/** The API input of a complaint's action from its draft. */
export function complaintInput(draft: Draft, version: number, suggested: readonly string[] = []): ComplaintActionInput {
  const input: ComplaintActionInput = { expectedVersion: version, ...causeInput(draft, suggested) };
  const refund = eurosToCents(draft.refundCents ?? '');
  if (refund === undefined) throw new AmountError('refundCents');
  if (refund !== null) input.refundCents = refund;
  if (text(draft.reason)) input.reason = text(draft.reason)!;
  if (text(draft.outcome)) input.outcome = text(draft.outcome)!;
  if (text(draft.rootCause)) input.rootCause = text(draft.rootCause)!;
  if (text(draft.description)) input.description = text(draft.description)!;
  if (text(draft.category)) input.category = text(draft.category)!;
  if (text(draft.interactionId)) input.interactionId = text(draft.interactionId)!;
  if (text(draft.assigneeId)) input.assigneeId = draft.assigneeId === TO_TEAM ? null : draft.assigneeId!;
  if (text(draft.teamId)) input.teamId = text(draft.teamId)!;
  return input;
}
