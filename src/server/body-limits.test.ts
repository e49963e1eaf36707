import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createApiToken } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import type { Storage } from '../storage/database.js';
import { startServer, type RunningServer } from './server.js';

const MiB = 1024 * 1024;

/**
 * Streams a body of up to `total` bytes in 64 KiB chunks, without a Content-Length (chunked), and
 * stops as soon as the server answers. Resolves with the answer and how many bytes were sent by then.
 */
function streamBody(url: string, path: string, total: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string | undefined; body: string; sent: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let answered = false;
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (body += part));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body, sent });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const [sqlite] = await testEngines();

describe('request body limits', () => {
  let storage: Storage;
  let server: RunningServer;
  let token: string;

  before(async () => {
    storage = await sqlite!.open();
    token = (await createApiToken(storage.db, 'cti', 'integration', ['recognition', 'contacts', 'customers'])).token;
    server = await startServer({ storage, config: loadConfig({ demoMode: false, maxBodyBytes: 64 * 1024 }), port: 0 });
  });
  after(async () => {
    await server?.close();
    await storage?.close();
  });

  it('refuses a 200 MB login body streamed without a length as soon as it passes 4 KiB, without reading it all', async () => {
    const answer = await streamBody(server.url, '/api/v1/auth/login', 200 * MiB);
    assert.equal(answer.status, 413);
    assert.equal(answer.type, 'application/problem+json');
    assert.match(JSON.parse(answer.body).detail, /over 4 KiB/);
    assert.ok(answer.sent < 32 * MiB, `the client sent ${answer.sent} bytes before the answer`);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.lu', password: 'x'.repeat(5000) }),
    });
    assert.equal(response.status, 413);
    assert.match((await response.json()).type, /too-large$/);
  });

  it('caps the telephony webhook at 16 KiB before the signature is checked', async () => {
    const answer = await streamBody(server.url, '/api/v1/telephony/events', 50 * MiB);
    assert.equal(answer.status, 413);
    assert.ok(answer.sent < 32 * MiB);
  });

  it('caps every other route at the configured default (ECOUTE_MAX_BODY_BYTES)', async () => {
    const answer = await streamBody(server.url, '/api/v1/interactions', 50 * MiB, { authorization: `Bearer ${token}` });
    assert.equal(answer.status, 413);
    assert.match(JSON.parse(answer.body).detail, /over 64 KiB/);
    // Under the cap the route answers as usual.
    const small = await fetch(`${server.url}/api/v1/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel: 'fax', notes: 'x'.repeat(30 * 1024) }),
    });
    assert.equal(small.status, 400);
  });

  it('reads the configured caps from the environment', () => {
    process.env.ECOUTE_MAX_BODY_BYTES = '2048';
    try {
      assert.equal(loadConfig().maxBodyBytes, 2048);
      process.env.ECOUTE_MAX_BODY_BYTES = '12';
      assert.throws(() => loadConfig(), /ECOUTE_MAX_BODY_BYTES must be a whole number between 1024/);
    } finally {
      delete process.env.ECOUTE_MAX_BODY_BYTES;
    }
  });
});
