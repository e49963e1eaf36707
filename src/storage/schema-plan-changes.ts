/** Row types of plan changes (src/usage/plan-changes.ts, docs/self-service.md, "Changing plan"). */

import type { ActorKind } from './schema-base.js';

export type PlanChangeKind = 'upgrade' | 'downgrade';
export type PlanChangeStatus = 'pending' | 'applied' | 'cancelled';

export interface PlanChangeTable {
  id: string;
  line_id: string;
  /** the plan codes (`lines.plan`) before and after */
  from_plan: string;
  to_plan: string;
  /** upgrade: applied at once, in the current period; downgrade: from the next period */
  kind: PlanChangeKind;
  status: PlanChangeStatus;
  /** first day (yyyymmdd) of the billing period the new plan applies from */
  effective_period: number;
  requested_at: number;
  /** who asked: a person, a system's token, the customer (their party id) */
  actor_kind: ActorKind;
  actor_id: string;
  applied_at: number | null;
  cancelled_at: number | null;
  cancelled_by_kind: ActorKind | null;
  cancelled_by_id: string | null;
}
