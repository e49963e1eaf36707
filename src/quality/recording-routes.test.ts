import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedEndedCalls, seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { toneWav } from './synthetic-audio.js';

const MAX = 200 * 1024;
type Caller = 'admin' | 'advisor' | 'stranger' | 'lead' | 'coach';

for (const engine of await testEngines()) {
  describe(`contacts' recordings over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let dir: string;
    let headers: Record<Caller, Record<string, string>>;
    let contacts: string[];
    let recordingId: string;
    const wav = toneWav(3, 440);
    const url = (path: string) => `${server.url}/api/v1${path}`;
    const json = async (response: Response) => ({ status: response.status, body: await response.json() });
    const upload = (caller: Caller, interactionId: string, bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.append('interactionId', interactionId);
      form.append('file', new File([bytes], 'call.wav', { type: 'audio/wav' }));
      return fetch(url('/quality/recordings'), { method: 'POST', headers: headers[caller], body: form }).then(json);
    };
    const blobFiles = async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    const rows = async () => (await storage.db.selectFrom('recordings').select('id').execute()).length;
    const plays = async () => (await storage.db.selectFrom('audit_log').select('id').where('via', '=', 'recordings').execute()).length;
    const play = async (caller: Caller, id = recordingId) => fetch(url(`/quality/recordings/${id}/plays`), { method: 'POST', headers: headers[caller] }).then(json);
    const audio = (caller: Caller, path: string, range?: string) => fetch(`${server.url}${path}`, { headers: { ...headers[caller], ...(range ? { range } : {}) } });

    before(async () => {
      storage = await engine.open();
      dir = await mkdtemp(join(tmpdir(), 'ecoute-recordings-'));
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Shops');
      await createUser(storage.db, { email: 'admin@recordings.test', displayName: 'Ada Admin', role: 'admin', password: 'correct horse' });
      await createUser(storage.db, { email: 'lead@recordings.test', displayName: 'Luc Lead', role: 'team_lead', teamId: team.teamId, password: 'correct horse' });
      await createUser(storage.db, { email: 'coach@recordings.test', displayName: 'Cora Coach', role: 'quality_coach', password: 'correct horse' });
      contacts = (await seedEndedCalls(storage.db, 3, team.advisorId)).map((c) => c.interactionId);
      const config = loadConfig({ demoMode: false, blobs: { store: 'disk', dir }, recordings: { maxBytes: MAX, playMinutes: 120 } });
      server = await startServer({ storage, config, port: 0 });
      const login = async (email: string) => {
        const response = await fetch(url('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
        assert.equal(response.status, 200);
        return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
      };
      headers = {
        admin: await login('admin@recordings.test'),
        advisor: await login(`advisor.${team.teamId.slice(-6)}@ecoute.test`),
        stranger: await login(`advisor.${other.teamId.slice(-6)}@ecoute.test`),
        lead: await login('lead@recordings.test'),
        coach: await login('coach@recordings.test'),
      };
    });
    after(async () => {
      await server?.close();
      await storage?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('stores a WAV handed over, with its duration and waveform computed on the server', async () => {
      const stored = await upload('admin', contacts[0]!, wav);
      assert.equal(stored.status, 201, JSON.stringify(stored.body));
      recordingId = stored.body.id;
      assert.deepEqual([stored.body.format, stored.body.mediaType, stored.body.bytes, stored.body.durationMs, stored.body.sampleRate, stored.body.channels], ['wav', 'audio/wav', wav.length, 3000, 8000, 1]);
      assert.equal(stored.body.peaks.length, 2000);
      assert.ok(Math.max(...stored.body.peaks) > 0.45 && Math.min(...stored.body.peaks) < -0.45, 'a tone of amplitude 0.5 peaks near ±0.5');
      assert.equal(await blobFiles(), 1);
    });

    it('refuses what is no recording, too large, damaged, or a second one for the contact, and stores nothing', async () => {
      const exe = Buffer.from('MZ\u0090\u0000 this program cannot be run in DOS mode, nor be heard', 'latin1');
      const refusals: [Uint8Array<ArrayBuffer>, number, string, string][] = [
        [new Uint8Array(exe), 415, 'recording-type-not-allowed', contacts[1]!],
        [new Uint8Array(Buffer.from('%PDF-1.4 a bill, not a call')), 415, 'recording-type-not-allowed', contacts[1]!],
        [new Uint8Array(MAX + 1).fill(1), 413, 'recording-too-large', contacts[1]!],
        [new Uint8Array(Buffer.concat([Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEjunk'), Buffer.alloc(40, 9)])), 422, 'recording-undecodable', contacts[1]!],
        [wav, 409, 'recording-exists', contacts[0]!],
      ];
      for (const [bytes, status, code, contact] of refusals) {
        const refused = await upload('admin', contact, bytes);
        assert.equal(refused.status, status, code);
        assert.match(refused.body.type, new RegExp(code));
      }
      assert.equal((await upload('advisor', contacts[1]!, wav)).status, 403, 'an advisor hands over nothing');
      assert.equal(await rows(), 1);
      assert.equal(await blobFiles(), 1);
    });

    it('gives the player its metadata within the scope, and refuses a colleague of another team', async () => {
      const mine = await fetch(url(`/quality/recordings/${recordingId}`), { headers: headers.advisor }).then(json);
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.redactions, []);
      assert.equal((await fetch(url(`/quality/contacts/${contacts[0]}/recording`), { headers: headers.lead }).then(json)).body.id, recordingId);
      assert.equal((await fetch(url(`/quality/recordings/${recordingId}`), { headers: headers.stranger })).status, 403);
      assert.equal((await fetch(url(`/quality/recordings/${recordingId}`), { headers: headers.admin })).status, 403);
    });

    it('writes one audit row per play, and streams the audio by ranges: first bytes, middle, suffix, whole, 416', async () => {
      const before = await plays();
      const started = await play('advisor');
      assert.equal(started.status, 201);
      assert.equal(await plays(), before + 1);
      const audit = await storage.db.selectFrom('audit_log').selectAll().where('via', '=', 'recordings').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.action, 'customer.read');
      const path: string = started.body.url;

      const first = await audio('advisor', path, 'bytes=0-99');
      assert.equal(first.status, 206);
      assert.equal(first.headers.get('content-range'), `bytes 0-99/${wav.length}`);
      assert.equal(first.headers.get('content-length'), '100');
      assert.equal(first.headers.get('accept-ranges'), 'bytes');
      assert.ok(first.headers.get('etag'));
      assert.deepEqual(new Uint8Array(await first.arrayBuffer()), wav.subarray(0, 100));

      const middle = await audio('advisor', path, 'bytes=20000-');
      assert.equal(middle.status, 206);
      assert.equal(middle.headers.get('content-range'), `bytes 20000-${wav.length - 1}/${wav.length}`);
      assert.deepEqual(new Uint8Array(await middle.arrayBuffer()), wav.subarray(20000));

      const suffix = await audio('advisor', path, 'bytes=-500');
      assert.equal(suffix.status, 206);
      assert.deepEqual(new Uint8Array(await suffix.arrayBuffer()), wav.subarray(wav.length - 500));

      const whole = await audio('advisor', path);
      assert.equal(whole.status, 200);
      assert.equal(whole.headers.get('content-length'), String(wav.length));
      assert.deepEqual(new Uint8Array(await whole.arrayBuffer()), wav);

      const past = await audio('advisor', path, `bytes=${wav.length}-`);
      assert.equal(past.status, 416);
      assert.equal(past.headers.get('content-range'), `bytes */${wav.length}`);
      await past.arrayBuffer();
      assert.equal(await plays(), before + 1, 'ranges of one play are not more plays');
    });

    it('serves a play only to its reader, with its token, within the scope: nothing else is read or audited', async () => {
      const before = await plays();
      const refused = await play('stranger');
      assert.equal(refused.status, 403);
      assert.equal((await play('admin')).status, 403);
      assert.equal(await plays(), before, 'a refused play is not audited');
      const path: string = (await play('advisor')).body.url;
      const stolen = await audio('stranger', path, 'bytes=0-99');
      assert.equal(stolen.status, 403);
      assert.doesNotMatch(stolen.headers.get('content-type') ?? '', /audio/);
      await stolen.arrayBuffer();
      const coachWithAdvisorsToken = await audio('coach', path, 'bytes=0-99');
      assert.equal(coachWithAdvisorsToken.status, 403);
      assert.match((await coachWithAdvisorsToken.json()).type, /play-token-invalid/);
      const forged = await audio('advisor', path.replace(/play=[^&]+/, 'play=abc.def'));
      assert.equal(forged.status, 403);
      await forged.arrayBuffer();
      const coach = await play('coach');
      assert.equal(coach.status, 201, 'a coach reaches every contact');
    });

    it('silences a redacted span for good: those samples are zero, every other byte unchanged, the old audio deleted', async () => {
      assert.equal((await fetch(url(`/quality/recordings/${recordingId}/redactions`), { method: 'POST', headers: { ...headers.advisor, 'content-type': 'application/json' }, body: JSON.stringify({ startMs: 1000, endMs: 2000, reason: 'card' }) })).status, 403);
      const bad = await fetch(url(`/quality/recordings/${recordingId}/redactions`), { method: 'POST', headers: { ...headers.lead, 'content-type': 'application/json' }, body: JSON.stringify({ startMs: 2000, endMs: 1000, reason: 'card' }) }).then(json);
      assert.equal(bad.status, 400);
      const redacted = await fetch(url(`/quality/recordings/${recordingId}/redactions`), {
        method: 'POST', headers: { ...headers.lead, 'content-type': 'application/json' }, body: JSON.stringify({ startMs: 1000, endMs: 2000, reason: 'Card number read out' }),
      }).then(json);
      assert.equal(redacted.status, 201, JSON.stringify(redacted.body));
      assert.deepEqual(redacted.body.redactions.map((r: { startMs: number; endMs: number }) => [r.startMs, r.endMs]), [[1000, 2000]]);
      const path: string = (await play('lead')).body.url;
      const now = new Uint8Array(await (await audio('lead', path)).arrayBuffer());
      assert.equal(now.length, wav.length, 'a 16-bit mono WAV comes back as one of the same size');
      const span = [44 + 1000 * 8 * 2, 44 + 2000 * 8 * 2];
      assert.ok(now.subarray(span[0], span[1]).every((b) => b === 0), 'the span is silent');
      assert.ok(wav.subarray(span[0], span[1]).some((b) => b !== 0), 'it was not before');
      assert.deepEqual(now.subarray(0, span[0]), wav.subarray(0, span[0]));
      assert.deepEqual(now.subarray(span[1]), wav.subarray(span[1]));
      const peaks: number[] = redacted.body.peaks;
      assert.ok(peaks.slice(700, 1300).every((p) => p === 0), 'the waveform of the span is flat');
      assert.equal(await blobFiles(), 1, 'the audio before the redaction is deleted');
    });
  });
}
