import type { Actor } from '../auth/policies.js';
import type { QueueView } from '../cases/case-queue.js';
import { COMPLAINT_STATES } from '../contract/complaints.js';
import { addDays, dayStart, parseDay } from '../shared/calendar.js';
import type { ComplaintChannel } from '../shared/channels.js';
import { invalid } from '../shared/errors.js';
import type { ComplaintState } from './complaint-kind.js';
import type { ComplaintFilter } from './complaint-queries.js';

/** The query parameters of a list or export of complaints, as the API takes them. */
export interface ComplaintQueryParams {
  state?: string | undefined;
  team?: string | undefined;
  assignee?: string | undefined;
  view?: QueueView | undefined;
  category?: string | undefined;
  channel?: ComplaintChannel | undefined;
  from?: string | undefined;
  to?: string | undefined;
  customer?: string | undefined;
}

/**
 * The filter of a list: states comma-separated, `assignee=me` for the reader, `from`/`to` the first
 * and last day of receipt (YYYY-MM-DD, Europe/Luxembourg, `to` inclusive).
 */
export function complaintFilterOf(params: ComplaintQueryParams, actor: Actor): Omit<ComplaintFilter, 'cursor' | 'limit'> {
  let states: ComplaintState[] | undefined;
  if (params.state !== undefined) {
    states = params.state.split(',').map((s) => s.trim()) as ComplaintState[];
    const unknown = states.find((s) => !(COMPLAINT_STATES as readonly string[]).includes(s));
    if (unknown !== undefined) throw invalid('state', `must be one or more of ${COMPLAINT_STATES.join(', ')} (comma-separated), got "${unknown}"`, 'not-one-of', { options: COMPLAINT_STATES.join(', ') });
  }
  const day = (field: 'from' | 'to', value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = parseDay(value);
    if (parsed === null) throw invalid(field, `must be a day such as 2026-12-01, got "${value}"`, 'invalid-format', { format: 'date' });
    return parsed;
  };
  const from = day('from', params.from);
  const to = day('to', params.to);
  if (from !== undefined && to !== undefined && to < from) throw invalid('to', 'must not be before from', 'from-after-to');
  return {
    states,
    teamId: params.team,
    assigneeId: params.assignee === 'me' ? actor.id : params.assignee,
    view: params.view,
    category: params.category,
    channel: params.channel,
    receivedFrom: from === undefined ? undefined : dayStart(from),
    receivedTo: to === undefined ? undefined : dayStart(addDays(to, 1)),
    partyId: params.customer,
  };
}
