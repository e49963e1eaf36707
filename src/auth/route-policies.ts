import type { Action } from './policies.js';

/**
 * Who may call each route of the API, written beside the rules (policies.ts) and checked by
 * test/authorization-matrix.test.ts, which calls every route of the OpenAPI description as every
 * role and every token scope: a route missing here fails that test.
 *
 * - `{ action }`: the route calls `authorize(c, action)`: anonymous 401; a person whose role
 *   allows the action, or a token whose role and scopes do, passes; anyone else 403.
 * - `public`: anyone, logged in or not (logging in, logging out, the demo logins).
 * - `authenticated`: any logged-in person or valid token, whatever the role (who am I).
 * - `signed`: no person nor API token: the caller proves itself with its own signature (the
 *   telephony platform's Standard Webhooks HMAC); every request without it is refused.
 */
export type RouteAccess = { action: Action } | 'public' | 'authenticated' | 'signed';

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': 'authenticated',
  'GET /api/v1/auth/demo-logins': 'public',
  'GET /api/v1/recognize': { action: 'customer.recognize' },
  'GET /api/v1/customers': { action: 'customer.search' },
  'POST /api/v1/customers': { action: 'customer.create' },
  'GET /api/v1/customers/{id}': { action: 'customer.read' },
  'GET /api/v1/customers/{id}/interactions': { action: 'customer.read' },
  'POST /api/v1/interactions': { action: 'interaction.create' },
  'GET /api/v1/reasons': { action: 'reason.read' },
  'PUT /api/v1/reasons/{code}': { action: 'reason.manage' },
  'POST /api/v1/telephony/events': 'signed',
  'GET /api/v1/console/events': { action: 'console.subscribe' },
  'POST /api/v1/demo/calls': { action: 'console.subscribe' },
  'POST /api/v1/demo/calls/{callId}/end': { action: 'console.subscribe' },
  'GET /api/v1/surveys/definitions': { action: 'survey.read' },
  'POST /api/v1/surveys/definitions/{name}/versions': { action: 'survey.manage' },
  'GET /api/v1/surveys/rules': { action: 'survey.read' },
  'PUT /api/v1/surveys/rules': { action: 'survey.manage' },
  'GET /api/v1/surveys/messages': { action: 'survey.read' },
  'GET /api/v1/surveys/gateway': { action: 'survey.read' },
  'GET /api/v1/surveys/decisions': { action: 'survey.read' },
  'GET /api/v1/surveys/opt-outs': { action: 'survey.read' },
  'GET /api/v1/studies': { action: 'study.read' },
  'POST /api/v1/studies/import': { action: 'study.import' },
  'DELETE /api/v1/studies/{id}': { action: 'study.import' },
  'GET /api/v1/nps': { action: 'nps.read' },
  'GET /api/v1/nps/topics': { action: 'nps.read' },
  'GET /api/v1/nps/drivers': { action: 'nps.read' },
  'GET /api/v1/nps/verbatims': { action: 'nps.read' },
  'GET /api/v1/phone-simulator/{msisdn}/messages': { action: 'sms.simulate' },
  'POST /api/v1/phone-simulator/{msisdn}/reply': { action: 'sms.simulate' },
  'GET /api/v1/tokens': { action: 'token.manage' },
  'POST /api/v1/tokens': { action: 'token.manage' },
  'DELETE /api/v1/tokens/{id}': { action: 'token.manage' },
  'GET /api/v1/audit': { action: 'audit.read' },
  'GET /api/v1/customers/{id}/export': { action: 'customer.export' },
  'POST /api/v1/customers/{id}/erasure': { action: 'customer.erase' },
  'GET /api/v1/customers/{id}/consents': { action: 'consent.read' },
  'PATCH /api/v1/customers/{id}/consents': { action: 'consent.change' },
};
