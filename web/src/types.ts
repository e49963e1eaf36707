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

export type { NpsRow } from '../../src/nps/nps-summary.js';
export type { SurveyRules } from '../../src/surveys/survey-rules.js';
export type { SurveyTexts, SurveyVersion, SurveyVersionInput } from '../../src/surveys/survey-definitions.js';

import type { SurveyVersion } from '../../src/surveys/survey-definitions.js';

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
