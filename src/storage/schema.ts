import type { Generated } from 'kysely';
import type { ActorKind, Channel, Direction, Flag, Language, Role } from './schema-base.js';
import type { QualitySampleAdvisorTable, QualitySampleItemTable, QualitySampleTable } from './schema-quality-sampling.js';
import type { CaseEventTable, CaseTable } from './schema-cases.js';
import type { ComplaintCountTable, ComplaintDurationTable, ComplaintFactTable } from './schema-complaint-report.js';
import type { RecordingRedactionTable, RecordingTable } from './schema-quality-recordings.js';
import type { ComplaintAttachmentTable, ComplaintCategoryTable, ComplaintContactTable, ComplaintSequenceTable, ComplaintTable } from './schema-complaints.js';
import type { FollowupRulesTable, FollowupTable } from './schema-followups.js';
import type {
  ContactCountsTable, NpsCountsTable, OptOutTable, SmsEarlyReceiptTable, SmsGatewayIdTable, SmsMessageTable, SurveyDecisionTable,
  ComplaintSurveyTable, SurveyDefinitionTable, SurveyReplyTable, SurveyResponseTable, SurveyRulesTable, SurveyTable, SurveyVersionTable, TopicCountsTable,
} from './schema-surveys.js';
import type { CauseCodingTable, CauseCountTable, CauseTable, DepartmentTable } from './schema-causes.js';
import type { ActionCauseTable, ActionEvidenceTable, ActionSequenceTable, ActionTable } from './schema-actions.js';
import type { EmailMessageTable, MessageTemplateTable, NotificationTable } from './schema-notifications.js';
import type { CoachingActionTable, CoachingSessionTable } from './schema-quality-coaching.js';
import type { TrainingAttendanceTable, TrainingRequirementTable, TrainingSessionTable, TrainingTable } from './schema-quality-training.js';
import type { EvaluationAnswerTable, EvaluationDisputeTable, EvaluationEventTable, EvaluationTable, ScorecardTable, ScorecardVersionTable } from './schema-quality-evaluations.js';
import type { PlanBucketTable, PlanTable, UsageCounterTable, UsageEventTable } from './schema-usage.js';
import type { BillTable } from './schema-billing.js';
import type { PlanChangeTable } from './schema-plan-changes.js';
import type { DeviceTable } from './schema-devices.js';
import type { CallbackTable } from './schema-callbacks.js';
import type { EmailSignInCodeTable, PasskeyChallengeTable, PasskeyTable } from './schema-passkeys.js';
import type { CalibrationContactTable, CalibrationEvaluatorTable, CalibrationScoreTable, CalibrationSessionTable } from './schema-quality-calibration.js';

/**
 * Row types of every table (the surveys' in schema-surveys.ts, the cases' in schema-cases.ts, the complaints' in
 * schema-complaints.ts, the follow-ups' in schema-followups.ts, the improvement actions' in schema-actions.ts), and the database they make.
 * Storage conventions: schema-base.ts.
 */
export type * from './schema-base.js';
export type * from './schema-surveys.js';
export type * from './schema-quality-sampling.js';
export type * from './schema-causes.js';
export type * from './schema-actions.js';
export type * from './schema-usage.js';
export type * from './schema-billing.js';
export type * from './schema-plan-changes.js';
export type * from './schema-devices.js';
export type * from './schema-cases.js';
export type * from './schema-complaints.js';
export type * from './schema-quality-recordings.js';
export type * from './schema-complaint-report.js';
export type * from './schema-notifications.js';
export type * from './schema-followups.js';
export type * from './schema-passkeys.js';

export interface SiteTable {
  id: string;
  code: string;
  name: string;
  kind: 'call_centre' | 'shop';
  city: string;
  created_at: number;
}

export interface TeamTable {
  id: string;
  name: string;
  site_id: string | null;
  created_at: number;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  team_id: string | null;
  site_id: string | null;
  /** scrypt hash (`scrypt$N$r$p$salt$hash`), null for accounts that cannot log in */
  password_hash: string | null;
  language: Language;
  active: Flag;
  created_at: number;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  token_hash: string;
  role: Role;
  /** space-separated scopes (src/auth/policies.ts, SCOPE_ACTIONS) */
  scopes: string;
  created_at: number;
  revoked_at: number | null;
  expires_at: number | null;
  /** updated at most once a minute, not on every request */
  last_used_at: number | null;
}

