import type {
  Channel,
  Consents,
  CustomerCard,
  Language,
  CustomerSearchResults,
  DecisionCount,
  DemoLogin,
  DriverRow,
  ExternalStudy,
  InteractionView,
  NpsReport,
  OptOut,
  PhoneThread,
  Reason,
  Recognition,
  SmsGatewayStatus,
  SmsLogItem,
  SurveyDefinition,
  SurveyRules,
  SurveyVersion,
  SurveyVersionInput,
  TopicRow,
  User,
  Verbatim,
} from './types.js';

/** An RFC 9457 problem document, as the API returns on every error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** every refused field: `code` and `params` say what is wrong (the console words them), `reason` is English for API users */
  errors?: { field: string; reason: string; code?: string; params?: Record<string, string | number> }[];
  /** the values the detail is made of, for wording the problem in the reader's language */
  params?: Record<string, string | number>;
}

/** A failed API call: the problem the server sent, or a synthetic one when it could not be reached. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** the last segment of the problem type, e.g. "unknown-phone" */
  get code(): string {
    return this.problem.type.split('/').pop() ?? '';
  }
}

let onUnauthorized: (() => void) | undefined;

/** Called when any API call answers 401 (session expired): the app goes back to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** One call of the API: its JSON answer, or an ApiError with the server's problem. A FormData body goes as multipart/form-data, any other as JSON. */
export async function request<T>(method: string, path: string, body?: unknown, options: { quiet401?: boolean } = {}): Promise<T> {
  let response: Response;
  try {
    const form = body instanceof FormData;
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      // the browser writes a form's content type itself, with its boundary
      headers: body === undefined || form ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: 'about:blank#network', title: 'Network error', status: 0, detail: '' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const problem = isProblem(data)
      ? data
      : { type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail: '' };
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw new ApiError(problem);
  }
  return data as T;
}

function isProblem(data: unknown): data is Problem {
  return typeof data === 'object' && data !== null && 'status' in data && 'title' in data;
}

export const enc = encodeURIComponent;

/**
 * The `before` of the page after a row of a list paged newest first: the row's time and its key
 * (`<ms>:<key>`, as the API's `next`), so rows that share a millisecond are neither skipped nor repeated.
 */
export const after = (at: string, key: string): string => `${Date.parse(at)}:${key}`;

