import type { Actor } from '../auth/policies.js';
import { assertMayAssign, assertWithinScope } from '../complaints/complaint-access.js';
import { segmentDeadlines, type ComplaintCategory } from '../complaints/complaint-categories.js';
import { COMPLAINT, type ComplaintAction, type Outcome } from '../complaints/complaint-kind.js';
import {
  complaintEdit, complaintIntake, complaintReference, complaintStep, referenceYear, type CheckedComplaint, type ComplaintActionInput,
} from '../complaints/complaint-service.js';
import { LUXEMBOURG_CALENDAR, nthBusinessDayAfter } from '../shared/business-calendar.js';
import { addDays, localDay, wallTime } from '../shared/calendar.js';
import type { ComplaintChannel } from '../shared/channels.js';
import type { Channel, ComplaintContactTable, ComplaintTable, Language } from '../storage/schema.js';
import { ACTION_TEXTS, CATEGORY_TEXTS } from './case-texts.js';
import { CALL_CENTRE_TEAMS, type NoteLanguage } from './catalogue.js';
import {
  actOnDemoCase, BUSINESS_DAY, businessBefore, businessLater, HOUR, MINUTE, newCaseIds, noteLanguage, openDemoCase, type DemoCase, type DemoStaff,
} from './case-ledger.js';
import type { DemoIds } from './ids.js';
import { hash32, Random, Weighted } from './random.js';

/** A complaint of the history as it is recorded: by whom, when, about what, before its reference is given. */
export interface DemoIntake {
  made: { id: string; ids: DemoIds };
  recordedAt: number;
  recorder: Actor;
  /** the contacts it was made in */
  contactIds: string[];
  /** the language of the staff's notes on it */
  notes: NoteLanguage;
  checked: Omit<CheckedComplaint, 'reference'>;
  /** about a line: the customer's first mobile line of this account (the caller finds it) */
  lineOf?: string;
}

/** A contact that did not settle the customer's request: where a complaint may come from. */
export interface UnsettledContact {
  id: string;
  partyId: string;
  accountId: string | null;
  channel: Channel;
  reasonCode: string | null;
  startedAt: number;
  endedAt: number;
  advisorId: string | null;
  teamId: string | null;
  language: Language;
  partyKind: 'individual' | 'organisation';
  /** the segment of the contact's account, if any */
  segment: 'residential' | 'business' | null;
}

/** A complaint of the history: its case, its own row, the contacts linked to it. */
export interface DemoComplaint {
  c: DemoCase;
  complaint: ComplaintTable;
  contacts: ComplaintContactTable[];
}

/** The complaint category of a contact reason: what a customer's grievance about it falls under. */
export const REASON_CATEGORY: Readonly<Record<string, string>> = {
  billing: 'billing', network: 'network', internet: 'network', tv: 'network', roaming: 'roaming', device: 'device', repair: 'device',
  trade_in: 'device', contract: 'contract', porting: 'contract', account: 'digital', other: 'other',
};

/** Money in dispute, in cents, for the categories where there is some (null: none). */
export function disputedCents(rng: Random, category: string): number | null {
  if (category === 'billing') return rng.between(8, 250) * 100 + rng.pick([0, 0, 50, 99, 1]);
  if (category === 'roaming') return rng.between(15, 400) * 100 + rng.between(0, 99);
  if (category === 'price') return rng.between(5, 40) * 100;
  if (category === 'device' && rng.chance(0.4)) return rng.between(50, 600) * 100;
  if (category === 'contract' && rng.chance(0.3)) return rng.between(50, 300) * 100;
  return null;
}

/** Complaints received this close to the end of the history are more often late. */
const RECENT = 30 * 24 * HOUR;
/** Share of the unsettled contacts that become a complaint. */
const COMPLAINT_SHARE = 0.04;
/** How the customer of a contact on each channel complains. */
const CHANNELS: Partial<Record<Channel, Weighted<ComplaintChannel>>> = {
  phone: new Weighted<ComplaintChannel>([['phone', 55], ['email', 15], ['web', 15], ['letter', 15]]),
  shop: new Weighted<ComplaintChannel>([['shop', 65], ['letter', 15], ['email', 10], ['web', 10]]),
  email: new Weighted<ComplaintChannel>([['email', 80], ['letter', 20]]),
  chat: new Weighted<ComplaintChannel>([['web', 60], ['email', 40]]),
  social: new Weighted<ComplaintChannel>([['web', 60], ['email', 40]]),
};
/** The channels of the contacts a complaint may come from. */
export const COMPLAINING_CHANNELS = Object.keys(CHANNELS) as Channel[];
const OUTCOMES = new Weighted<Outcome>([['upheld', 45], ['partially_upheld', 25], ['not_upheld', 30]]);
const SETTLED_OUTCOMES = new Weighted<Outcome>([['upheld', 65], ['partially_upheld', 30], ['not_upheld', 5]]);

