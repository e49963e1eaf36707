import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { getCookie } from 'hono/cookie';
import { actorFromApiToken, actorFromSession } from '../auth/auth-service.js';
import { CUSTOMER_COOKIE, customerFromSession } from '../auth/customer-sessions.js';
import { myRoutes } from '../self-service/my-routes.js';
import { callbackRoutes } from '../callbacks/callback-routes.js';
import { myCallbackRoutes } from '../callbacks/my-callback-routes.js';
import { myPrivacyRoutes } from '../self-service/my-privacy-routes.js';
import { myPasskeyRoutes } from '../self-service/my-passkey-routes.js';
import { myEmailSignInRoutes } from '../self-service/my-email-sign-in-routes.js';
import { accessRoutes } from '../access/access-routes.js';
import { staffRoutes } from '../staff/staff-routes.js';
import { evaluationRoutes } from '../quality/evaluation-routes.js';
import { scorecardRoutes } from '../quality/scorecard-routes.js';
import { calibrationRoutes } from '../quality/calibration-routes.js';
import { coachingRoutes } from '../quality/coaching-routes.js';
import { scorecardFiguresRoutes } from '../quality/scorecard-figures-routes.js';
import { trainingRoutes } from '../quality/training-routes.js';
import { sessionRoutes, SESSION_COOKIE, type DemoLogin } from '../sessions/session-routes.js';
import { consoleRoutes } from '../console/console-routes.js';
import { customerRoutes } from '../customers/customer-routes.js';
import { interactionRoutes } from '../interactions/interaction-routes.js';
import { DomainError, RateLimited } from '../shared/errors.js';
import { demoCallRoutes } from '../telephony/demo-call-routes.js';
import { phoneSimulatorRoutes } from '../surveys/phone-simulator-routes.js';
import { smsWebhookRoutes } from '../sms/http/sms-webhook-routes.js';
import { npsRoutes } from '../nps/nps-routes.js';
import { complaintReportRoutes } from '../complaints/complaint-report-routes.js';
import { complaintRoutes } from '../complaints/complaint-routes.js';
import { samplingRoutes } from '../quality/sampling-routes.js';
import { usageRoutes } from '../usage/usage-routes.js';
import { billRoutes } from '../billing/bill-routes.js';
import { deviceRoutes } from '../devices/device-routes.js';
import { planChangeRoutes } from '../usage/plan-change-routes.js';
import { myLineRoutes } from '../self-service/my-line-routes.js';
import { actionRoutes } from '../actions/action-routes.js';
import { causeRoutes } from '../causes/cause-routes.js';
import { analysisRoutes } from '../analysis/analysis-routes.js';
import { reviewRoutes } from '../review/review-routes.js';
import { complaintAttachmentRoutes } from '../complaints/complaint-attachment-routes.js';
import { attachmentTooLarge } from '../complaints/complaint-attachments.js';
import { openBlobStore } from '../blobs/open-blob-store.js';
import { recordingRoutes } from '../quality/recording-routes.js';
import { recordingTooLarge } from '../quality/recording-service.js';
import { tmf621Routes } from '../complaints/tmf621-routes.js';
import { tmf677Routes } from '../usage/tmf677-routes.js';
import { mailCatcherRoutes } from '../notifications/mail-catcher-routes.js';
import { complaintReference } from '../complaints/complaint-messages.js';
import { customerReference } from '../notifications/notification-service.js';
import { notificationRoutes } from '../notifications/notification-routes.js';
import { privacyRoutes } from '../privacy/privacy-routes.js';
import { followupRoutes } from '../followups/followup-routes.js';
import { surveyRoutes } from '../surveys/survey-routes.js';
import { studyRoutes } from '../studies/study-routes.js';
import { telephonyRoutes } from '../telephony/telephony-routes.js';
import type { MiddlewareHandler } from 'hono';
import { newRouter, type AppDeps, type AppEnv } from '../http/context.js';
import { problem } from '../http/problem.js';
import { limitBodies } from '../http/body-limit.js';
import { securityHeaders } from '../http/security-headers.js';

/** Where the built console lives (vite build output). */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface AppOptions {
  demoLogins?: readonly DemoLogin[];
  /** Log one line per server error (never request bodies: they hold personal data). */
  logError?: (message: string) => void;
}

/** Routes that check their caller themselves (the HTTP SMS provider's webhook token), not as a person or an API token. */
const SELF_AUTHENTICATED: ReadonlySet<string> = new Set(['/api/v1/sms/webhook']);

/** Login and the webhooks take a few hundred bytes: their caps are far below the default. */
const SMALL_BODY_BYTES = 16 * 1024;