export const api = {
  login: (email: string, password: string) =>
    request<{ user: User }>('POST', '/api/v1/auth/login', { email, password }, { quiet401: true }),
  logout: () => request<void>('POST', '/api/v1/auth/logout', undefined, { quiet401: true }),
  me: () => request<{ user: User }>('GET', '/api/v1/auth/me', undefined, { quiet401: true }),
  demoLogins: () => request<{ demo: boolean; logins: DemoLogin[] }>('GET', '/api/v1/auth/demo-logins'),
  recognize: (phone: string) => request<Recognition>('GET', `/api/v1/recognize?phone=${enc(phone)}`),
  search: (q: string) => request<CustomerSearchResults>('GET', `/api/v1/customers?q=${enc(q)}`),
  card: (id: string) => request<CustomerCard>('GET', `/api/v1/customers/${enc(id)}`),
  interactions: (id: string, before: string, limit = 20) =>
    request<{ items: InteractionView[]; next: string | null }>(
      'GET',
      `/api/v1/customers/${enc(id)}/interactions?before=${enc(before)}&limit=${limit}`,
    ),
  consents: (id: string) => request<Consents>('GET', `/api/v1/customers/${enc(id)}/consents`),
  changeConsents: (id: string, change: { surveys?: boolean; marketing?: boolean; channel: Channel }) =>
    request<Consents>('PATCH', `/api/v1/customers/${enc(id)}/consents`, change),
  createCustomer: (input: NewCustomerInput) => request<{ id: string; customerNumber: string }>('POST', '/api/v1/customers', input),
  logInteraction: (input: NewInteractionInput) =>
    request<{ id: string; created: boolean }>('POST', '/api/v1/interactions', input),
  demoCall: (phone?: string) =>
    request<{ callId: string; phone: string; customerId: string | null }>('POST', '/api/v1/demo/calls', phone ? { phone } : {}),
  demoEndCall: (callId: string) => request<unknown>('POST', `/api/v1/demo/calls/${enc(callId)}/end`),
  reasons: (lang: string) => request<{ items: Reason[] }>('GET', `/api/v1/reasons?lang=${enc(lang)}`),
  phoneMessages: (msisdn: string) => request<PhoneThread>('GET', `/api/v1/phone-simulator/${enc(msisdn)}/messages`),
  phoneReply: (msisdn: string, text: string) => request<void>('POST', `/api/v1/phone-simulator/${enc(msisdn)}/reply`, { text }),
  nps: (params: QueryValues) => request<NpsReport>('GET', `/api/v1/nps?${query(params)}`),
  /** The same report as a CSV file, for an <a download> (the session cookie goes along). */
  npsCsvUrl: (params: QueryValues) => `/api/v1/nps?${query({ ...params, format: 'csv' })}`,
  npsTopics: (params: QueryValues) => request<{ rows: TopicRow[] }>('GET', `/api/v1/nps/topics?${query(params)}`),
  npsDrivers: (params: QueryValues) => request<{ rows: DriverRow[] }>('GET', `/api/v1/nps/drivers?${query(params)}`),
  npsVerbatims: (params: QueryValues) => request<{ items: Verbatim[]; next: string | null }>('GET', `/api/v1/nps/verbatims?${query(params)}`),
  studies: (params: QueryValues) => request<{ items: ExternalStudy[] }>('GET', `/api/v1/studies?${query(params)}`),
  surveyRules: () => request<SurveyRules>('GET', '/api/v1/surveys/rules'),
  saveSurveyRules: (rules: SurveyRulesInput) => request<void>('PUT', '/api/v1/surveys/rules', rules),
  surveyDefinitions: () => request<{ items: SurveyDefinition[] }>('GET', '/api/v1/surveys/definitions'),
  publishSurveyVersion: (name: string, input: SurveyVersionInput) =>
    request<SurveyVersion>('POST', `/api/v1/surveys/definitions/${enc(name)}/versions`, input),
  smsGateway: () => request<SmsGatewayStatus>('GET', '/api/v1/surveys/gateway'),
  smsMessages: (options: { limit?: number; before?: string | undefined; status?: string | undefined } = {}) =>
    request<{ items: SmsLogItem[]; next: string | null }>('GET', `/api/v1/surveys/messages?${query({ limit: options.limit ?? 50, before: options.before, status: options.status })}`),
  surveyDecisions: (from: string, to: string) =>
    request<{ items: DecisionCount[] }>('GET', `/api/v1/surveys/decisions?${query({ from, to })}`),
  optOuts: (options: { limit?: number; before?: string | undefined } = {}) =>
    request<{ items: OptOut[]; next: string | null }>('GET', `/api/v1/surveys/opt-outs?${query({ limit: options.limit ?? 50, before: options.before })}`),
};

/** Values of a query string; undefined ones are left out, '' is sent (an NPS filter on "not recorded"). */
export type QueryValues = Record<string, string | number | undefined>;

/** A query string from the defined values only. */
export function query(values: QueryValues): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${enc(key)}=${enc(String(value))}`)
    .join('&');
}

/** What PUT /surveys/rules takes: the rules without their ids. */
export type SurveyRulesInput = Omit<SurveyRules, 'id' | 'definitionId'>;

export interface NewCustomerInput {
  kind: 'individual' | 'organisation';
  givenName?: string;
  familyName?: string;
  organisationName?: string;
  preferredLanguage: Language;
  segment: 'residential' | 'business';
  phones?: string[];
  emails?: string[];
  lines?: { msisdn: string; plan: string }[];
  locality?: string;
}

export interface NewInteractionInput {
  customerId: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  reasonCode?: string;
  outcome?: string;
  resolved?: boolean;
  notes?: string;
  callId?: string;
  startedAt?: string;
  endedAt?: string;
}
