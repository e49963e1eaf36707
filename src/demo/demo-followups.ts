import type { Selectable } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { actionCoding } from '../causes/cause-coding.js';
import { assertMayAssign, assertWithinScope } from '../followups/followup-access.js';
import { becameComplaint, followupCodingRules, followupStep, type FollowupActionInput } from '../followups/followup-actions.js';
import { followupSubjectOf } from '../followups/followup-coding.js';
import { complaintFromFollowup, type ComplaintRequest } from '../followups/followup-complaint.js';
import { escalationOf, firstRunAfter } from '../followups/followup-escalation.js';
import { FOLLOWUP } from '../followups/followup-kind.js';
import { followupOpening, opensFollowup, type SurveyAnswer } from '../followups/followup-opening.js';
import type { FollowupRules } from '../followups/followup-rules.js';
import { routeWith, type RoutingDirectory } from '../followups/followup-routing.js';
import { LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import type { Channel, FollowupTable, Language } from '../storage/schema.js';
import { ACTION_TEXTS } from './case-texts.js';
import {
  actOnDemoCase, BUSINESS_DAY, businessBefore, businessLater, HOUR, lastEventAt, MINUTE, newCaseIds, noteLanguage, openDemoCase,
  type DemoCase, type DemoStaff,
} from './case-ledger.js';
import { causeMix, REASON_CATEGORY, type CauseCalendar, type Grievance } from './demo-causes.js';
import type { CustomerHoldingsDirectory, DemoCodings } from './demo-codings.js';
import { disputedCents, type DemoIntake } from './demo-complaints.js';
import { hash32, Random } from './random.js';

/** Follow-ups opened this close to the end of the history may still wait for their call. */
const RECENT = 10 * 24 * HOUR;
/** Share of the follow-ups closed with the customer reached that are coded with a root cause, in a usual month (the causes' calendar raises or lowers it). */
const CODED_SHARE = 0.5;
/** Share of those reached that become a complaint, in a usual month. */
const COMPLAINT_SHARE = 0.12;

/** A detractor's answer of the demo's survey history, with what its follow-up needs of the contact and the customer. */
export interface DetractorAnswer extends SurveyAnswer {
  /** the contact evaluated is a repeat contact */
  repeat: boolean;
  /** the channel of the contact evaluated */
  channel: Channel;
  accountId: string | null;
  reasonCode: string | null;
  language: Language;
  partyKind: 'individual' | 'organisation';
}

/** A business account with an active account manager. */
export interface ManagedAccount {
  id: string;
  createdAt: number;
  managerId: string;
  managerTeamId: string | null;
}

/** A follow-up of the history: its case and its own row. */
export interface DemoFollowup {
  c: DemoCase;
  followup: Selectable<FollowupTable>;
}

export interface FollowupHistoryOptions {
  seed: number;
  now: number;
  rules: FollowupRules;
  staff: DemoStaff;
  /** codes of the active complaint categories */
  categories: ReadonlySet<string>;
  /** business accounts with an active manager, per customer, oldest first */
  managedAccounts: ReadonlyMap<string, readonly ManagedAccount[]>;
  /** the stream of the cases' ids */
  idRng: Random;
  /** the next free slot of the demo ids for a case */
  nextSlot(): number;
  /** how often each cause comes up over the year */
  calendar: CauseCalendar;
  /** where the follow-ups' causes are coded */
  codings: DemoCodings;
  /** the customers' accounts and lines, which codings are counted by */
  holdings: CustomerHoldingsDirectory;
}

/**
 * The detractor follow-ups of the demo's survey history, answer by answer in the order they came,
 * each as `followUpAnswer` opened it (routed, hot or not, its deadline) and then worked as the
 * follow-up actions allow: attempts in business hours, most closed reached with the cause and what
 * was done (some turned into complaints) or unreachable after the rules' attempts, a few cancelled,
 * paused or reopened; the recent ones still open, and every deadline missed escalated by the hourly run.
 * About half of those closed with the customer reached are coded with the root cause, most at closing.
 */
export class FollowupHistory {
  readonly followups: DemoFollowup[] = [];
  /** the complaints follow-ups became, recorded when they closed */
  readonly complaints: DemoIntake[] = [];
  private readonly rng = new Random();
  /** open intervals [from, to) of the follow-ups assigned to each person: their load when a new one is routed */
  private readonly loads = new Map<string, [number, number][]>();

  constructor(private readonly options: FollowupHistoryOptions) {}

  /** Opens and works the follow-up of an answer (the answers come in the order they were received). */
  async add(answer: DetractorAnswer): Promise<void> {
    const { rules } = this.options;
    if (!opensFollowup(answer, rules)) return;
    const at = answer.receivedAt;
    const routing = await routeWith(this.directory(at), { partyId: answer.partyId, accountId: answer.accountId, teamId: answer.teamId, siteId: answer.siteId }, rules.routing);
    const opening = followupOpening(answer, answer.repeat, routing, rules, LUXEMBOURG_CALENDAR);
    const c = openDemoCase(newCaseIds(this.options.idRng, this.options.nextSlot()), FOLLOWUP, opening.case, 'system');
    const followup: Selectable<FollowupTable> = { case_id: c.row.id, ...opening.followup };
    this.rng.reseed(hash32(this.options.seed, 0xf011, this.followups.length));
    this.work(c, followup, answer);
    this.followups.push({ c, followup });
    this.countLoad(c, routing.assigneeId);
  }

  /** Routing over what the history holds at `at`: the account managers, and each lead's open follow-ups then. */
  private directory(at: number): RoutingDirectory {
    const { staff, managedAccounts } = this.options;
    return {
      accountManager: async (partyId, accountId) => {
        const accounts = managedAccounts.get(partyId) ?? [];
        const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
        return account && { id: account.managerId, team_id: account.managerTeamId };
      },
      leastLoadedLead: async (where) => {
        const leads = 'teamId' in where ? staff.leadsOf(where.teamId) : staff.siteLeadsOf(where.siteId);
        let best: { id: string; load: number } | undefined;
        for (const lead of leads) {
          const load = this.loadOf(lead.id, at);
          if (!best || load < best.load) best = { id: lead.id, load };
        }
        return best && { id: best.id };
      },
    };
  }

  private loadOf(userId: string, at: number): number {
    const open = (this.loads.get(userId) ?? []).filter(([, to]) => to > at);
    this.loads.set(userId, open);
    return open.filter(([from]) => from <= at).length;
  }

  /** Records the intervals the follow-up was open in someone's hands: `holder` from its opening, then whoever it was given to. */
  private countLoad(c: DemoCase, holder: string | null): void {
    let from: number | null = c.events[0]!.at;
    const end = (to: number) => {
      if (holder === null || from === null || !(to > from)) return;
      const list = this.loads.get(holder);
      if (list) list.push([from, to]);
      else this.loads.set(holder, [[from, to]]);
    };
    for (const e of c.events.slice(1)) {
      if ((e.action === 'assign' || e.action === 'transfer') && from !== null) {
        end(e.at);
        from = e.at;
        holder = (JSON.parse(e.data ?? '{}') as { assigneeId?: string | null }).assigneeId ?? null;
      } else if (e.to_state === 'closed' && from !== null) {
        end(e.at);
        from = null;
      } else if (e.action === 'reopen') {
        from = e.at;
      }
    }
    end(Number.POSITIVE_INFINITY);
  }

  /** Works a follow-up from its opening to where it stands at `now`. */
  private work(c: DemoCase, f: Selectable<FollowupTable>, answer: DetractorAnswer): void {
    const { now, rules, staff, calendar, codings, holdings } = this.options;
    const rng = this.rng;
    const notes = noteLanguage(answer.language);
    const subject = () =>
      followupSubjectOf({
        followup: f, partyId: c.row.party_id, teamId: c.row.team_id, siteId: c.row.team_id === null ? null : staff.siteOf(c.row.team_id), channel: answer.channel,
        segment: holdings.followupSegment(c.row.party_id, answer.accountId), plan: holdings.planOf(c.row.party_id, null, answer.accountId),
      });
    let stopped = false;
    const escalate = (until: number) => {
      const due = c.row.due_at;
      if (c.row.closed_at !== null || c.row.paused_at !== null || due === null || f.escalated_at !== null) return;
      const run = firstRunAfter(Math.max(due, lastEventAt(c)));
      if (run > until) return;
      const site = c.row.team_id === null ? null : staff.siteOf(c.row.team_id);
      const { level, to } = escalationOf(site === null ? undefined : staff.siteLeadsOf(site)[0]?.id, c.row.assignee_id);
      f.escalated_at = run;
      f.escalated_to = to;
      actOnDemoCase(c, 'escalate', 'system', { at: run, data: { level, to, missedDueAt: due } });
    };
    /** Takes an action at `at` as `actOnFollowup` takes it (the hourly escalations first): false once the history has reached `now`. */
    const go = (action: string, at: number, actor: Actor, input: FollowupActionInput = {}): boolean => {
      if (stopped) return false;
      escalate(Math.min(at, now));
      if (at > now) return !(stopped = true);
      assertWithinScope(actor, { ...c.row, escalated_to: f.escalated_to });
      if (action === 'assign' || action === 'transfer') assertMayAssign(actor);
      const step = followupStep(c.row, f, action, input, actor, rules, { now: at, cal: LUXEMBOURG_CALENDAR });
      if (step.complaint && input.complaint) {
        const complaint = { ...input.complaint, description: step.complaint.description };
        becameComplaint(step, this.recordComplaint(c, f, answer, actor, complaint, step.changes.cause ?? null, grievance, at));
      }
      const coding = actionCoding(action, input, followupCodingRules(action), codings.causeOf('followup', c.row.id));
      if (coding) Object.assign(step.options.data, coding.data);
      actOnDemoCase(c, action, actor, { ...step.options, at });
      Object.assign(f, step.changes);
      codings.afterAction('followup', c.row.id, subject, coding, actor, at);
      return true;
    };
    const say = (texts: Record<'fr' | 'de' | 'en', readonly string[]>) => rng.pick(texts[notes]);

    const opened = c.row.opened_at;
    let worker = c.row.assignee_id === null ? undefined : staff.byId.get(c.row.assignee_id);
    if (!worker) {
      const lead = c.row.team_id === null ? undefined : staff.leadsOf(c.row.team_id)[0];
      if (!lead || !go('assign', businessLater(rng, opened, 10 * MINUTE, 2 * HOUR), lead, { assigneeId: lead.id })) return escalate(now);
      worker = lead;
    }
    // most are called back within their deadline, some later; of the last days' some wait longer (still open, overdue)
    const waiting = opened > now - RECENT && rng.chance(0.2);
    const prompt = !waiting && rng.chance(c.row.hot === 1 ? 0.92 : 0.86);
    let t = prompt ? businessBefore(rng, opened, f.deadline_at) : businessLater(rng, f.deadline_at, waiting ? BUSINESS_DAY : 30 * MINUTE, (waiting ? 8 : 1.5) * BUSINESS_DAY);
    if (rng.chance(0.03)) {
      go('cancel', t, worker, { reason: say(ACTION_TEXTS.cancelFollowup) });
      return escalate(now);
    }
    const category = rng.chance(0.18) ? 'advisor' : rng.chance(0.05) ? 'price' : (REASON_CATEGORY[answer.reasonCode ?? ''] ?? 'other');
    // what the customer says went wrong; the more often its cause comes up then, the likelier it is coded or becomes a complaint
    const grievance = calendar.pick(rng, causeMix(category, answer.reasonCode));
    const intensity = calendar.intensity(grievance.cause, opened);
    for (let notReached = 0; ; ) {
      const reached = rng.chance(notReached === 0 ? 0.62 : 0.5);
      if (!go('attempt', t, worker, { reached })) return escalate(now);
      if (!reached) {
        notReached++;
        if (notReached >= rules.unreachableAfter) {
          go('close', businessLater(rng, t, 2 * MINUTE, 15 * MINUTE), worker, { actionTaken: say(ACTION_TEXTS.unreachable) });
          return escalate(now);
        }
        t = businessLater(rng, t, HOUR, 6 * HOUR);
        continue;
      }
      break;
    }
    if (rng.chance(0.05)) {
      // reached at a bad time: the customer asks to be called later, and is
      t = businessLater(rng, t, MINUTE, 3 * MINUTE);
      if (!go('pause', t, worker, { reason: say(ACTION_TEXTS.pauseFollowup) })) return escalate(now);
      t = businessLater(rng, t, 4 * HOUR, 2 * BUSINESS_DAY);
      if (!go('resume', t, worker)) return escalate(now);
      t = businessLater(rng, t, MINUTE, 10 * MINUTE);
      if (!go('attempt', t, worker, { reached: true })) return escalate(now);
    }
    if (rng.chance(0.15)) {
      t = businessLater(rng, t, MINUTE, 5 * MINUTE);
      if (!go('comment', t, worker, { reason: say(ACTION_TEXTS.commentFollowup) })) return escalate(now);
    }
    const becomes = rng.chance(Math.min(1, COMPLAINT_SHARE * intensity)) && this.options.categories.has(category) && (c.row.team_id ?? worker.teamId) !== null;
    const request: ComplaintRequest | undefined = becomes ? { category, amountDisputedCents: disputedCents(rng, category) } : undefined;
    const coded = rng.chance(Math.min(1, CODED_SHARE * intensity));
    // most coded at closing, some the next days
    const later = coded && rng.chance(0.15);
    t = businessLater(rng, t, 3 * MINUTE, 25 * MINUTE);
    const cause = grievance.story.grievance[notes];
    const actionTaken = grievance.story.action[notes];
    const closing = { cause, causeCategory: category, actionTaken, complaint: request, ...(coded && !later ? { causeCode: grievance.cause } : {}) };
    if (!go('close', t, worker, closing)) return escalate(now);
    if (later) {
      t = businessLater(rng, t, HOUR, 3 * BUSINESS_DAY);
      if (!go('code-cause', t, worker, { causeCode: grievance.cause })) return escalate(now);
    }
    if (!request && rng.chance(0.02)) {
      t = businessLater(rng, t, BUSINESS_DAY, 5 * BUSINESS_DAY);
      if (!go('reopen', t, worker, { reason: say(ACTION_TEXTS.reopenFollowup) })) return escalate(now);
      t = businessLater(rng, t, 30 * MINUTE, BUSINESS_DAY);
      if (!go('attempt', t, worker, { reached: true })) return escalate(now);
      go('close', businessLater(rng, t, 3 * MINUTE, 25 * MINUTE), worker, { cause, causeCategory: category, actionTaken });
    }
    return escalate(now);
  }

  /** The complaint a follow-up becomes as it closes, recorded as `escalateToComplaint` records it; its id. */
  private recordComplaint(
    c: DemoCase, f: Selectable<FollowupTable>, answer: DetractorAnswer, actor: Actor, request: ComplaintRequest, cause: string | null, grievance: Grievance, at: number,
  ): string {
    const origin = { caseId: c.row.id, partyId: c.row.party_id!, interactionId: f.interaction_id, teamId: c.row.team_id, cause };
    const complaint = complaintFromFollowup(origin, request, actor, at);
    const made = newCaseIds(this.options.idRng, this.options.nextSlot());
    this.complaints.push({
      made, recordedAt: at, recorder: actor, contactIds: [...(complaint.contactIds ?? [])], notes: noteLanguage(answer.language), grievance,
      checked: {
        partyId: complaint.partyId, teamId: complaint.teamId!, assigneeId: complaint.assigneeId, channel: complaint.channel, category: complaint.category,
        receivedAt: complaint.receivedAt!, description: complaint.description, language: answer.language, amountDisputedCents: complaint.amountDisputedCents ?? null,
        accountId: null, lineId: null, segment: answer.partyKind === 'organisation' ? 'business' : 'residential', fromCase: complaint.fromCase,
      },
    });
    return made.id;
  }
}