export interface PartyTable {
  id: string;
  customer_number: string;
  kind: 'individual' | 'organisation';
  given_name: string | null;
  family_name: string | null;
  organisation_name: string | null;
  display_name: string;
  /** display_name folded to lower case without accents, for search */
  search_name: string;
  preferred_language: Language;
  consent_surveys: Flag;
  consent_marketing: Flag;
  created_at: number;
  updated_at: number;
  /** when the customer's personal data was erased (src/privacy); null: not erased */
  erased_at: number | null;
  /** the import that created the customer (import_batches), null otherwise */
  import_batch_id: string | null;
  /** the town or locality the customer lives in (shown in search results and on the card); null: not known */
  locality: string | null;
}

/** A search word of a customer's name (src/shared/fold.ts `searchTerms`), one row per distinct word. */
export interface PartySearchTermTable {
  term: string;
  party_id: string;
  /** the name's search words joined by spaces: the order of the results */
  name: string;
}

export interface AccountTable {
  id: string;
  account_number: string;
  party_id: string;
  segment: 'residential' | 'business';
  account_manager_id: string | null;
  status: 'active' | 'closed';
  created_at: number;
  /** the day of the month (1–28, Europe/Luxembourg) each billing period starts on */
  billing_day: Generated<number>;
}

export interface LineTable {
  id: string;
  account_id: string;
  msisdn: string;
  kind: 'mobile' | 'landline';
  plan: string;
  status: 'active' | 'suspended' | 'terminated';
  activated_at: number;
  /** when the line's SIM card or number last changed; null: not since activation (a sign-in code waits a few days after) */
  sim_changed_at: number | null;
  /** what a person signed in with this line sees: every line of the customer, or this one; null: by the account's segment */
  self_service: SelfServiceScope | null;
  /** spending limit on data roaming outside the EU/EEA per billing period, in cents excl. VAT (default 5,000: 50 EUR) */
  roaming_limit_cents: Generated<number>;
  /** 1: the customer chose to go on past the limit (no stop, no warning) */
  roaming_limit_off: Generated<Flag>;
  /** the billing period data roaming was stopped in at the limit, and when; null: not stopped */
  roaming_stopped_period: number | null;
  roaming_stopped_at: number | null;
  /** the country of the line's latest usage event (ISO 3166-1 alpha-2) and that event's time; null: none yet */
  last_country: string | null;
  last_country_at: number | null;
}

/** What a customer signed in with a line sees: every line of the customer (`account`) or that line (`line`). */
export type SelfServiceScope = 'account' | 'line';

/** A one-time sign-in code asked for a number (docs/self-service.md, "Sign-in"). */
export interface SignInCodeTable {
  id: string;
  /** keyed hash of the number asked for, customer or not */
  number_key: string;
  /** the line the code went to; null: no active mobile line of a customer has the number (nothing sent) */
  line_id: string | null;
  code_hash: string;
  /** the code until its SMS is queued */
  pending_code: string | null;
  language: Language;
  attempts: number;
  created_at: number;
  expires_at: number;
  /** used, or superseded by a newer code */
  ended_at: number | null;
}

/** A customer's session in the customer app, apart from the staff's. */
export interface CustomerSessionTable {
  token_hash: string;
  party_id: string;
  /** the line signed in with */
  line_id: string;
  scope: SelfServiceScope;
  /** how the customer proved themselves: an SMS code (a restricted authenticator), a passkey or a code by e-mail */
  factor: 'sms' | 'passkey' | 'email';
  /** the passkey signed in with (factor `passkey`); null otherwise */
  passkey_id: string | null;
  created_at: number;
  expires_at: number;
}

export interface ContactPointTable {
  id: string;
  party_id: string;
  kind: 'phone' | 'email';
  value: string;
  is_primary: Flag;
}

export interface ReasonTable {
  code: string;
  label_fr: string;
  label_de: string;
  label_en: string;
  parent_code: string | null;
  active: Flag;
  sort_order: number;
}

