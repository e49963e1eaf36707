import type { MyAccountOut, MyComplaintsOut, MyContactsPageOut, SignInCodeAskedOut } from '../../../src/contract/self-service.js';
import type { LineConsumptionOut } from '../../../src/contract/usage.js';
import type { BillPageOut } from '../../../src/contract/billing.js';
import type { MyCallbackOut } from '../../../src/contract/callbacks.js';
import type { PasskeyCreationOptionsOut, PasskeyListOut, PasskeyOut, PasskeyRequestOptionsOut } from '../../../src/contract/passkeys.js';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';

/** A refusal of the customer API: its stable code, status and params (worded by the app, never its English detail). */
export class MyApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly fields: { field: string; code?: string; params?: Record<string, string | number> }[] = [],
  ) {
    super(code);
    this.name = 'MyApiError';
  }
}

export async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/my${path}`, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new MyApiError(0, 'offline');
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const code = typeof body.type === 'string' ? (body.type.split('/').pop() ?? 'error') : 'error';
    throw new MyApiError(response.status, code, (body.params as Record<string, string | number>) ?? {}, (body.errors as MyApiError['fields']) ?? []);
  }
  return body as T;
}

export const myApi = {
  askCode: (msisdn: string, language: string) => call<SignInCodeAskedOut>('/sign-in/code', { method: 'POST', body: { msisdn, language } }),
  verify: (challenge: string, code: string) => call<MyAccountOut>('/sign-in/verify', { method: 'POST', body: { challenge, code } }),
  askEmailCode: (email: string, language: string) => call<SignInCodeAskedOut>('/sign-in/email-code', { method: 'POST', body: { email, language } }),
  verifyEmailCode: (challenge: string, code: string) => call<MyAccountOut>('/sign-in/email-code/verify', { method: 'POST', body: { challenge, code } }),
  passkeySignInOptions: () => call<PasskeyRequestOptionsOut>('/sign-in/passkey/options', { method: 'POST' }),
  passkeySignIn: (ceremony: string, response: AuthenticationResponseJSON) => call<MyAccountOut>('/sign-in/passkey/verify', { method: 'POST', body: { ceremony, response } }),
  passkeys: () => call<PasskeyListOut>('/passkeys'),
  passkeyRegistrationOptions: () => call<PasskeyCreationOptionsOut>('/passkeys/registration-options', { method: 'POST' }),
  registerPasskey: (ceremony: string, name: string, response: RegistrationResponseJSON) => call<PasskeyOut>('/passkeys', { method: 'POST', body: { ceremony, name, response } }),
  removePasskey: (id: string) => call<void>(`/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  signOut: () => call<void>('/sign-out', { method: 'POST' }),
  account: () => call<MyAccountOut>('/account'),
  consumption: (msisdn: string) => call<LineConsumptionOut>(`/lines/${encodeURIComponent(msisdn)}/consumption`),
  consents: () => call<{ surveys: boolean; marketing: boolean }>('/consents'),
  saveConsents: (body: { surveys: boolean; marketing: boolean }) => call<{ surveys: boolean; marketing: boolean }>('/consents', { method: 'PUT', body }),
  roamingLimit: (msisdn: string, body: { off: boolean; limitCents?: number }) => call<LineConsumptionOut>(`/lines/${encodeURIComponent(msisdn)}/roaming-limit`, { method: 'PUT', body }),
  bills: (before?: string) => call<BillPageOut>(`/bills${before ? `?before=${encodeURIComponent(before)}` : ''}`),
  callbackSlots: () => call<{ items: { start: string; end: string }[] }>('/callback-slots'),
  callbacks: () => call<{ items: MyCallbackOut[] }>('/callbacks'),
  askCallback: (body: { slotStart: string; msisdn?: string; topic?: string }) => call<MyCallbackOut>('/callbacks', { method: 'POST', body }),
  cancelCallback: (id: string) => call<MyCallbackOut>(`/callbacks/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
  contacts: (before?: string) => call<MyContactsPageOut>(`/contacts${before ? `?before=${encodeURIComponent(before)}` : ''}`),
  complaints: () => call<MyComplaintsOut>('/complaints'),
  complaintCategories: () => call<{ items: { code: string; label: string }[] }>('/complaint-categories'),
  fileComplaint: (body: { category: string; description: string; msisdn?: string }) => call<{ id: string; reference: string }>('/complaints', { method: 'POST', body }),
};
