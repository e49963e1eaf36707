import type { Action } from './policies.js';

/**
 * Who may call each route of the API, written beside the rules (policies.ts) and checked by
 * test/authorization-matrix.test.ts, which calls every route of the OpenAPI description as every
 * role and every token scope: a route missing here fails that test.
 *
 * Each route declares the same access (`route(access, …)` in src/http/context.ts, `x-access` in the
 * OpenAPI description); the test checks that the two agree.
 *
 * - an action: anonymous 401; a person whose role allows the action, or a token whose role and
 *   scopes do, passes; anyone else 403.
 * - `public`: anyone, logged in or not (logging in, logging out, the demo logins).
 * - `authenticated`: any logged-in person or valid token, whatever the role (who am I).
 * - `signature`: no person nor API token: the caller proves itself with its own signature (the
 *   telephony platform's Standard Webhooks HMAC); every request without it is refused.
 */
export type RouteAccess = Action | 'public' | 'authenticated' | 'signature';

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': 'authenticated',
  'GET /api/v1/auth/team': 'authenticated',
  'GET /api/v1/auth/demo-logins': 'public',
  'GET /api/v1/recognize': 'customer.recognize',
  'GET /api/v1/customers': 'customer.search',
  'POST /api/v1/customers': 'customer.create',
  'GET /api/v1/customers/{id}': 'customer.read',
  'GET /api/v1/customers/{id}/interactions': 'customer.read',
  'POST /api/v1/interactions': 'interaction.create',
  'PUT /api/v1/interactions/{id}/cause': 'contact.code-cause',
  'GET /api/v1/interactions/{id}/cause-suggestions': 'contact.code-cause',
  'GET /api/v1/reasons': 'reason.read',
  'PUT /api/v1/reasons/{code}': 'reason.manage',
  'POST /api/v1/reasons/{code}/move': 'reason.manage',
  'POST /api/v1/telephony/events': 'signature',
  'GET /api/v1/console/events': 'console.subscribe',
  'POST /api/v1/demo/calls': 'console.subscribe',
  'POST /api/v1/demo/calls/{callId}/end': 'console.subscribe',
  'GET /api/v1/surveys/definitions': 'survey.read',
  'POST /api/v1/surveys/definitions/{name}/versions': 'survey.manage',
  'GET /api/v1/surveys/rules': 'survey.read',
  'PUT /api/v1/surveys/rules': 'survey.manage',
  'GET /api/v1/surveys/messages': 'survey.read',
  'GET /api/v1/surveys/gateway': 'survey.read',
  'GET /api/v1/surveys/decisions': 'survey.read',
  'GET /api/v1/surveys/opt-outs': 'survey.read',
  'GET /api/v1/studies': 'study.read',
  'POST /api/v1/studies/import': 'study.import',
  'DELETE /api/v1/studies/{id}': 'study.import',
  'GET /api/v1/nps': 'nps.read',
  'GET /api/v1/nps/topics': 'nps.read',
  'GET /api/v1/nps/drivers': 'nps.read',
  'GET /api/v1/nps/verbatims': 'nps.read',
  'GET /api/v1/phone-simulator/{msisdn}/messages': 'sms.simulate',
  'POST /api/v1/phone-simulator/{msisdn}/reply': 'sms.simulate',
  'GET /api/v1/tokens': 'token.manage',
  'POST /api/v1/tokens': 'token.manage',
  'DELETE /api/v1/tokens/{id}': 'token.manage',
  'GET /api/v1/audit': 'audit.read',
  'GET /api/v1/audit/export': 'audit.read',
  'GET /api/v1/customers/{id}/export': 'customer.export',
  'POST /api/v1/customers/{id}/erasure': 'customer.erase',
  'GET /api/v1/customers/{id}/consents': 'consent.read',
  'PATCH /api/v1/customers/{id}/consents': 'consent.change',
  'GET /api/v1/notifications': 'notification.read',
  'GET /api/v1/message-templates': 'template.read',
  'POST /api/v1/message-templates': 'template.manage',
  'GET /api/v1/mail-catcher/messages': 'mail.inspect',
  'GET /api/v1/complaints': 'complaint.read',
  'POST /api/v1/complaints': 'complaint.create',
  'GET /api/v1/complaints/export.csv': 'complaint.export',
  'GET /api/v1/complaints/report': 'complaint.report',
  'POST /api/v1/complaints/assign': 'complaint.assign',
  'GET /api/v1/complaints/{id}': 'complaint.read',
  'GET /api/v1/complaints/{id}/timeline': 'complaint.read',
  'GET /api/v1/complaints/{id}/cause-suggestions': 'complaint.read',
  'POST /api/v1/complaints/{id}/actions/{action}': 'complaint.handle',
  'POST /api/v1/complaints/{id}/comments': 'complaint.handle',
  // a complaint's attachments: read and download as the complaint is read, attach and remove as it is handled
  'GET /api/v1/complaints/{id}/attachments': 'complaint.read',
  'POST /api/v1/complaints/{id}/attachments': 'complaint.handle',
  'GET /api/v1/complaints/{id}/attachments/{attachmentId}': 'complaint.read',
  'DELETE /api/v1/complaints/{id}/attachments/{attachmentId}': 'complaint.handle',
  'GET /api/v1/causes': 'cause.read',
  'PUT /api/v1/causes/{code}': 'cause.configure',
  'GET /api/v1/departments': 'cause.read',
  'PUT /api/v1/departments/{code}': 'cause.configure',
  // the analysis of causes: the items behind a figure also need the action that reads them (src/analysis/cause-items.ts)
  'GET /api/v1/review/monthly': 'review.read',
  'GET /api/v1/analysis/pareto': 'analysis.read',
  'GET /api/v1/analysis/pareto/{cause}/items': 'analysis.read',
  'GET /api/v1/analysis/recurrence': 'analysis.read',
  'GET /api/v1/analysis/control-chart': 'analysis.read',
  'GET /api/v1/customers/{id}/recurrences': 'customer.read',
  'GET /api/v1/complaint-categories': 'complaint.read',
  'PUT /api/v1/complaint-categories/{code}': 'complaint.configure',
  'GET /tmf-api/troubleTicket/v4/troubleTicket': 'complaint.read',
  'GET /tmf-api/troubleTicket/v4/troubleTicket/{id}': 'complaint.read',
  // improvement actions: created and approved by whoever edits any; changed (fields, lifecycle, evidence)
  // by those and by the person in charge of the action (mayEditAction, checked on the action: 403
  // otherwise), so those routes ask `action.read`; verifying without a significant effect asks
  // `action.verify-override` on top
  'GET /api/v1/actions': 'action.read',
  'GET /api/v1/action-owners': 'action.read',
  'POST /api/v1/actions': 'action.edit',
  'GET /api/v1/actions/{id}': 'action.read',
  'PATCH /api/v1/actions/{id}': 'action.read',
  'GET /api/v1/actions/{id}/effect': 'action.read',
  'POST /api/v1/actions/{id}/approve': 'action.edit',
  'POST /api/v1/actions/{id}/start': 'action.read',
  'POST /api/v1/actions/{id}/done': 'action.read',
  'POST /api/v1/actions/{id}/verify': 'action.read',
  'POST /api/v1/actions/{id}/abandon': 'action.read',
  'POST /api/v1/actions/{id}/reopen': 'action.read',
  'GET /api/v1/actions/{id}/evidence': 'action.read',
  'POST /api/v1/actions/{id}/evidence': 'action.read',
  'DELETE /api/v1/actions/{id}/evidence/{evidenceId}': 'action.read',
  'GET /api/v1/followups': 'followup.read',
  'GET /api/v1/followups/metrics': 'followup.metrics',
  'GET /api/v1/followups/export.csv': 'followup.export',
  'POST /api/v1/followups/assign': 'followup.assign',
  'GET /api/v1/followups/{id}': 'followup.read',
  'GET /api/v1/followups/{id}/timeline': 'followup.read',
  'GET /api/v1/followups/{id}/cause-suggestions': 'followup.read',
  'POST /api/v1/followups/{id}/actions/{action}': 'followup.handle',
  'GET /api/v1/followup-rules': 'followup.read',
  'PUT /api/v1/followup-rules': 'followup.configure',
};