export interface InteractionTable {
  id: string;
  external_id: string | null;
  party_id: string;
  account_id: string | null;
  channel: Channel;
  direction: Direction;
  reason_code: string | null;
  started_at: number;
  ended_at: number | null;
  advisor_id: string | null;
  team_id: string | null;
  site_id: string | null;
  outcome: string | null;
  /** resolved in this contact, as the advisor recorded it (null: not recorded) */
  resolved: Flag | null;
  recording_ref: string | null;
  notes: string | null;
  /** number the customer called from or was called on */
  phone: string | null;
  /** earlier contact of the same customer for the same reason within the FCR window */
  repeat_of: string | null;
  /** start of the next contact of the same customer for the same reason within the FCR window */
  next_contact_at: number | null;
  created_at: number;
  /** the import that created the contact (import_batches), null otherwise */
  import_batch_id: string | null;
}

export interface CallTable {
  call_id: string;
  from_number: string;
  to_number: string | null;
  advisor_id: string | null;
  party_id: string | null;
  state: 'ringing' | 'answered' | 'ended';
  ringing_at: number | null;
  answered_at: number | null;
  ended_at: number | null;
  interaction_id: string | null;
}

export interface WebhookReceiptTable {
  webhook_id: string;
  received_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_kind: ActorKind;
  actor_id: string;
  action: string;
  party_id: string | null;
  via: string;
  /** the phone number read, where a read is by number (SMS log, opt-outs, phone simulator) */
  subject: string | null;
}

/** Counters of the login throttle (rate-limiter-flexible's store, src/auth/rate-limit-store.ts). */
export interface RateLimitTable {
  key: string;
  points: number;
  /** epoch ms when the counter ends; null: never */
  expire: number | null;
}

export interface OutboxTable {
  id: Generated<number>;
  /**
   * what to do: interaction.ended, survey.send, sms.send, privacy.retention (the day's purge: ref_id is the day),
   * notification.send (ref_id: the notification), complaint.acknowledged / answered / closed (ref_id: the case event),
   * followup.hot (a hot follow-up pushed to its owner's console: ref_id is `<case id>:<version>`), followup.deadlines
   * (missed deadlines escalated: ref_id is the hour), attachment.blob-delete (the bytes of a removed or erased attachment:
   * ref_id is the blob key)
   */
  topic: string;
  ref_id: string;
  run_after: number;
  attempts: number;
  /** a worker holds it until then; past it another worker may take it over */
  locked_until: number | null;
  last_error: string | null;
  done_at: number | null;
  created_at: number;
}

/**
 * A relational NPS study run by an external firm, imported from CSV (src/studies): its own sample
 * and basis, shown beside the transactional NPS and never added to it.
 */
export interface ExternalStudyTable {
  id: string;
  firm: string;
  /** the study's name, as the firm gives it */
  name: string;
  /** first and last day of the period, Europe/Luxembourg calendar dates YYYY-MM-DD */
  period_start: string;
  period_end: string;
  /** lower case (residential, business, all …); null when the file gives none */
  segment: string | null;
  /** respondents */
  n: number;
  scale_min: number;
  scale_max: number;
  promoter_min: number;
  detractor_max: number;
  /** shares of the respondents, 0–1, summing to 1 */
  promoters: number;
  passives: number;
  detractors: number;
  /** JSON `ScoreDistribution` (src/studies/study-figures.ts) when the file gave one */
  distribution: string | null;
  /** the firm's notes on its method */
  method: string | null;
  /** name of the imported file */
  source_file: string;
  imported_at: number;
  /** user or API token that imported it; null from the command line */
  imported_by: string | null;
}

/** The consents a customer gives or withdraws (src/privacy/consents.ts). */
export type Consent = 'surveys' | 'marketing';

/** One change of one consent: who recorded it, when, old and new value, and how the customer told us. */
export interface ConsentChangeTable {
  id: Generated<number>;
  party_id: string;
  consent: Consent;
  old_value: Flag;
  new_value: Flag;
  /** the channel the customer used to give or withdraw it */
  channel: Channel;
  changed_at: number;
  actor_kind: ActorKind;
  actor_id: string;
}

/** An erasure (GDPR art. 17): who, when, why and how many rows; never any personal data. */
export interface ErasureTable {
  id: string;
  party_id: string;
  erased_at: number;
  actor_kind: ActorKind;
  actor_id: string;
  reason: string;
  /** JSON: rows changed per table */
  counts: string;
}

