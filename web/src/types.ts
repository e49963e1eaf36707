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
