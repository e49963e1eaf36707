import type { Actor } from '../auth/policies.js';
import { actionCoding } from '../causes/cause-coding.js';
import { UNKNOWN_CAUSE } from '../causes/cause-tree.js';
import { assertMayAssign, assertWithinScope } from '../complaints/complaint-access.js';
import { segmentDeadlines, type ComplaintCategory } from '../complaints/complaint-categories.js';
import { complaintSubjectOf } from '../complaints/complaint-coding.js';
import { COMPLAINT, type ComplaintAction, type Outcome } from '../complaints/complaint-kind.js';
import {
  complaintCodingRules, complaintEdit, complaintIntake, complaintReference, complaintStep, referenceYear, type CheckedComplaint, type ComplaintActionInput,
} from '../complaints/complaint-service.js';
import { LUXEMBOURG_CALENDAR, nthBusinessDayAfter } from '../shared/business-calendar.js';
import { addDays, localDay, wallTime } from '../shared/calendar.js';
import type { ComplaintChannel } from '../shared/channels.js';
import type { Channel, ComplaintContactTable, ComplaintTable, Language } from '../storage/schema.js';
import { ACTION_TEXTS, UNKNOWN_REASONS } from './case-texts.js';
import { CALL_CENTRE_TEAMS, type NoteLanguage } from './catalogue.js';
import {
  actOnDemoCase, BUSINESS_DAY, businessBefore, businessLater, HOUR, MINUTE, newCaseIds, noteLanguage, openDemoCase, type DemoCase, type DemoStaff,
} from './case-ledger.js';
import { causeMix, homeCategory, REASON_CATEGORY, type CauseCalendar, type Grievance } from './demo-causes.js';
import type { CustomerHoldingsDirectory, DemoCodings } from './demo-codings.js';
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
  /** what the customer complains of: its root cause, and the story its description and finding are told by */
  grievance: Grievance;
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
/** Share of the unsettled contacts that become a complaint, in a usual month (the causes' calendar raises or lowers it). */
const COMPLAINT_SHARE = 0.04;
/** Share of the complaints coded `unknown` when they close: no cause could be found. */
const UNKNOWN_SHARE = 0.05;
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
  /** how often each cause comes up over the year */
  calendar: CauseCalendar;
  /** where the complaints' causes are coded */
  codings: DemoCodings;
}

/** An unsettled contact as it is first looked at: whether it leads to a complaint. */
export type ContactGlance = Pick<UnsettledContact, 'channel' | 'reasonCode' | 'startedAt'>;

/**
 * The complaints of the demo's history: some unsettled contacts lead to one (on the phone or in the
 * shop during the contact, or written afterwards by e-mail, letter or the web form), the follow-ups
 * bring theirs; each gets the next reference of its year in the order they were recorded, and is
 * handled through its lifecycle as the complaint actions allow: acknowledged and answered mostly
 * on time, some late, some rejected, transferred, paused while waiting for the customer, reopened;
 * the recent ones still open. Each complaint that closes is coded with its root cause (some earlier,
 * while it is investigated, some first provisionally; a few `unknown`, some of those recoded later).
 */
export class ComplaintHistory {
  private readonly rng = new Random();

  constructor(private readonly options: ComplaintHistoryOptions) {}

  /** Whether the `index`-th unsettled contact of the history leads to a complaint (the contact read in full only then). */
  complainedOf(k: ContactGlance, index: number): boolean {
    return this.contactStream(k, index) !== undefined;
  }

  /**
   * The contact's own stream of random numbers, when it leads to a complaint, with its channels, category
   * and grievance: the more often the causes of its category come up then, the likelier a complaint.
   */
  private contactStream(k: ContactGlance, index: number) {
    const { categories, calendar } = this.options;
    const channels = CHANNELS[k.channel];
    if (!channels) return undefined;
    const rng = this.rng.reseed(hash32(this.options.seed, 0xc0de, index));
    let category = k.channel === 'shop' && rng.chance(0.3) ? 'shop' : rng.chance(0.12) ? 'advisor' : rng.chance(0.05) ? 'price' : (REASON_CATEGORY[k.reasonCode ?? ''] ?? 'other');
    if (!categories.get(category)?.active) category = 'other';
    const mix = causeMix(category, k.reasonCode);
    if (!rng.chance(COMPLAINT_SHARE * calendar.boost(mix, k.startedAt))) return undefined;
    return { rng, channels, category, grievance: calendar.pick(rng, mix, k.startedAt) };
  }

  /** The complaint the `index`-th unsettled contact of the history leads to, if it does. */
  fromContact(k: UnsettledContact, index: number): DemoIntake | undefined {
    const { now, staff, categories } = this.options;
    const stream = this.contactStream(k, index);
    if (!stream) return undefined;
    const { rng, category, grievance } = stream;
    const channel = stream.channels.pick(rng);
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
      recordedAt, recorder, contactIds, notes, grievance,
      checked: {
        partyId: k.partyId, teamId, assigneeId, channel, category, receivedAt, description: grievance.story.grievance[notes],
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
   * handles each, their codings counted by the customers' holdings; answers them, and the last
   * reference given each year.
   */
  record(intakes: readonly DemoIntake[], holdings: CustomerHoldingsDirectory): { complaints: DemoComplaint[]; sequences: { year: number; last: number }[] } {
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
      this.handle(c, complaint, intake, holdings);
      return { c, complaint, contacts };
    });
    return { complaints, sequences: [...sequences].map(([year, last]) => ({ year, last })) };
  }

