import { z } from '@hono/zod-openapi';
import { ATTENDANCE_STATUSES, complianceRow, figuresChange, peopleFigures, TRAINING_KINDS } from './quality-training.js';

/** The advisor's scorecard and the team's (docs/quality.md, "Advisor scorecard"). */

const time = z.string().openapi({ description: 'ISO 8601' });
const day = z.string().openapi({ description: 'a day, Europe/Luxembourg (YYYY-MM-DD)' });

export const advisorScorecard = z
  .object({
    advisor: z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable(), teamName: z.string().nullable() }),
    from: day,
    to: day,
    figures: peopleFigures,
    previous: peopleFigures.openapi({ description: 'the same number of days just before' }),
    change: figuresChange,
    followups: z.object({ opened: z.number().int(), open: z.number().int(), reached: z.number().int(), unreachable: z.number().int(), withinDeadline: z.number().int() }).openapi({ description: 'follow-ups of detractors of their contacts, opened in the days' }),
    complaints: z.object({ opened: z.number().int(), open: z.number().int() }).openapi({ description: 'complaints about their contacts, opened in the days' }),
    trainings: z.array(z.object({ training: z.object({ id: z.string(), code: z.string(), title: z.string(), kind: z.enum(TRAINING_KINDS) }), sessionId: z.string(), startsAt: time, status: z.enum(ATTENDANCE_STATUSES), completedAt: time.nullable() })),
    required: z.array(complianceRow),
    coaching: z.object({ sessions: z.number().int(), open: z.number().int(), overdue: z.number().int(), done: z.number().int(), dropped: z.number().int(), lastSessionAt: time.nullable() }),
  })
  .openapi('AdvisorScorecard');

export const teamScorecard = z
  .object({
    team: z.object({ id: z.string(), name: z.string() }),
    from: day,
    to: day,
    people: z.number().int().openapi({ description: 'active advisors pooled in the total' }),
    total: peopleFigures,
    previousTotal: peopleFigures,
    change: figuresChange,
    advisors: z.array(z.object({ id: z.string(), name: z.string(), figures: peopleFigures })).openapi({ description: "each advisor, for the team's lead and the coaches; empty for a CX manager" }),
  })
  .openapi('TeamScorecard');

export const scorecardQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').optional().openapi({ description: 'first day; default 90 days before to' }),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').optional().openapi({ description: 'last day; default yesterday' }),
});

export type AdvisorScorecardView = z.infer<typeof advisorScorecard>;
export type TeamScorecardView = z.infer<typeof teamScorecard>;
