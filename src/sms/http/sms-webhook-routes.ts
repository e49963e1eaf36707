import { Hono, type Context } from 'hono';
import { checkHttpGatewayWebhookAuth, handleHttpGatewayWebhook, type HttpGateway } from './http-gateway.js';

/** Answers an error as the server's problem+json; given by the server, since the transport knows no HTTP core. */
export type ProblemAnswer = (c: Context, status: number, code: string, detail: string) => Response;

/** `POST /sms/webhook`: receipts and replies from an HTTP SMS provider (ECOUTE_SMSC_URL=https://…), see docs/sms.md. */
export function smsWebhookRoutes(gateway: HttpGateway | undefined, problem: ProblemAnswer): Hono {
  const router = new Hono();
  router.post('/sms/webhook', async (c) => {
    if (!gateway) return problem(c, 404, 'not-found', 'No HTTP SMS provider is configured');
    if (!checkHttpGatewayWebhookAuth(gateway, c.req.header('authorization'))) {
      return problem(c, 401, 'bad-token', 'The webhook token is wrong (ECOUTE_SMS_WEBHOOK_TOKEN)');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return problem(c, 400, 'malformed-json', 'The body is not valid JSON. Nothing was stored.');
    }
    const result = await handleHttpGatewayWebhook(gateway, body);
    return result.ok ? c.body(null, 204) : problem(c, 400, 'invalid-input', `${result.error}. Nothing was stored.`);
  });
  return router;
}