/** One imported file (src/imports/import-batches.ts). */
export interface ImportBatchTable {
  id: string;
  kind: 'customers' | 'interactions';
  file_name: string;
  /** staging: rows being checked and staged; publishing: being written; published; failed: undone */
  status: 'staging' | 'publishing' | 'published' | 'failed';
  started_at: number;
  /** last sign of life of the importing process: a batch left behind by a stopped process is undone */
  heartbeat_at: number;
  finished_at: number | null;
  /** rows published */
  rows: number;
  /** contacts: the FCR window their repeat links were computed with (to set them back on undo) */
  fcr_window_days: number | null;
}

/** A checked row of an import, waiting until the whole file has passed. */
export interface ImportStagedRowTable {
  batch_id: string;
  seq: number;
  line: number;
  /** the checked row, as JSON */
  payload: string;
}

export interface Database {
  sites: SiteTable;
  teams: TeamTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  parties: PartyTable;
  party_search_terms: PartySearchTermTable;
  accounts: AccountTable;
  lines: LineTable;
  contact_points: ContactPointTable;
  sign_in_codes: SignInCodeTable;
  customer_sessions: CustomerSessionTable;
  passkeys: PasskeyTable;
  passkey_challenges: PasskeyChallengeTable;
  email_sign_in_codes: EmailSignInCodeTable;
  reasons: ReasonTable;
  interactions: InteractionTable;
  calls: CallTable;
  webhook_receipts: WebhookReceiptTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitTable;
  survey_definitions: SurveyDefinitionTable;
  survey_versions: SurveyVersionTable;
  survey_rules: SurveyRulesTable;
  surveys: SurveyTable;
  survey_decisions: SurveyDecisionTable;
  sms_messages: SmsMessageTable;
  sms_gateway_ids: SmsGatewayIdTable;
  sms_early_receipts: SmsEarlyReceiptTable;
  survey_replies: SurveyReplyTable;
  complaint_surveys: ComplaintSurveyTable;
  survey_responses: SurveyResponseTable;
  opt_outs: OptOutTable;
  outbox: OutboxTable;
  nps_counts: NpsCountsTable;
  topic_counts: TopicCountsTable;
  contact_counts: ContactCountsTable;
  external_studies: ExternalStudyTable;
  consent_changes: ConsentChangeTable;
  erasures: ErasureTable;
  import_batches: ImportBatchTable;
  import_staged_rows: ImportStagedRowTable;
  message_templates: MessageTemplateTable;
  notifications: NotificationTable;
  email_messages: EmailMessageTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  complaints: ComplaintTable;
  complaint_categories: ComplaintCategoryTable;
  causes: CauseTable;
  cause_codings: CauseCodingTable;
  cause_counts: CauseCountTable;
  departments: DepartmentTable;
  actions: ActionTable;
  action_causes: ActionCauseTable;
  action_evidence: ActionEvidenceTable;
  action_sequences: ActionSequenceTable;
  complaint_contacts: ComplaintContactTable;
  complaint_sequences: ComplaintSequenceTable;
  complaint_attachments: ComplaintAttachmentTable;
  followups: FollowupTable;
  followup_rules: FollowupRulesTable;
  complaint_facts: ComplaintFactTable;
  complaint_counts: ComplaintCountTable;
  complaint_durations: ComplaintDurationTable;
  scorecards: ScorecardTable;
  scorecard_versions: ScorecardVersionTable;
  evaluations: EvaluationTable;
  evaluation_answers: EvaluationAnswerTable;
  evaluation_disputes: EvaluationDisputeTable;
  evaluation_events: EvaluationEventTable;
  calibration_sessions: CalibrationSessionTable;
  calibration_contacts: CalibrationContactTable;
  calibration_evaluators: CalibrationEvaluatorTable;
  calibration_scores: CalibrationScoreTable;
  recordings: RecordingTable;
  recording_redactions: RecordingRedactionTable;
  quality_samples: QualitySampleTable;
  quality_sample_advisors: QualitySampleAdvisorTable;
  quality_sample_items: QualitySampleItemTable;
  coaching_sessions: CoachingSessionTable;
  coaching_actions: CoachingActionTable;
  trainings: TrainingTable;
  training_sessions: TrainingSessionTable;
  training_attendance: TrainingAttendanceTable;
  training_requirements: TrainingRequirementTable;
  plans: PlanTable;
  plan_buckets: PlanBucketTable;
  usage_events: UsageEventTable;
  usage_counters: UsageCounterTable;
  bills: BillTable;
  plan_changes: PlanChangeTable;
  devices: DeviceTable;
  callbacks: CallbackTable;
}
