// The shapes the API returns, taken from the server code so both sides stay in step.
export type { CustomerCard, CustomerSummary } from '../../src/customers/customer-service.js';
export type { InteractionView } from '../../src/interactions/interaction-service.js';
export type { FcrStatus } from '../../src/interactions/fcr.js';
export type { Channel, Language, Role } from '../../src/storage/schema.js';

import type { CustomerCard, CustomerSummary } from '../../src/customers/customer-service.js';
import type { Role } from '../../src/storage/schema.js';

export interface User {
  id: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  language: string;
  abilities: string[];
  /** the NPS figures this user may see, as the server applies it (auth/policies.ts npsScope) */
  npsScope: { teams: 'none' | 'all' | 'own'; teamId: string | null };
}

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  displayName: string;
}

export interface Reason {
  code: string;
  label: string;
  labels: { fr: string; de: string; en: string };
  parentCode: string | null;
  active: boolean;
}

export interface Recognition {
  phone: string;
  matchedBy: 'line' | 'contact_point';
  card: CustomerCard;
  otherMatches: CustomerSummary[];
}

export interface IncomingCall {
  callId: string;
  phone: string;
  at: string;
  recognition: Recognition | null;
  state: 'ringing' | 'answered' | 'ended';
}

export type { Interval } from '../../src/shared/calendar.js';
export type { Dimension } from '../../src/nps/dimensions.js';
export type { Labels } from '../../src/nps/nps-table.js';
export type { DriverRow, TopicRow } from '../../src/nps/topics.js';
export type { Verbatim } from '../../src/nps/verbatims.js';
export type { ExternalStudy } from '../../src/studies/study-service.js';
export type { Topic } from '../../src/text/types.js';
export type { SurveyRules } from '../../src/surveys/survey-rules.js';
export type { SurveyTexts, SurveyVersion, SurveyVersionInput } from '../../src/surveys/survey-definitions.js';

import type { SurveyVersion } from '../../src/surveys/survey-definitions.js';
import type { Interval } from '../../src/shared/calendar.js';
import type { Dimension } from '../../src/nps/dimensions.js';
import type { Labels } from '../../src/nps/nps-table.js';

/**
 * One row of GET /nps (src/nps/nps-table.ts, docs/nps.md): a period, a group and a basis. The group
 * is in one column per grouped dimension (its key, '' when not recorded) and `<dimension>_name`
 * for teams, sites, advisors and reasons.
 */
export interface NpsReportRow {
  [column: string]: string | number | boolean | null;
  period: string;
  start: string;
  end: string;
  basis: string;
  nps: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
  reliable: boolean;
  rank: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  sent: number;
  response_rate: number | null;
  resolved_pct: number | null;
  previous_period: string | null;
  previous_nps: number | null;
  previous_n: number | null;
  change: number | null;
  p_value: number | null;
  significant: boolean;
}

export interface NpsReport {
  query: { from: string; to: string; interval: Interval; groupBy: Dimension[]; filters: Partial<Record<Dimension, string>> };
  source: 'aggregates' | 'raw';
  /** below this many responses a figure is unreliable */
  minResponses: number;
  columns: string[];
  labels: Labels;
  rows: NpsReportRow[];
}

/** The customer's latest survey answer, as the card shows it. */
export type LastSurvey = NonNullable<CustomerCard['lastSurvey']>;

/** One SMS of a simulated phone's thread: `to_phone` the phone received, `from_phone` it sent. */
export interface PhoneMessage {
  direction: 'to_phone' | 'from_phone';
  text: string;
  at: string;
  from: string;
  to: string;
}

export interface PhoneThread {
  msisdn: string;
  items: PhoneMessage[];
}

export interface SurveyDefinition {
  id: string;
  name: string;
  currentVersionId: string | null;
  versions: SurveyVersion[];
}

/** One line of the SMS log. */
export interface SmsLogItem {
  id: string;
  surveyId: string | null;
  direction: 'out' | 'in';
  purpose: string;
  msisdn: string;
  text: string;
  status: string;
  encoding: string | null;
  parts: number | null;
  error: string | null;
  attempts: number;
  /** when a message still waiting to go is tried again */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The SMS transport and the work waiting for it. */
export interface SmsGatewayStatus {
  gateway: { name: string; connected: boolean; lastError: string | null; inFlight: number } | null;
  pendingJobs: number;
  retrying: number;
  nextRetryAt: string | null;
  lastJobError: string | null;
}

export interface DecisionCount {
  outcome: 'survey' | 'skipped' | string;
  reason: string;
  count: number;
}

export interface OptOut {
  msisdn: string;
  optedOutAt: string;
  keyword: string;
}
