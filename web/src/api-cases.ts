import { enc, query, request, type QueryValues } from './api.js';
import type {
  ComplaintActionResult,
  ComplaintAttachment,
  AttachmentLimits,
  Cause,
  CauseSuggestion,
  ComplaintCategory,
  ComplaintDetail,
  ComplaintEvent,
  ComplaintSummary,
  FollowupActionResult,
  FollowupDetail,
  FollowupEvent,
  FollowupSummary,
  ReaderTeam,
} from './types.js';

/** A page of a queue: its rows and the cursor of the next page (null on the last). */
export interface QueuePage<T> {
  items: T[];
  next: string | null;
}

/** What POST /complaints takes (docs/complaints.md). */
export interface NewComplaintInput {
  customerId: string;
  accountId?: string;
  lineId?: string;
  channel: string;
  category: string;
  description: string;
  /** ISO 8601: when a written complaint was received */
  receivedAt?: string;
  amountDisputedCents?: number | null;
  contactIds?: string[];
}

/** What an action on a complaint carries; each action reads the fields it needs. */
export interface ComplaintActionInput {
  reason?: string;
  expectedVersion?: number;
  assigneeId?: string | null;
  outcome?: string;
  rootCause?: string;
  description?: string;
  category?: string;
  interactionId?: string;
  /** transfer: the team it goes to */
  teamId?: string;
  /** answer: refunded, in cents */
  refundCents?: number;
  /** code-cause, close: the root cause from the tree, with why when unknown, and what was suggested */
  causeCode?: string;
  unknownReason?: string;
  suggestedCauses?: string[];
}

/** What an action on a follow-up carries; each action reads the fields it needs. */
export interface FollowupActionInput {
  reason?: string;
  expectedVersion?: number;
  reached?: boolean;
  cause?: string;
  causeCategory?: string;
  actionTaken?: string;
  complaint?: { category: string; description?: string; amountDisputedCents?: number | null };
  assigneeId?: string | null;
  /** transfer: the team it goes to */
  teamId?: string;
  /** code-cause, close: the root cause from the tree, with why when unknown, and what was suggested */
  causeCode?: string;
  unknownReason?: string;
  suggestedCauses?: string[];
}

/** The complaints and follow-ups API (docs/complaints.md, docs/followups.md) and the reader's team. */
export const casesApi = {
  readerTeam: () => request<ReaderTeam>('GET', '/api/v1/auth/team'),

  complaints: (params: QueryValues) => request<QueuePage<ComplaintSummary>>('GET', `/api/v1/complaints?${query(params)}`),
  /** The same filters as a CSV file, for an <a download> (the session cookie goes along). */
  complaintsCsvUrl: (params: QueryValues) => `/api/v1/complaints/export.csv?${query(params)}`,
  complaint: (id: string) => request<ComplaintDetail>('GET', `/api/v1/complaints/${enc(id)}`),
  complaintTimeline: (id: string) => request<{ items: ComplaintEvent[] }>('GET', `/api/v1/complaints/${enc(id)}/timeline`),
  createComplaint: (input: NewComplaintInput) => request<ComplaintDetail>('POST', '/api/v1/complaints', input),
  complaintAction: (id: string, action: string, input: ComplaintActionInput) =>
    request<ComplaintActionResult>('POST', `/api/v1/complaints/${enc(id)}/actions/${enc(action)}`, input),
  complaintComment: (id: string, text: string) => request<ComplaintActionResult>('POST', `/api/v1/complaints/${enc(id)}/comments`, { text }),
  assignComplaints: (ids: string[], assigneeId: string | null) =>
    request<{ items: { id: string; assigneeId: string | null; version: number }[] }>('POST', '/api/v1/complaints/assign', { ids, assigneeId }),
  complaintAttachments: (id: string) => request<{ items: ComplaintAttachment[]; limits: AttachmentLimits }>('GET', `/api/v1/complaints/${enc(id)}/attachments`),
  /** The file sent as multipart/form-data, field `file`: the server finds its type in its content. */
  attachToComplaint: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ComplaintAttachment>('POST', `/api/v1/complaints/${enc(id)}/attachments`, form);
  },
  removeComplaintAttachment: (id: string, attachmentId: string, reason: string) =>
    request<ComplaintAttachment>('DELETE', `/api/v1/complaints/${enc(id)}/attachments/${enc(attachmentId)}`, { reason }),
  /** An attachment's download, for an <a download> (the session cookie goes along). */
  complaintAttachmentUrl: (id: string, attachmentId: string) => `/api/v1/complaints/${enc(id)}/attachments/${enc(attachmentId)}`,
  /** The root causes suggested for a complaint or a follow-up, best first (never applied). */
  causeSuggestions: (kind: 'complaint' | 'followup', id: string) =>
    request<{ items: CauseSuggestion[] }>('GET', `/api/v1/${kind === 'complaint' ? 'complaints' : 'followups'}/${enc(id)}/cause-suggestions`),
  causes: (lang: string) => request<{ items: Cause[] }>('GET', `/api/v1/causes?lang=${enc(lang)}`),
  complaintCategories: (lang: string) => request<{ items: ComplaintCategory[] }>('GET', `/api/v1/complaint-categories?lang=${enc(lang)}`),

  followups: (params: QueryValues) => request<QueuePage<FollowupSummary>>('GET', `/api/v1/followups?${query(params)}`),
  followupsCsvUrl: (params: QueryValues) => `/api/v1/followups/export.csv?${query(params)}`,
  followup: (id: string) => request<FollowupDetail>('GET', `/api/v1/followups/${enc(id)}`),
  followupTimeline: (id: string) => request<{ items: FollowupEvent[] }>('GET', `/api/v1/followups/${enc(id)}/timeline`),
  followupAction: (id: string, action: string, input: FollowupActionInput) =>
    request<FollowupActionResult>('POST', `/api/v1/followups/${enc(id)}/actions/${enc(action)}`, input),
  assignFollowups: (ids: string[], assigneeId: string | null) =>
    request<{ assigned: number }>('POST', '/api/v1/followups/assign', { ids, assigneeId }),
};
