import { createRoute, z } from '@hono/zod-openapi';
import { telephonyResult } from '../contract/telephony.js';
import { presentTelephonyResult } from './telephony-presenters.js';
import type { AppDeps } from '../http/context.js';
import { newRouter } from '../http/context.js';
import { problem, zodFields } from '../http/problem.js';
import { verifyTelephonyEvent } from './signature.js';
import { handleTelephonyEvent, telephonyEventSchema } from './telephony-service.js';

export function telephonyRoutes(deps: AppDeps) {
  const router = newRouter();

  // Described here, handled below: the signature covers the raw bytes, so the handler must check it
  // before any parsing or validation (a validator would answer 400 to an unsigned request).
  router.openAPIRegistry.registerPath(
    createRoute({
      'x-access': 'signature',
      method: 'post',
      path: '/telephony/events',
      tags: ['telephony'],
      summary: 'Call events from the telephony platform (ringing, answered, ended), signed per Standard Webhooks',
      description:
        'HMAC-SHA256 over `webhook-id.webhook-timestamp.body` with the shared secret (ECOUTE_TELEPHONY_SECRET), in the ' +
        '`webhook-signature` header (`v1,<base64>`). Ringing pushes the caller\'s card to the advisor\'s console; ended records ' +
        'the contact. An event whose webhook-id was already received changes nothing.',
      request: {
        headers: z.object({
          'webhook-id': z.string().optional(),
          'webhook-timestamp': z.string().optional(),
          'webhook-signature': z.string().optional(),
        }),
        body: { content: { 'application/json': { schema: telephonyEventSchema } }, required: true },
      },
      responses: {
        200: {
          description: 'Applied (or already applied: duplicate true)',
          content: {
            'application/json': {
              schema: telephonyResult,
            },
          },
        },
        400: { description: 'Malformed JSON or missing fields; nothing stored' },
        401: { description: 'Missing or bad signature; nothing stored' },
        413: { description: 'Body over 16 KiB; nothing stored' },
      },
    }),
  );

  router.post('/telephony/events', async (c) => {
    // The body is at most 16 KiB here: the server's body limits refused a larger one as it streamed in.
    const body = await c.req.text();
    const failure = verifyTelephonyEvent(deps.config.telephonySecret, body, {
      'webhook-id': c.req.header('webhook-id'),
      'webhook-timestamp': c.req.header('webhook-timestamp'),
      'webhook-signature': c.req.header('webhook-signature'),
    });
    if (failure) return problem(c, 401, 'bad-signature', `Telephony event rejected: ${failure}. Nothing was stored.`);
    const webhookId = c.req.header('webhook-id')!;
    if (webhookId.length > 200) {
      return problem(c, 400, 'invalid-input', 'webhook-id is longer than 200 characters. Nothing was stored.', [{ field: 'webhook-id', reason: 'at most 200 characters' }]);
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return problem(c, 400, 'malformed-json', 'The body is not valid JSON. Nothing was stored.');
    }
    const parsed = telephonyEventSchema.safeParse(json);
    if (!parsed.success) {
      const fields = zodFields(parsed.error);
      return problem(c, 400, 'invalid-input', `${fields.map((f) => `${f.field} ${f.reason}`).join('; ')}. Nothing was stored.`, fields);
    }
    const result = await handleTelephonyEvent(
      { db: deps.storage.db, live: deps.live, fcrWindowDays: deps.config.fcrWindowDays },
      webhookId,
      parsed.data,
    );
    return c.json(presentTelephonyResult(result), 200);
  });

  return router;
}
