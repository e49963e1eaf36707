import assert from 'node:assert/strict';
import { callApi } from '../../test/api-client.js';
import type { Storage } from '../storage/database.js';
import { signInCodeHandler } from './sign-in-sms.js';

/**
 * Signs a customer in as their phone would: asks a code over the API, runs the job that queues its
 * SMS, reads the code from the message's secret and sends it back. The limits of codes per number are
 * cleared first: tests that sign in often are not about them. Answers the session's cookie header and
 * the whole `Set-Cookie` the server sent.
 */
export async function customerSignIn(baseUrl: string, storage: Storage, msisdn: string): Promise<{ cookie: string; setCookie: string }> {
  await storage.db.deleteFrom('rate_limits').execute();
  const asked = await callApi(baseUrl, {}, '/my/sign-in/code', { body: { msisdn, language: 'en' } });
  assert.equal(asked.status, 202);
  await signInCodeHandler(storage.db)(asked.body.challenge, undefined as never);
  const sms = await storage.db.selectFrom('sms_messages').select('secret').where('msisdn', '=', msisdn).where('purpose', '=', 'sign_in_code').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const response = await fetch(`${baseUrl}/api/v1/my/sign-in/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge: asked.body.challenge, code: sms.secret }) });
  assert.equal(response.status, 200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0]!, setCookie };
}
