import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../src/auth/api-tokens.js';
import { createUser } from '../src/auth/auth-service.js';
import { can, scopesForRole, type Actor } from '../src/auth/policies.js';
import { ROUTE_ACCESS } from '../src/auth/route-policies.js';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server/server.js';
import { ROLES, TOKEN_SCOPES, type Role, type TokenScope } from '../src/shared/roles.js';
import type { Storage } from '../src/storage/database.js';
import { testEngines } from './engines.js';
import { seedCustomer, seedTeam } from './fixtures.js';

/**
 * Every route of the OpenAPI description × every role (a logged-in person) and every token scope
 * (a token of each role the scope gives something), against the expectations of
 * src/auth/route-policies.ts and the rules of src/auth/policies.ts. Authorization does not depend on
 * the engine: this runs on SQLite.
 */

/** A valid request for each route that needs input, so that a refusal is the authorization's, not the validation's. */
/**
 * A request each route is called with. `answers`: the status a public route gives this example
 * whoever calls (a code that is not the one sent: the route's own refusal, not the gate's).
 */
const EXAMPLES: Record<string, { answers?: number; query?: string; body?: unknown; csv?: string; file?: { name: string; text: string }; fields?: Record<string, string>; params?: Record<string, string> }> = {
  'POST /api/v1/auth/login': { body: { email: 'matrix.advisor@ecoute.test', password: 'correct horse' } },
  'GET /api/v1/recognize': { query: 'phone=621123456' },
  'POST /api/v1/my/sign-in/code': { body: { msisdn: '+352621999001' } },
  'POST /api/v1/my/sign-in/verify': { body: { challenge: 'unknown', code: '123456' }, answers: 401 },
  'POST /api/v1/my/sign-in/email-code': { body: { email: 'matrix.customer@example.lu' } },
  'POST /api/v1/my/sign-in/email-code/verify': { body: { challenge: 'unknown', code: '123456' }, answers: 401 },
  // the matrix's server answers at 127.0.0.1 without ECOUTE_PUBLIC_URL: passkeys are unavailable there, past the gate
  'POST /api/v1/my/sign-in/passkey/options': { answers: 503 },
  'POST /api/v1/my/sign-in/passkey/verify': {
    body: { ceremony: 'unknown', response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} } },
    answers: 503,
  },
  'GET /api/v1/customers': { query: 'q=weber' },
  'GET /api/v1/review/monthly': { query: 'month=2026-11' },
  'POST /api/v1/customers': { body: { givenName: 'Paul', familyName: 'Muller' } },
  'POST /api/v1/interactions': { body: { customerId: '{customer}', channel: 'email', reasonCode: 'billing', resolved: true } },
  'PUT /api/v1/interactions/{id}/cause': { body: { causeCode: 'billing.roaming' } },
  'PUT /api/v1/reasons/{code}': { body: { labels: { fr: 'Facture', de: 'Rechnung', en: 'Bill' } } },
  'POST /api/v1/reasons/{code}/move': { body: { direction: 'down' } },
  'POST /api/v1/telephony/events': { body: { type: 'call.ringing' } },
  'POST /api/v1/surveys/definitions/{name}/versions': {
    body: {
      scale: { min: 1, max: 10 }, promoterMin: 9, detractorMax: 6, askResolved: false, askComment: false,
      texts: { fr: { question: 'Note de {min} à {max} ?', thanks: 'Merci', clarification: 'Un chiffre de 1 à 10', optOutConfirmation: 'Désinscrit', optInConfirmation: 'Réinscrit' } },
    },
  },
  'PUT /api/v1/surveys/rules': { body: '{rules}' },
  'GET /api/v1/surveys/decisions': { query: 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z' },
  'POST /api/v1/studies/import': { query: 'dryRun=true', csv: 'firm,study,period,segment,n,promoters,passives,detractors\nInstitut Alzette,Baromètre,2025-Q1,residential,1000,45%,30%,25%' },
  'POST /api/v1/phone-simulator/{msisdn}/reply': { body: { text: 'STOP' } },
  // A customer nobody has: the shared one stays as it is for the other routes.
  'POST /api/v1/customers/{id}/erasure': { params: { id: 'no-such-customer' }, body: { reason: 'request DPO-2026-1' } },
  'PATCH /api/v1/customers/{id}/consents': { body: { surveys: true, channel: 'phone' } },
  'POST /api/v1/tokens': { body: { name: 'matrix', role: 'integration', scopes: ['recognition'] } },
  // the administration of accounts, teams and sites: {id} is no account, team nor site (404 past the gate)
  'POST /api/v1/users': { body: { email: 'matrix.new@ecoute.test', displayName: 'Nouvelle recrue', role: 'advisor', teamId: '{team}' } },
  'PATCH /api/v1/users/{id}': { body: { displayName: 'Renamed' } },
  'POST /api/v1/teams': { body: { name: 'Matrix team' } },
  'PATCH /api/v1/teams/{id}': { body: { name: 'Matrix team renamed' } },
  'POST /api/v1/sites': { body: { name: 'Shop Esch', kind: 'shop', city: 'Esch-sur-Alzette' } },
  'PATCH /api/v1/sites/{id}': { body: { city: 'Esch-sur-Alzette' } },
  'GET /api/v1/notifications': { query: 'ref=customer:{customer}' },
  'POST /api/v1/message-templates': { body: { key: 'complaint.acknowledged', channel: 'sms', language: 'en', body: 'Complaint {reference} received.' } },
  'POST /api/v1/complaints': { body: { customerId: '{customer}', channel: 'phone', category: 'billing', description: 'Billed twice', teamId: '{team}' } },
  'GET /api/v1/complaints/report': { query: 'from=2026-01-01&to=2026-01-31' },
  'POST /api/v1/complaints/assign': { body: { ids: ['{customer}'], assigneeId: null } },
  'POST /api/v1/complaints/{id}/comments': { body: { text: 'Called the customer back' } },
  'POST /api/v1/complaints/{id}/attachments': { file: { name: 'letter.txt', text: 'Scanned letter of 1 December' } },
  'DELETE /api/v1/complaints/{id}/attachments/{attachmentId}': { body: { reason: 'Attached by mistake' } },
  'POST /api/v1/quality/recordings': { file: { name: 'call.wav', text: 'not audio' }, fields: { interactionId: 'no-such-contact' } },
  'GET /api/v1/quality/recordings/{id}/audio': { query: 'play=not-a-token' },
  'POST /api/v1/quality/recordings/{id}/redactions': { body: { startMs: 0, endMs: 1000, reason: 'Card number read out' } },
  'PUT /api/v1/causes/{code}': { body: { labels: { fr: 'Facturation', de: 'Abrechnung', en: 'Billing' } } },
  'PUT /api/v1/departments/{code}': { body: { labels: { fr: 'Facturation', de: 'Abrechnung', en: 'Billing' } } },
  'GET /api/v1/analysis/pareto': { query: 'from=2026-01-01&to=2026-01-31' },
  // contacts: every reader of the analysis reads cards (complaints and follow-ups are not every reader's)
  'GET /api/v1/analysis/pareto/{cause}/items': { query: 'from=2026-01-01&to=2026-01-31&kind=contact' },
  'GET /api/v1/analysis/recurrence': { query: 'from=2026-01-01&to=2026-01-31' },
  'GET /api/v1/analysis/control-chart': { query: 'cause=billing&from=2026-01-01&to=2026-06-30' },
  'PUT /api/v1/complaint-categories/{code}': { body: { labels: { fr: 'Facture', de: 'Rechnung', en: 'Bill' }, ackDays: 2, answerDays: 10 } },
  'POST /api/v1/actions': { body: { title: 'Cap roaming at once', description: 'Apply the EU cap on the day of a plan change', causeCodes: ['billing.roaming'], dueDate: '2027-03-31' } },
  'PATCH /api/v1/actions/{id}': { body: { title: 'Cap roaming on the day' } },
  'POST /api/v1/actions/{id}/approve': { body: {} },
  'POST /api/v1/actions/{id}/start': { body: {} },
  'POST /api/v1/actions/{id}/done': { body: {} },
  'POST /api/v1/actions/{id}/verify': { body: {} },
  'POST /api/v1/actions/{id}/abandon': { body: { reason: 'Replaced by another action' } },
  'POST /api/v1/actions/{id}/reopen': { body: { reason: 'The effect faded' } },
  'POST /api/v1/actions/{id}/evidence': { body: { kind: 'complaint', subjectId: 'REC-2026-000001' } },
  'POST /api/v1/quality/scorecards': {
    body: {
      name: 'Matrix card',
      content: { passThreshold: 80, sections: [{ key: 'welcome', kind: 'standard', labels: { fr: 'Accueil', en: 'Welcome', de: 'Begrüßung' }, criteria: [{ key: 'greeting', labels: { fr: 'Salue', en: 'Greets', de: 'Grüßt' }, weight: 10, critical: false, allowNa: false }] }] },
    },
  },
  'PUT /api/v1/quality/scorecard-versions/{id}': {
    body: { content: { passThreshold: 80, sections: [{ key: 'welcome', kind: 'standard', labels: { fr: 'Accueil', en: 'Welcome', de: 'Begrüßung' }, criteria: [{ key: 'greeting', labels: { fr: 'Salue', en: 'Greets', de: 'Grüßt' }, weight: 10, critical: false, allowNa: false }] }] } },
  },
  // a contact nobody has: 404 after the gate
  'POST /api/v1/quality/evaluations': { body: { interactionId: 'no-such-contact' } },
  'POST /api/v1/quality/evaluations/{id}/dispute': { body: { items: [{ criterion: 'greeting', comment: 'I did greet', proposedAnswer: 'yes' }] } },
  'POST /api/v1/quality/evaluations/{id}/decide': { body: { items: [{ criterion: 'greeting', decision: 'keep' }] } },
  'POST /api/v1/quality/calibrations': { body: { title: 'Matrix calibration', interactionIds: ['no-such-contact'], evaluatorIds: ['{customer}', '{team}'] } },
  'PUT /api/v1/quality/calibrations/{id}/scores/{interactionId}': { body: { answers: [{ criterion: 'greeting', answer: 'yes' }] } },
  'PUT /api/v1/quality/calibrations/{id}/references': { body: { references: [{ interactionId: 'no-such-contact', score: 80 }] } },
  'GET /api/v1/quality/coaching/opening': { query: 'advisor={customer}' },
  // a training nobody has: 404 after the gate; the first principal adds MATRIX-1, the next ones get 409 (the code is taken)
  'POST /api/v1/quality/trainings': { body: { code: 'MATRIX-1', title: 'Matrix', kind: 'process', audiences: ['call_centre'], durationMinutes: 60 } },
  'POST /api/v1/quality/training-sessions': { body: { trainingId: 'no-such-training', startsAt: '2027-01-10T09:00:00+01:00', endsAt: '2027-01-10T12:00:00+01:00' } },
  'POST /api/v1/quality/training-sessions/{id}/attendance': { body: { changes: [{ userId: '{customer}', status: 'enrolled' }] } },
  'POST /api/v1/quality/training-requirements': { body: { trainingId: 'no-such-training', role: 'advisor', dueDate: '2027-03-31' } },
  'GET /api/v1/quality/coaching/progress': { query: 'advisor={customer}' },
  'POST /api/v1/quality/coaching': { body: { advisorId: '{customer}', notes: 'Matrix' } },
  'PATCH /api/v1/quality/coaching-actions/{id}': { body: { followUp: 'Seen' } },
  'POST /api/v1/followups/assign': { body: { ids: ['{customer}'], assigneeId: null } },
  'POST /api/v1/followups/{id}/actions/{action}': { body: { reason: 'Called back' } },
  'PUT /api/v1/followup-rules': {
    body: {
      detractorMax: null, hotScoreMax: 3, hotKeywords: { fr: ['résilier'], de: ['kündigen'], en: ['cancel'], lb: ['kënnegen'] }, hotOnRepeat: true,
      deadlineDays: 2, hotDeadlineDays: 1, unreachableAfter: 3, routing: ['account_manager', 'team_lead', 'site_lead'], thankPromoters: false, reviewUrl: null,
    },
  },
  'POST /api/v1/quality/samples': { body: { period: '2026-11' } },
  'GET /api/v1/quality/samples/plan': { query: 'period=2026-11' },
  'POST /api/v1/quality/samples/{id}/items/{itemId}/replace': { body: { reason: 'unusable-recording' } },
  'POST /api/v1/quality/samples/{id}/withdraw': { body: { reason: 'drawn by mistake' } },
  'POST /api/v1/usage/events': { body: [] },
  'GET /tmf-api/usageConsumption/v4/usageConsumptionReport': { query: 'bucket.product.publicIdentifier=%2B352621123456' },
  'PUT /api/v1/plans/{code}': { body: { name: 'Matrix', monthlyPriceCents: 0, buckets: [] } },
  // {id} is no callback: 404 past the gate
  'POST /api/v1/callbacks/{id}/actions': { body: { action: 'attempt', reached: false } },
  'POST /api/v1/bills': { body: [] },
  // a number no line has: 404 past the gate
  'POST /api/v1/lines/{msisdn}/plan-change': { params: { msisdn: '%2B352621999999' }, body: { plan: 'Love Trio' } },
  'POST /api/v1/customer-devices': { body: [] },
};

