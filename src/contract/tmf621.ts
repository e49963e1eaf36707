import { z } from '@hono/zod-openapi';

/** TMF621 Trouble Ticket v4: the statuses of a ticket (TroubleTicketStatusType). */
export const TMF_STATUSES = ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'closed', 'resolved'] as const;
export type TmfStatus = (typeof TMF_STATUSES)[number];

const time = z.string().openapi({ description: 'ISO 8601' });

/** A complaint in the TM Forum TMF621 Trouble Ticket v4 shape (docs/complaints.md, "TMF621"). */
export const troubleTicket = z
  .object({
    id: z.string(),
    href: z.string(),
    name: z.string().openapi({ description: 'the reference the customer quotes', example: 'REC-2026-004217' }),
    externalId: z.string().openapi({ description: 'the reference again' }),
    description: z.string(),
    severity: z.enum(['high', 'normal']).openapi({ description: 'high for a hot complaint' }),
    ticketType: z.literal('complaint'),
    status: z.enum(TMF_STATUSES),
    statusChangeDate: time,
    statusChangeReason: z.string().nullable(),
    creationDate: time.openapi({ description: 'when the complaint was received' }),
    lastUpdate: time,
    expectedResolutionDate: time.openapi({ description: 'the answer deadline' }),
    resolutionDate: time.nullable().openapi({ description: 'when it was answered (or rejected)' }),
    relatedParty: z.array(z.object({ id: z.string(), name: z.string(), role: z.literal('customer'), '@referredType': z.enum(['Individual', 'Organization']) })),
    channel: z.object({ name: z.string() }),
    note: z.array(z.object({ date: time, author: z.string(), text: z.string() })),
    statusChange: z.array(z.object({ status: z.enum(TMF_STATUSES), changeDate: time, changeReason: z.string().nullable() })),
    '@type': z.literal('TroubleTicket'),
  })
  .openapi('TroubleTicket');
export type TroubleTicket = z.infer<typeof troubleTicket>;
