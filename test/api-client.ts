import assert from 'node:assert/strict';

/** A call's answer as route tests read it: status, content type, and the body as JSON or text. */
export interface ApiAnswer {
  status: number;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Calls `/api/v1{path}` of a running server with the caller's headers: GET, or POST when there is a body, unless `method` says otherwise. */
export async function callApi(baseUrl: string, headers: Record<string, string>, path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: type.includes('json') ? await response.json() : await response.text() };
}

/** Logs a person in (the test password) and answers the headers that carry their session. */
export async function loginHeaders(baseUrl: string, email: string, password = 'correct horse'): Promise<{ cookie: string }> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(response.status, 200, `${email} could not log in`);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}