const PATH_VALUES: Record<string, string> = {
  cause: 'billing',
  code: 'billing', name: 'nps', callId: 'no-such-call', msisdn: '%2B352621123456', id: '{customer}', action: 'acknowledge', attachmentId: 'no-such-attachment', evidenceId: 'no-such-evidence',
};

interface Principal {
  label: string;
  actor: Actor | undefined;
  headers: Record<string, string>;
}

for (const engine of (await testEngines()).filter((e) => e.name === 'sqlite')) {
  describe('authorization matrix: every route × every role and token scope', () => {
    let storage: Storage;
    let server: RunningServer;
    let doc: { paths: Record<string, Record<string, unknown>> };
    let customerId: string;
    let teamId: string;
    let rules: unknown;
    const principals: Principal[] = [{ label: 'anonymous', actor: undefined, headers: {} }];

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      teamId = team.teamId;
      customerId = (await seedCustomer(storage.db)).id;
      const config = loadConfig({ demoMode: true, fcrWindowDays: 7 });
      server = await startServer({ storage, config, port: 0 });
      for (const role of ROLES) {
        const email = `matrix.${role}@ecoute.test`;
        const id = await createUser(storage.db, { email, displayName: role, role, teamId: team.teamId, password: 'correct horse' });
        const login = await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }),
        });
        assert.equal(login.status, 200, `${role} logs in`);
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
        principals.push({ label: `person ${role}`, actor: { kind: 'user', id, role, displayName: role, teamId: team.teamId, language: 'fr' }, headers: { cookie } });
      }
      for (const role of ROLES) {
        for (const scope of scopesForRole(role)) {
          const { id, token } = await createApiToken(storage.db, `matrix ${role} ${scope}`, role, [scope]);
          const actor: Actor = { kind: 'token', id, role, displayName: role, teamId: null, language: 'en', scopes: [scope] };
          principals.push({ label: `token ${role} [${scope}]`, actor, headers: { authorization: `Bearer ${token}` } });
        }
      }
      doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
      const admin = principals.find((p) => p.label === 'person admin')!;
      const { id: _id, definitionId: _definition, ...current } = await (await fetch(`${server.url}/api/v1/surveys/rules`, { headers: admin.headers })).json();
      rules = current;
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    const operations = () =>
      Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
        // logging out ends the session the next requests use: last
        .sort((a, b) => Number(a === 'POST /api/v1/auth/logout') - Number(b === 'POST /api/v1/auth/logout'));

    it('has an expectation for every route of the OpenAPI description, and none for a route that does not exist', () => {
      const routes = operations();
      assert.deepEqual(routes.filter((r) => !(r in ROUTE_ACCESS)), [], 'routes without an expectation in src/auth/route-policies.ts');
      assert.deepEqual(Object.keys(ROUTE_ACCESS).filter((r) => !routes.includes(r)), [], 'expectations for routes that do not exist');
      const declared = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops as Record<string, { 'x-access'?: string }>).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op['x-access']] as const),
      );
      assert.deepEqual(
        declared.filter(([route, access]) => ROUTE_ACCESS[route] !== access).map(([route, access]) => `${route}: declared ${access}, expected ${ROUTE_ACCESS[route]}`),
        [],
        'routes whose declared access (route(access, …)) differs from src/auth/route-policies.ts',
      );
    });

    it('covers every role and every scope', () => {
      for (const role of ROLES) assert.ok(principals.some((p) => p.label === `person ${role}`), role);
      for (const scope of TOKEN_SCOPES) assert.ok(principals.some((p) => p.actor?.scopes?.includes(scope as TokenScope)), scope);
    });

    it('answers each principal on each route as the policies say: 401 anonymous, 403 not allowed, through otherwise', async () => {
      const wrong: string[] = [];
      for (const principal of principals) {
        for (const route of operations()) {
          const [method, template] = route.split(' ') as [string, string];
          const example = EXAMPLES[route] ?? {};
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) => example.params?.[name] ?? PATH_VALUES[name] ?? name).replace('{customer}', customerId);
          const headers: Record<string, string> = { ...principal.headers };
          let body: string | FormData | undefined;
          if (example.file !== undefined) {
            body = new FormData();
            body.append('file', new File([example.file.text], example.file.name, { type: 'text/plain' }));
            for (const [name, value] of Object.entries(example.fields ?? {})) body.append(name, value);
          } else if (example.csv !== undefined) {
            headers['content-type'] = 'text/csv';
            body = example.csv;
          } else if (example.body !== undefined) {
            headers['content-type'] = 'application/json';
            body = JSON.stringify(example.body === '{rules}' ? rules : example.body).replaceAll('{customer}', customerId).replace('{team}', teamId);
          }
          const controller = new AbortController();
          const query = example.query ? `?${example.query.replace('{customer}', customerId)}` : '';
          const response = await fetch(`${server.url}${path}${query}`, { method, headers, body, signal: controller.signal });
          controller.abort(); // the console's event stream never ends
          const status = response.status;
          const access = ROUTE_ACCESS[route]!;
          const expected =
            access === 'public' ? 'through'
            : access === 'signature' ? 401
            // a customer's route: no member of staff nor token is a signed-in customer
            : access === 'customer' ? 401
            : principal.actor === undefined ? 401
            : access === 'authenticated' ? 'through'
            : can(principal.actor, access) ? 'through' : 403;
          const ok =
            expected === 'through' && example.answers !== undefined ? status === example.answers
            : expected === 'through' ? status !== 401 && status !== 403 && status !== 400
            : status === expected;
          if (!ok) wrong.push(`${principal.label} ${route}: ${status}, expected ${expected === 'through' ? 'neither 400, 401 nor 403' : expected}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  });
}