export interface ComplaintHistoryOptions {
  seed: number;
  now: number;
  staff: DemoStaff;
  /** the categories by code (inactive ones too: a complaint keeps its category) */
  categories: ReadonlyMap<string, ComplaintCategory>;
  idRng: Random;
  nextSlot(): number;
}

/**
 * The complaints of the demo's history: some unsettled contacts lead to one (on the phone or in the
 * shop during the contact, or written afterwards by e-mail, letter or the web form), the follow-ups
 * bring theirs; each gets the next reference of its year in the order they were recorded, and is
 * handled through its lifecycle as the complaint actions allow: acknowledged and answered mostly
 * on time, some late, some rejected, transferred, paused while waiting for the customer, reopened;
 * the recent ones still open.
 */
export class ComplaintHistory {
  private readonly rng = new Random();

  constructor(private readonly options: ComplaintHistoryOptions) {}

  /** Whether the `index`-th unsettled contact of the history, on this channel, leads to a complaint (the contact read in full only then). */
  complainedOf(channel: Channel, index: number): boolean {
    return this.contactStream(channel, index) !== undefined;
  }

  /** The contact's own stream of random numbers, at the complaint's channel, when it leads to one. */
  private contactStream(channel: Channel, index: number): { rng: Random; channels: Weighted<ComplaintChannel> } | undefined {
    const rng = this.rng.reseed(hash32(this.options.seed, 0xc0de, index));
    const channels = CHANNELS[channel];
    return channels && rng.chance(COMPLAINT_SHARE) ? { rng, channels } : undefined;
  }

  /** The complaint the `index`-th unsettled contact of the history leads to, if it does. */
  fromContact(k: UnsettledContact, index: number): DemoIntake | undefined {
    const { now, staff, categories } = this.options;
    const stream = this.contactStream(k.channel, index);
    if (!stream) return undefined;
    const { rng } = stream;
    const channel = stream.channels.pick(rng);
    let category = k.channel === 'shop' && rng.chance(0.3) ? 'shop' : rng.chance(0.12) ? 'advisor' : rng.chance(0.05) ? 'price' : (REASON_CATEGORY[k.reasonCode ?? ''] ?? 'other');
    if (!categories.get(category)?.active) category = 'other';
    if (!categories.get(category)?.active) return undefined;
    const segment = k.segment ?? (k.partyKind === 'organisation' ? 'business' : 'residential');

    let receivedAt: number;
    let recordedAt: number;
    let recorder: Actor | undefined;
    let teamId: string | null | undefined;
    let assigneeId: string | null = null;
    let contactIds: string[];
    if (channel === 'phone' || channel === 'shop') {
      // made during the contact, recorded by its advisor, who often takes it
      receivedAt = recordedAt = k.endedAt;
      recorder = k.advisorId === null ? undefined : staff.byId.get(k.advisorId);
      teamId = k.teamId;
      if (recorder && rng.chance(0.55)) assigneeId = recorder.id;
      contactIds = [k.id];
    } else {
      const day = localDay(k.endedAt);
      if (channel === 'letter') {
        receivedAt = wallTime(nthBusinessDayAfter(day, rng.between(2, 6)), 9 * 60 + rng.between(0, 120));
        recordedAt = businessLater(rng, receivedAt, 10 * MINUTE, 4 * HOUR);
      } else {
        receivedAt = wallTime(addDays(day, rng.between(1, 4)), rng.between(7 * 60, 22 * 60 + 59)) + rng.between(0, 59_999);
        recordedAt = businessLater(rng, receivedAt, 20 * MINUTE, 6 * HOUR);
      }
      teamId = this.teamFor(category, segment, k.reasonCode);
      recorder = teamId === undefined ? undefined : pickOf(rng, staff.advisorsOf(teamId));
      contactIds = rng.chance(0.6) ? [k.id] : [];
    }
    if (!recorder || !teamId || recordedAt > now) return undefined;
    const notes = noteLanguage(k.language);
    const aboutLine = k.accountId !== null && (category === 'network' || category === 'roaming' || category === 'device');
    return {
      ...(aboutLine ? { lineOf: k.accountId! } : {}),
      made: newCaseIds(this.options.idRng, this.options.nextSlot()),
      recordedAt, recorder, contactIds, notes,
      checked: {
        partyId: k.partyId, teamId, assigneeId, channel, category, receivedAt, description: rng.pick((CATEGORY_TEXTS[category] ?? CATEGORY_TEXTS.other!).grievance[notes]),
        language: k.language, amountDisputedCents: disputedCents(rng, category), accountId: k.accountId, lineId: null, segment,
      },
    };
  }

