import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** Headers of a telephony event signed the Standard Webhooks way (HMAC-SHA256 over id.timestamp.body). */
export function signTelephonyEvent(secret: string, id: string, body: string, at: Date = new Date()): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
    'content-type': 'application/json',
  };
}

/** Checks the signature and its timestamp (5 minutes tolerance); returns why it fails, or undefined when valid. */
export function verifyTelephonyEvent(secret: string, body: string, headers: Record<string, string | undefined>): string | undefined {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!id || !timestamp || !signature) {
    return 'missing webhook-id, webhook-timestamp or webhook-signature header (Standard Webhooks)';
  }
  try {
    new Webhook(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
    return undefined;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return `signature check failed: ${error.message}`;
    // The library parses the body as JSON once the signature matched: a signed body that is not JSON
    // is well signed, and the route answers 400 for its content.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