/** What a multipart body holds beside its file: the boundaries and the part's headers (its file name). */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The whole HTTP surface: /api/v1 (JSON, problem+json errors), its OpenAPI description, and the console. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = newRouter();
  const { db } = deps.storage;
  const logError = options.logError ?? ((message: string) => console.error(message));
  const blobs = deps.blobs ?? openBlobStore(deps.config.blobs);

  // CSP, frame-ancestors, nosniff, referrer policy on every answer; HSTS over TLS (docs/security.md).
  app.use('*', securityHeaders(deps.config));

  // Request bodies are capped before anything reads them: small where anyone can send (login, the
  // webhooks), the configured default elsewhere, larger only on the imports.
  app.use(
    '*',
    limitBodies({
      default: deps.config.maxBodyBytes,
      byPath: {
        '/api/v1/auth/login': 4 * 1024,
        '/api/v1/my/sign-in/code': 4 * 1024,
        '/api/v1/my/sign-in/verify': 4 * 1024,
        '/api/v1/my/sign-in/passkey/options': 4 * 1024,
        '/api/v1/my/sign-in/passkey/verify': SMALL_BODY_BYTES,
        '/api/v1/my/sign-in/email-code': 4 * 1024,
        '/api/v1/my/sign-in/email-code/verify': 4 * 1024,
        '/api/v1/my/passkeys': SMALL_BODY_BYTES,
        '/api/v1/telephony/events': SMALL_BODY_BYTES,
        '/api/v1/sms/webhook': SMALL_BODY_BYTES,
        '/api/v1/studies/import': Math.max(deps.config.maxImportBytes, deps.config.maxBodyBytes),
        '/api/v1/usage/events': Math.max(deps.config.maxImportBytes, deps.config.maxBodyBytes),
        '/api/v1/bills': Math.max(deps.config.maxImportBytes, deps.config.maxBodyBytes),
        '/api/v1/customer-devices': Math.max(deps.config.maxImportBytes, deps.config.maxBodyBytes),
      },
      // a complaint's attachment: the file and its multipart wrapping; over it, the same problem as a file too large
      byPattern: [
        {
          pattern: /^\/api\/v1\/complaints\/[^/]+\/attachments$/,
          bytes: deps.config.attachments.maxBytes + MULTIPART_OVERHEAD_BYTES,
          tooLarge: attachmentTooLarge(deps.config.attachments.maxBytes),
        },
        {
          pattern: /^\/api\/v1\/quality\/recordings$/,
          bytes: deps.config.recordings.maxBytes + MULTIPART_OVERHEAD_BYTES,
          tooLarge: recordingTooLarge(deps.config.recordings.maxBytes),
        },
      ],
    }),
  );

  // Who is calling: a session cookie (people) or a bearer token (systems). Routes decide what they may do.
  // A provider's webhook sends its own bearer token, which its route checks: it is no API token.
  // The TM Forum view (/tmf-api) is authenticated the same way.
  const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (SELF_AUTHENTICATED.has(c.req.path)) return next();
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    const actor = bearer ? await actorFromApiToken(db, bearer) : cookie ? await actorFromSession(db, cookie) : undefined;
    if (bearer && !actor) return problem(c, 401, 'bad-token', 'The API token is unknown, revoked or expired');
    c.set('actor', actor);
    await next();
  };
  app.use('/api/*', authenticate);
  app.use('/tmf-api/*', authenticate);
  // A customer of the customer app: their own cookie, sent by the browser to the customer API only; it
  // makes no staff actor, and a staff session makes no customer (docs/self-service.md, "Sign-in").
  app.use('/api/v1/my/*', async (c, next) => {
    const token = getCookie(c, CUSTOMER_COOKIE);
    c.set('customer', token ? await customerFromSession(db, token) : undefined);
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof RateLimited) c.header('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof DomainError) return problem(c, error.status, error.code, error.message, error.fields, error.params);
    if (error instanceof HTTPException) {
      const detail = /malformed json/i.test(error.message)
        ? 'The body is not valid JSON. Nothing was stored.'
        : error.message || 'Invalid request';
      if (error.status === 415) return problem(c, 415, 'unsupported-media-type', 'The body is not of a type this route takes (see its requestBody in /api/v1/openapi.json). Nothing was stored.');
      return problem(c, error.status, error.status === 400 ? 'malformed-request' : 'http-error', detail);
    }
    logError(`${c.req.method} ${new URL(c.req.url).pathname} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return problem(c, 500, 'internal-error', 'Something went wrong on our side; nothing was changed. Try again, and tell the administrator if it persists.');
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/api/v1', sessionRoutes(deps, options.demoLogins ?? []));
  app.route('/api/v1', customerRoutes(deps));
  app.route('/api/v1', interactionRoutes(deps));
  app.route('/api/v1', telephonyRoutes(deps));
  app.route('/api/v1', consoleRoutes(deps));
  app.route('/api/v1', surveyRoutes(deps));
  app.route('/api/v1', studyRoutes(deps));
  app.route('/api/v1', npsRoutes(deps));
  // What each kind of case a notification is about lets read (src/notifications/notification-service.ts).
  app.route('/api/v1', notificationRoutes(deps, { customer: customerReference, complaint: complaintReference }));
  // Demo mode only: simulated calls, the phone simulator that plays any customer's phone (a person
  // could read a customer's SMS and answer in their name) and the mail catcher that shows every
  // e-mail sent. Elsewhere these routes do not exist.
  if (deps.config.demoMode) {
    app.route('/api/v1', demoCallRoutes(deps));
    app.route('/api/v1', phoneSimulatorRoutes(deps));
    app.route('/api/v1', mailCatcherRoutes(deps));
  }
  app.route('/api/v1', privacyRoutes(deps, blobs));
  app.route('/api/v1', complaintReportRoutes(deps));
  app.route('/api/v1', complaintRoutes(deps));
  app.route('/api/v1', complaintAttachmentRoutes(deps, blobs));
  app.route('/api/v1', recordingRoutes(deps, blobs));
  app.route('/', tmf621Routes(deps));
  app.route('/', tmf677Routes(deps));
  app.route('/api/v1', followupRoutes(deps));
  app.route('/api/v1', causeRoutes(deps));
  app.route('/api/v1', analysisRoutes(deps));
  app.route('/api/v1', reviewRoutes(deps));
  app.route('/api/v1', actionRoutes(deps));
  app.route('/api/v1', accessRoutes(deps));
  app.route('/api/v1', staffRoutes(deps));
  app.route('/api/v1', scorecardRoutes(deps));
  app.route('/api/v1', evaluationRoutes(deps));
  app.route('/api/v1', calibrationRoutes(deps));
  app.route('/api/v1', coachingRoutes(deps));
  app.route('/api/v1', trainingRoutes(deps));
  app.route('/api/v1', scorecardFiguresRoutes(deps));
  app.route('/api/v1', samplingRoutes(deps));
  app.route('/api/v1', usageRoutes(deps));
  app.route('/api/v1', billRoutes(deps));
  app.route('/api/v1', planChangeRoutes(deps));
  app.route('/api/v1', deviceRoutes(deps));
  app.route('/api/v1', myLineRoutes(deps));
  app.route('/api/v1', myRoutes(deps));
  app.route('/api/v1', myCallbackRoutes(deps));
  app.route('/api/v1', callbackRoutes(deps));
  app.route('/api/v1', myPrivacyRoutes(deps));
  app.route('/api/v1', myPasskeyRoutes(deps));
  app.route('/api/v1', myEmailSignInRoutes(deps));
  app.route('/api/v1', smsWebhookRoutes(deps.httpGateway, problem));

  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ecoute API',
      version: '1',
      description:
        'Customer recognition, contacts on every channel and telephony events. Errors are RFC 9457 problem+json. ' +
        'People authenticate with the session cookie from POST /auth/login (failed logins are throttled: 429 with Retry-After); ' +
        'systems with `Authorization: Bearer <token>` (`ecoute token create`, or POST /tokens), limited to the token\'s scopes ' +
        '(recognition, contacts, customers, nps, surveys, studies, audit, complaints, recordings, usage, billing; docs/security.md). ' +
        'Customers use /my/… with the customer cookie from POST /my/sign-in/verify (a code sent by SMS), /my/sign-in/passkey/verify (a passkey) or /my/sign-in/email-code/verify (a code sent by e-mail; docs/self-service.md).',
    },
    servers: [{ url: '/' }],
  });
  app.all('/tmf-api/*', (c) => problem(c, 404, 'not-found', `No TMF route ${c.req.method} ${new URL(c.req.url).pathname}; see /api/v1/openapi.json`));
  app.all('/api/*', (c) => problem(c, 404, 'not-found', `No API route ${c.req.method} ${new URL(c.req.url).pathname}; see /api/v1/openapi.json`));

  if (existsSync(WEB_ROOT)) {
    const indexHtml = readFileSync(new URL('index.html', `file://${WEB_ROOT}`), 'utf8');
    const myHtml = readFileSync(new URL('my/index.html', `file://${WEB_ROOT}`), 'utf8');
    app.use('/assets/*', serveStatic({ root: WEB_ROOT }));
    // The customer app: its own page under /my/, apart from the console (docs/self-service.md).
    app.get('/my', (c) => c.redirect('/my/', 301));
    app.get('/my/sw.js', serveStatic({ root: WEB_ROOT, onFound: (_path, c) => c.header('Cache-Control', 'no-cache') }));
    app.use('/my/*', serveStatic({ root: WEB_ROOT }));
    app.get('/my/*', (c) => c.html(myHtml));
    app.use('*', serveStatic({ root: WEB_ROOT }));
    // Single-page app: every other path gets the console, which routes on the client.
    app.get('*', (c) => c.html(indexHtml));
  } else {
    app.get('/', (c) => c.text('The console is not built: run `npm run build`.', 503));
  }
  return app;
}
