import type { CaseEvent, CaseRow } from '../cases/case-service.js';
import type {
  ComplaintActionResult, ComplaintAttachment, ComplaintCategory as CategoryOut, ComplaintDetail as DetailOut, ComplaintEvent, ComplaintEventData, ComplaintSummary as SummaryOut,
} from '../contract/complaints.js';
import type { ActorRef, Attachment } from './complaint-attachments.js';
import type { ComplaintCategory } from './complaint-categories.js';
import type { ComplaintState } from './complaint-kind.js';
import type { ComplaintDetail, ComplaintSummary } from './complaint-queries.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** A complaint in a list. */
export function presentSummary(c: ComplaintSummary): SummaryOut {
  return {
    id: c.id, reference: c.reference, state: c.state, customer: { id: c.customer.id, customerNumber: c.customer.customerNumber, name: c.customer.name },
    channel: c.channel, category: c.category, receivedAt: iso(c.receivedAt), teamId: c.teamId, assigneeId: c.assigneeId, hot: c.hot,
    dueAt: isoOrNull(c.dueAt), deadline: c.deadline, paused: c.paused, amountDisputedCents: c.amountDisputedCents,
  };
}

/** A complaint with everything on it. */
export function presentDetail(c: ComplaintDetail): DetailOut {
  return {
    ...presentSummary(c),
    accountId: c.accountId, lineId: c.lineId, segment: c.segment, description: c.description, language: c.language, rootCause: c.rootCause,
    teamName: c.teamName, assigneeName: c.assigneeName, ackDueAt: iso(c.ackDueAt), answerDueAt: iso(c.answerDueAt),
    acknowledgedAt: isoOrNull(c.acknowledgedAt), answeredAt: isoOrNull(c.answeredAt), closedAt: isoOrNull(c.closedAt), outcome: c.outcome,
    rejectionReason: c.rejectionReason, mediationInfoSentAt: isoOrNull(c.mediationInfoSentAt), pausedMs: c.pausedMs, version: c.version,
    actions: [...c.actions], contactIds: [...c.contactIds],
    satisfaction: c.satisfaction && {
      ...c.satisfaction, sentAt: isoOrNull(c.satisfaction.sentAt), receivedAt: isoOrNull(c.satisfaction.receivedAt),
    },
    cause: c.cause && { code: c.cause.code, unknownReason: c.cause.unknownReason, codedAt: iso(c.cause.codedAt) },
    refundCents: c.refundCents,
  };
}

/** One event of a complaint's timeline. */
export function presentEvent(e: CaseEvent): ComplaintEvent {
  return {
    id: e.id, at: iso(e.at), actor: { kind: e.actorKind, id: e.actorId, name: e.actorName }, action: e.action,
    fromState: e.fromState as ComplaintState | null, toState: e.toState as ComplaintState, reason: e.reason, data: e.data === null ? null : presentEventData(e.data),
  };
}

/** The keys of an event's data that a complaint's events carry, each mapped. */
function presentEventData(d: Record<string, unknown>): ComplaintEventData {
  const text = (k: string) => (typeof d[k] === 'string' ? { [k]: d[k] as string } : {});
  const edited = d.edited as { description?: { from: string; to: string }; category?: { from: string; to: string } } | undefined;
  const file = d.attachment as { id: string; fileName: string; contentType: string; sizeBytes: number } | undefined;
  return {
    ...text('reference'), ...text('category'), ...text('fromCase'), ...text('teamId'), ...text('rootCause'), ...text('interactionId'),
    ...text('causeCode'), ...text('unknownReason'), ...text('previousCause'),
    ...(typeof d.refundCents === 'number' ? { refundCents: d.refundCents } : {}),
    ...(typeof d.channel === 'string' ? { channel: d.channel as ComplaintEventData['channel'] } : {}),
    ...(typeof d.outcome === 'string' ? { outcome: d.outcome as ComplaintEventData['outcome'] } : {}),
    ...('assigneeId' in d ? { assigneeId: (d.assigneeId as string | null) ?? null } : {}),
    ...(typeof d.pausedMs === 'number' ? { pausedMs: d.pausedMs } : {}),
    ...('dueAt' in d ? { dueAt: isoOrNull((d.dueAt as number | null) ?? null) } : {}),
    ...(edited
      ? { edited: { ...(edited.description ? { description: { from: edited.description.from, to: edited.description.to } } : {}), ...(edited.category ? { category: { from: edited.category.from, to: edited.category.to } } : {}) } }
      : {}),
    ...(file ? { attachment: { id: file.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes } } : {}),
  };
}

const actorOut = (a: ActorRef) => ({ kind: a.kind, id: a.id, name: a.name });

/** A file attached to a complaint, or removed from it. */
export function presentAttachment(a: Attachment): ComplaintAttachment {
  return {
    id: a.id, complaintId: a.complaintId, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256,
    uploadedAt: iso(a.uploadedAt), uploadedBy: actorOut(a.uploadedBy),
    removed: a.removed === null ? null : { at: iso(a.removed.at), by: actorOut(a.removed.by), reason: a.removed.reason },
  };
}

/** Where a complaint stands after an action. */
export function presentActionResult(result: { case: CaseRow; eventId: string }): ComplaintActionResult {
  const c = result.case;
  return { id: c.id, state: c.state as ComplaintState, version: c.version, dueAt: isoOrNull(c.due_at), eventId: result.eventId };
}

export function presentCategory(c: ComplaintCategory): CategoryOut {
  return {
    code: c.code, label: c.label, labels: { fr: c.labels.fr, de: c.labels.de, en: c.labels.en }, active: c.active, sortOrder: c.sortOrder,
    ackDays: c.ackDays, answerDays: c.answerDays, businessAckDays: c.businessAckDays, businessAnswerDays: c.businessAnswerDays,
  };
}

/** The columns of the CSV export, in order. No description nor comment: the export is for counting and following up. */
export const CSV_COLUMNS = [
  'reference', 'state', 'customer_number', 'channel', 'category', 'segment', 'received_at', 'acknowledged_at', 'answered_at', 'closed_at',
  'due_at', 'deadline', 'paused', 'team', 'assignee', 'amount_disputed_cents', 'outcome', 'root_cause', 'rejection_reason',
] as const;

/** A complaint as a row of the CSV export. */
export function csvRow(c: ComplaintDetail): Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> {
  return {
    reference: c.reference, state: c.state, customer_number: c.customer.customerNumber, channel: c.channel, category: c.category, segment: c.segment,
    received_at: iso(c.receivedAt), acknowledged_at: isoOrNull(c.acknowledgedAt), answered_at: isoOrNull(c.answeredAt), closed_at: isoOrNull(c.closedAt),
    due_at: isoOrNull(c.dueAt), deadline: c.deadline, paused: c.paused, team: c.teamName, assignee: c.assigneeName,
    amount_disputed_cents: c.amountDisputedCents, outcome: c.outcome, root_cause: c.rootCause, rejection_reason: c.rejectionReason,
  };
}