  /** Handles a complaint from its intake to where it stands at `now`. */
  private handle(c: DemoCase, complaint: ComplaintTable, intake: DemoIntake, holdings: CustomerHoldingsDirectory): void {
    const { now, staff, categories, codings } = this.options;
    const rng = this.rng;
    const say = (texts: Record<NoteLanguage, readonly string[]>) => rng.pick(texts[intake.notes]);
    const leadOf = (teamId: string | null) => (teamId === null ? undefined : staff.leadsOf(teamId)[0]);
    const { cause, story } = intake.grievance;
    // how its cause is coded: at closing, or while it is investigated (some first as the cause's parent, recoded at closing);
    // some `unknown`, a share of those recoded after a review
    const unknown = rng.chance(UNKNOWN_SHARE) ? say(UNKNOWN_REASONS) : undefined;
    const early = unknown === undefined && rng.chance(0.3);
    const provisional = early && cause.includes('.') && rng.chance(0.2) ? cause.slice(0, cause.indexOf('.')) : undefined;
    const reviewed = unknown !== undefined && rng.chance(0.4);
    const subject = () =>
      complaintSubjectOf({
        complaint, partyId: c.row.party_id, teamId: c.row.team_id, siteId: c.row.team_id === null ? null : staff.siteOf(c.row.team_id),
        plan: holdings.planOf(c.row.party_id, complaint.line_id, complaint.account_id), contacts: intake.contactIds.length,
      });
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
      const coded = codings.causeOf('complaint', c.row.id);
      const coding = actionCoding(action, input, complaintCodingRules(action, c.row.state, coded !== null), coded);
      if (coding) Object.assign(step.options.data, coding.data);
      actOnDemoCase(c, action, actor, { ...step.options, at });
      Object.assign(complaint, step.changes, { updated_at: at });
      codings.afterAction('complaint', c.row.id, subject, coding, actor, at);
      return true;
    };
    const worker = () => (c.row.assignee_id !== null ? staff.byId.get(c.row.assignee_id) : leadOf(c.row.team_id));
    const answer = (at: number, outcomes: Weighted<Outcome>) => {
      const outcome = outcomes.pick(rng);
      const disputed = Number(complaint.amount_disputed_cents ?? 0);
      const refund = disputed === 0 || outcome === 'not_upheld' ? undefined : outcome === 'upheld' ? disputed : Math.round(disputed * (0.3 + 0.4 * rng.next()));
      return go('answer', at, worker(), { outcome, rootCause: unknown ?? story.finding[intake.notes], ...(refund === undefined ? {} : { refundCents: refund }) });
    };
    /** Closes it, with its cause when it has none yet or only the provisional one. */
    const close = (at: number) => {
      const coded = codings.causeOf('complaint', c.row.id);
      const coding = coded !== null && coded !== provisional ? {} : unknown !== undefined ? { causeCode: UNKNOWN_CAUSE, unknownReason: unknown } : { causeCode: cause };
      return go('close', at, worker(), coding);
    };

    let t = intake.recordedAt;
    const oral = complaint.channel === 'phone' || complaint.channel === 'shop';
    if (oral && c.row.assignee_id !== null && rng.chance(0.3)) {
      // settled in the contact that brought it: answered there and then
      t += rng.between(3, 25) * MINUTE;
      if (!answer(t, SETTLED_OUTCOMES)) return;
      close(businessLater(rng, t, 2 * HOUR, 3 * BUSINESS_DAY));
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
    // filed under another category than its cause's: corrected once investigated
    const home = homeCategory(cause);
    if (home !== undefined && home !== complaint.category && categories.get(home)?.active && rng.chance(0.3)) {
      t = businessLater(rng, t, HOUR, BUSINESS_DAY);
      if (!go('edit', t, worker(), { reason: say(ACTION_TEXTS.edit), category: home })) return;
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
    if (early) {
      t = businessLater(rng, t, HOUR, BUSINESS_DAY);
      if (!go('code-cause', t, worker(), { causeCode: provisional ?? cause })) return;
    }
    // some answered late, more of the last weeks' (still open, overdue)
    const recent = complaint.received_at > now - RECENT;
    t = rng.chance(recent ? 0.35 : 0.12) ? businessLater(rng, c.row.due_at!, HOUR, (recent ? 10 : 3) * BUSINESS_DAY) : businessBefore(rng, t, c.row.due_at!, HOUR);
    if (!answer(t, OUTCOMES)) return;
    if (rng.chance(0.09)) {
      if (rng.chance(0.5)) {
        t = businessLater(rng, t, BUSINESS_DAY, 4 * BUSINESS_DAY);
        if (!close(t)) return;
      }
      t = businessLater(rng, t, 3 * HOUR, 5 * BUSINESS_DAY);
      if (!go('reopen', t, worker(), { reason: say(ACTION_TEXTS.reopenComplaint) })) return;
      t = businessBefore(rng, t, c.row.due_at!, HOUR);
      if (!answer(t, OUTCOMES)) return;
    }
    t = businessLater(rng, t, BUSINESS_DAY, 5 * BUSINESS_DAY);
    if (!close(t) || !reviewed) return;
    // a review finds the cause that could not be found
    go('code-cause', businessLater(rng, t, 3 * BUSINESS_DAY, 15 * BUSINESS_DAY), worker(), { causeCode: cause });
  }
}

function pickOf<T>(rng: Random, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : rng.pick(items);
}