  /** The call-centre team that handles a written complaint of a category. */
  private teamFor(category: string, segment: 'residential' | 'business', reasonCode: string | null): string | undefined {
    const team =
      segment === 'business' ? 'business'
      : category === 'roaming' ? 'roaming'
      : category === 'contract' || category === 'price' ? 'retention'
      : category === 'network' && (reasonCode === 'internet' || reasonCode === 'tv') ? 'fixed'
      : 'mobile';
    return this.options.staff.teamNamed(CALL_CENTRE_TEAMS[team].name);
  }

  /**
   * Records the complaints in the order they were recorded (each the next reference of its year) and
   * handles each; answers them, and the last reference given each year.
   */
  record(intakes: readonly DemoIntake[]): { complaints: DemoComplaint[]; sequences: { year: number; last: number }[] } {
    const { categories } = this.options;
    const sorted = [...intakes].sort((a, b) => a.recordedAt - b.recordedAt || (a.made.id < b.made.id ? -1 : 1));
    const sequences = new Map<number, number>();
    const complaints = sorted.map((intake, i) => {
      const year = referenceYear(intake.recordedAt);
      const n = (sequences.get(year) ?? 0) + 1;
      sequences.set(year, n);
      const days = segmentDeadlines(categories.get(intake.checked.category)!, intake.checked.segment);
      const made = complaintIntake({ ...intake.checked, reference: complaintReference(year, n) }, days, { now: intake.recordedAt, cal: LUXEMBOURG_CALENDAR });
      const c = openDemoCase(intake.made, COMPLAINT, made.opening, intake.recorder);
      const complaint: ComplaintTable = { case_id: c.row.id, ...made.complaint };
      const contacts = intake.contactIds.map((interaction_id) => ({ case_id: c.row.id, interaction_id, linked_at: intake.recordedAt }));
      this.rng.reseed(hash32(this.options.seed, 0xc1a1, i));
      this.handle(c, complaint, intake);
      return { c, complaint, contacts };
    });
    return { complaints, sequences: [...sequences].map(([year, last]) => ({ year, last })) };
  }

