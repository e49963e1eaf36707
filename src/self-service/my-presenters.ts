import type { z } from '@hono/zod-openapi';
import type { MyAccountOut, myComplaint, myContact } from '../contract/self-service.js';
import type { MyAccount } from './my-account.js';
import type { MyComplaint, MyContact } from './my-cases.js';

export function presentMyAccount(a: MyAccount): MyAccountOut {
  return {
    customer: { customerNumber: a.customerNumber, displayName: a.displayName, kind: a.kind },
    signedInWith: a.signedInWith,
    scope: a.customer.scope,
    factor: a.customer.factor,
    language: a.customer.language,
    lines: a.lines.map((l) => ({ msisdn: l.msisdn, kind: l.kind, plan: { code: l.plan, name: l.planName }, status: l.status, accountNumber: l.accountNumber })),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export const presentMyContact = (c: MyContact): z.infer<typeof myContact> => ({
  id: c.id, channel: c.channel, direction: c.direction, startedAt: iso(c.startedAt), reason: c.reasonCode === null ? null : { code: c.reasonCode, label: c.reason }, resolved: c.resolved,
});

export const presentMyComplaint = (c: MyComplaint): z.infer<typeof myComplaint> => ({
  id: c.id, reference: c.reference, state: c.state as z.infer<typeof myComplaint>['state'], category: { code: c.category, label: c.categoryLabel }, channel: c.channel,
  receivedAt: iso(c.receivedAt), closedAt: c.closedAt === null ? null : iso(c.closedAt), outcome: c.outcome as z.infer<typeof myComplaint>['outcome'], line: c.line,
});
