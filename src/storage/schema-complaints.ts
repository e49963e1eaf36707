import type { ActorKind } from './schema-base.js';
import type { ComplaintChannel } from '../shared/channels.js';
import type { Flag, Language } from './schema-base.js';

/**
 * Row types of complaints (src/complaints, ISO 10002). A complaint is a case (schema-cases.ts) of
 * kind `complaint`: its state, team, assignee, deadline and history live there; this row holds what
 * the customer complained about.
 */

export interface ComplaintTable {
  /** the case (cases.id) */
  case_id: string;
  /** what the customer quotes: REC-<year>-<6 digits>, a sequence per year of recording */
  reference: string;
  /** when the written complaint was received, or the time of the call or visit */
  received_at: number;
  channel: ComplaintChannel;
  /** complaint_categories.code */
  category: string;
  /** why it happened, as the investigation found it: separate from the category the customer's words fall in */
  root_cause: string | null;
  /** residential or business: the deadlines that apply (from the account, or the kind of customer) */
  segment: 'residential' | 'business';
  account_id: string | null;
  line_id: string | null;
  amount_disputed_cents: number | null;
  /** refunded to the customer, recorded with the answer (cents) */
  refund_cents: number | null;
  description: string;
  /** the language the customer is answered in */
  language: Language;
  /** the first deadlines, from the category and segment at intake, before any pause */
  ack_due_at: number;
  answer_due_at: number;
  acknowledged_at: number | null;
  /** the last answer (a reopened complaint is answered again) */
  answered_at: number | null;
  outcome: 'upheld' | 'partially_upheld' | 'not_upheld' | null;
  rejection_reason: string | null;
  /** the customer was told of the regulator's mediation (ILR) and the dates it needs */
  mediation_info_sent_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The editable taxonomy of complaints, with the deadlines of each category. */
export interface ComplaintCategoryTable {
  code: string;
  label_fr: string;
  label_de: string;
  label_en: string;
  active: Flag;
  sort_order: number;
  /** business days to acknowledge and to answer (residential customers, and business ones without their own) */
  ack_days: number;
  answer_days: number;
  /** business customers' deadlines; null: the same as residential */
  business_ack_days: number | null;
  business_answer_days: number | null;
}

/** The contacts (interactions) a complaint was made in or talked about. */
export interface ComplaintContactTable {
  case_id: string;
  interaction_id: string;
  linked_at: number;
}

/** The last reference number given each year. */
export interface ComplaintSequenceTable {
  year: number;
  last: number;
}

/**
 * A file attached to a complaint. Its bytes are in the blob store under `blob_key` (src/blobs); a
 * removed one keeps its row, with who removed it, when and why (its bytes are deleted).
 */
export interface ComplaintAttachmentTable {
  id: string;
  /** complaints.case_id */
  complaint_id: string;
  /** the name shown and downloaded under: the sender's, cleaned (src/shared/file-types.ts) */
  file_name: string;
  /** the type found in the content, never the one declared */
  content_type: string;
  size_bytes: number;
  /** SHA-256 of the bytes, lower-case hex */
  sha256: string;
  /** where the bytes are in the blob store: a key it made, never a path */
  blob_key: string;
  uploaded_at: number;
  /** who attached it, as the audit trail records actors */
  uploaded_by_kind: ActorKind;
  uploaded_by_id: string;
  /** removed then, by whom, why; null while it is attached */
  deleted_at: number | null;
  deleted_by_kind: ActorKind | null;
  deleted_by_id: string | null;
  deletion_reason: string | null;
}