  /** Handles a complaint from its intake to where it stands at `now`. */
  private handle(c: DemoCase, complaint: ComplaintTable, intake: DemoIntake): void {
    const { now, staff, categories } = this.options;
    const rng = this.rng;
    const say = (texts: Record<NoteLanguage, readonly string[]>) => rng.pick(texts[intake.notes]);
    const texts = () => CATEGORY_TEXTS[complaint.category] ?? CATEGORY_TEXTS.other!;
    const leadOf = (teamId: string | null) => (teamId === null ? undefined : staff.leadsOf(teamId)[0]);
    let stopped = false;
    /** Takes an action at `at` as `actOnComplaint` would (the customers are not told: a history): false once the history has reached `now`. */
    const go = (action: ComplaintAction, at: number, actor: Actor | undefined, input: ComplaintActionInput = {}): boolean => {
      if (stopped || !actor) return false;
      if (at > now) return !(stopped = true);
      assertWithinScope(actor, c.row);
      if (action === 'assign' && input.assigneeId !== undefined) assertMayAssign(actor, input.assigneeId);
      const category = categories.get(complaint.category)!;
      const reopenAnswerDays = action === 'reopen' ? segmentDeadlines(category, complaint.segment).answerDays : undefined;
      const step = complaintStep(complaint, c.row.state, action, input, { at, cal: LUXEMBOURG_CALENDAR, reopenAnswerDays });
      if (action === 'edit') Object.assign(step.options.data, complaintEdit(complaint, input, step.changes));
      actOnDemoCase(c, action, actor, { ...step.options, at });
      Object.assign(complaint, step.changes, { updated_at: at });
      return true;
    };
    const worker = () => (c.row.assignee_id !== null ? staff.byId.get(c.row.assignee_id) : leadOf(c.row.team_id));
    const answer = (at: number, outcomes: Weighted<Outcome>) => go('answer', at, worker(), { outcome: outcomes.pick(rng), rootCause: say(texts().rootCause) });

    let t = intake.recordedAt;
    const oral = complaint.channel === 'phone' || complaint.channel === 'shop';
    if (oral && c.row.assignee_id !== null && rng.chance(0.3)) {
      // settled in the contact that brought it: answered there and then
      t += rng.between(3, 25) * MINUTE;
      if (!answer(t, SETTLED_OUTCOMES)) return;
      go('close', businessLater(rng, t, 2 * HOUR, 3 * BUSINESS_DAY), worker());
      return;
    }
    if (c.row.assignee_id === null) {
      t = businessLater(rng, t, 10 * MINUTE, 3 * HOUR);
      if (!go('assign', t, leadOf(c.row.team_id), { assigneeId: pickOf(rng, staff.advisorsOf(c.row.team_id ?? ''))?.id ?? null })) return;
    }
    if (rng.chance(0.03)) {
      go('reject', businessBefore(rng, t, c.row.due_at!), worker(), { reason: say(ACTION_TEXTS.reject) });
      return;
    }
    t = rng.chance(0.1) ? businessLater(rng, c.row.due_at!, 30 * MINUTE, 1.5 * BUSINESS_DAY) : businessBefore(rng, t, c.row.due_at!);
    if (!go('acknowledge', t, worker())) return;
    t = businessLater(rng, t, 10 * MINUTE, BUSINESS_DAY);
    if (!go('investigate', t, worker())) return;
    if (rng.chance(0.04)) {
      go('reject', businessLater(rng, t, HOUR, 2 * BUSINESS_DAY), worker(), { reason: say(ACTION_TEXTS.reject) });
      return;
    }
    const target = this.teamFor(complaint.category, complaint.segment, null);
    if (target !== undefined && target !== c.row.team_id && leadOf(target) && rng.chance(0.15)) {
      t = businessLater(rng, t, 30 * MINUTE, BUSINESS_DAY);
      if (!go('transfer', t, worker(), { teamId: target, reason: say(ACTION_TEXTS.transfer) })) return;
      t = businessLater(rng, t, 10 * MINUTE, 4 * HOUR);
      if (!go('assign', t, leadOf(target), { assigneeId: pickOf(rng, staff.advisorsOf(target))?.id ?? null })) return;
    }
    if (rng.chance(0.03)) {
      const other = [...categories.values()].filter((k) => k.active && k.code !== complaint.category);
      t = businessLater(rng, t, HOUR, BUSINESS_DAY);
      if (other.length > 0 && !go('edit', t, worker(), { reason: say(ACTION_TEXTS.edit), category: rng.pick(other).code })) return;
    }
    if (rng.chance(0.12)) {
      t = businessLater(rng, t, HOUR, 1.5 * BUSINESS_DAY);
      if (!go('pause', t, worker(), { reason: say(ACTION_TEXTS.pause) })) return;
      t = businessLater(rng, t, 4 * HOUR, 4 * BUSINESS_DAY);
      if (!go('resume', t, worker())) return;
    }
    if (rng.chance(0.3)) {
      t = businessLater(rng, t, HOUR, 2 * BUSINESS_DAY);
      if (!go('comment', t, worker(), { reason: say(ACTION_TEXTS.commentComplaint) })) return;
    }
    // some answered late, more of the last weeks' (still open, overdue)
    const recent = complaint.received_at > now - RECENT;
    t = rng.chance(recent ? 0.35 : 0.12) ? businessLater(rng, c.row.due_at!, HOUR, (recent ? 10 : 3) * BUSINESS_DAY) : businessBefore(rng, t, c.row.due_at!, HOUR);
    if (!answer(t, OUTCOMES)) return;
    if (rng.chance(0.09)) {
      if (rng.chance(0.5)) {
        t = businessLater(rng, t, BUSINESS_DAY, 4 * BUSINESS_DAY);
        if (!go('close', t, worker())) return;
      }
      t = businessLater(rng, t, 3 * HOUR, 5 * BUSINESS_DAY);
      if (!go('reopen', t, worker(), { reason: say(ACTION_TEXTS.reopenComplaint) })) return;
      t = businessBefore(rng, t, c.row.due_at!, HOUR);
      if (!answer(t, OUTCOMES)) return;
    }
    go('close', businessLater(rng, t, BUSINESS_DAY, 5 * BUSINESS_DAY), worker());
  }
}

function pickOf<T>(rng: Random, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : rng.pick(items);
}
