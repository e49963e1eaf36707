import type { Actor } from '../auth/policies.js';
import { type ActionCoding, codedInput, type CodingSubject, keptChoice, type LinePlan, planAmong, refreshedInput } from '../causes/cause-coding.js';
import { type CodingInput, countsFromCodings, linkCodings, unchangedCoding } from '../causes/cause-codings.js';
import { segmentAmong } from '../followups/followup-queries.js';
import { contactSegment, repeatContactSubjectOf } from '../interactions/contact-coding.js';
import { inChunks } from '../shared/batches.js';
import { localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import type { CauseCodingTable, CauseCountTable, Channel, CodedSubject } from '../storage/schema.js';
import { BUSINESS_DAY, businessLater, HOUR } from './case-ledger.js';
import { causeMix, REASON_CATEGORY, type CauseCalendar } from './demo-causes.js';
import { hash32, Random } from './random.js';

type Segment = 'residential' | 'business';

/** A customer's accounts and lines, as the codings of their cases and contacts are counted by them. */
interface CustomerHoldings {
  accounts: { id: string; segment: Segment; created_at: number }[];
  lines: LinePlan[];
}

/**
 * The accounts and lines of the customers whose cases or contacts the demo's history codes, read
 * once: what a coding's segment and plan are looked up in, by the same rules as the services' (`planAmong`,
 * `segmentAmong`, `contactSegment`).
 */
export class CustomerHoldingsDirectory {
  private constructor(private readonly byParty: ReadonlyMap<string, CustomerHoldings>) {}

  static async load(storage: Storage, partyIds: Iterable<string>): Promise<CustomerHoldingsDirectory> {
    const parties = [...new Set(partyIds)];
    const byParty = new Map<string, CustomerHoldings>(parties.map((id) => [id, { accounts: [], lines: [] }]));
    const accounts = await inChunks(parties, (chunk) =>
      storage.db.selectFrom('accounts').select(['id', 'party_id', 'segment', 'created_at']).where('party_id', 'in', chunk).execute(),
    );
    for (const a of accounts) byParty.get(a.party_id)!.accounts.push({ id: a.id, segment: a.segment, created_at: Number(a.created_at) });
    const lines = await inChunks(parties, (chunk) =>
      storage.db
        .selectFrom('lines')
        .innerJoin('accounts', 'accounts.id', 'lines.account_id')
        .select(['lines.id', 'lines.account_id', 'lines.plan', 'lines.activated_at', 'accounts.party_id'])
        .where('accounts.party_id', 'in', chunk)
        .execute(),
    );
    for (const l of lines) byParty.get(l.party_id)!.lines.push({ id: l.id, account_id: l.account_id, plan: l.plan, activated_at: Number(l.activated_at) });
    return new CustomerHoldingsDirectory(byParty);
  }

  private of(partyId: string | null): CustomerHoldings {
    return (partyId === null ? undefined : this.byParty.get(partyId)) ?? { accounts: [], lines: [] };
  }

  /** The plan of a line, or of the account's first line, or of the customer's first line (`planOf`). */
  planOf(partyId: string | null, lineId: string | null, accountId: string | null): string | null {
    return planAmong(this.of(partyId).lines, lineId, accountId);
  }

  /** The customer's segment as a follow-up's page shows it (`segmentOf`). */
  followupSegment(partyId: string | null, accountId: string | null): Segment | null {
    return partyId === null ? null : segmentAmong(this.of(partyId).accounts, accountId);
  }

  /** A repeat contact's segment: its account's, else the customer's first account's. */
  contactSegment(partyId: string, accountId: string | null): Segment | null {
    const { accounts } = this.of(partyId);
    return contactSegment(accounts.find((a) => a.id === accountId)?.segment ?? null, accounts);
  }
}

/**
 * The root causes coded in the demo's history, kept in memory as `saveCoding` keeps them (a coding,
 * its subject refreshed with every later change of it, a recoding that changes nothing keeping when and
 * by whom it was first coded), then linked and added up as a bulk load writes them (`linkCodings`,
 * `countsFromCodings`).
 */
export class DemoCodings {
  private readonly codings = new Map<string, CodingInput>();

  /** The cause a subject is coded with, null when it is not. */
  causeOf(kind: CodedSubject, id: string): string | null {
    return this.codings.get(`${kind}|${id}`)?.cause_code ?? null;
  }

  /**
   * After an action on a subject, at `at`: the coding it made (`coding`, from `actionCoding`) or the
   * coding's copy of the subject refreshed; `subject` is only built when there is a coding to keep.
   */
  afterAction(kind: CodedSubject, id: string, subject: () => CodingSubject, coding: ActionCoding | undefined, actor: Actor, at: number): void {
    if (coding) {
      this.code(subject(), keptChoice(coding.choice), actor, at);
      return;
    }
    const before = this.codings.get(`${kind}|${id}`);
    if (before) this.codings.set(`${kind}|${id}`, refreshedInput(subject(), before));
  }

  /** Codes (or recodes) a subject at `at` with a cause as it is kept, as `codeSubject` does. */
  code(subject: CodingSubject, choice: { cause_code: string; unknown_reason: string | null }, actor: Actor, at: number): void {
    const key = `${subject.subject_kind}|${subject.subject_id}`;
    const before = this.codings.get(key);
    const after = codedInput(subject, choice, undefined, actor, at);
    this.codings.set(key, before && unchangedCoding(before, after) ? before : after);
  }

  /** The codings as written: each linked to the customer's previous coding of its cause, and their daily aggregates. */
  rows(): { codings: CauseCodingTable[]; counts: CauseCountTable[] } {
    const codings = linkCodings([...this.codings.values()].map((c) => ({ ...c, day: localDay(Number(c.occurred_at)), previous_at: null })));
    return { codings, counts: countsFromCodings(codings) };
  }
}

/** A repeat contact of the history (interactions.repeat_of not null), as its coding needs it. */
export interface RepeatContact {
  id: string;
  partyId: string;
  accountId: string | null;
  channel: Channel;
  reasonCode: string | null;
  startedAt: number;
  teamId: string | null;
  siteId: string | null;
}

/** A repeat contact as it is first looked at: whether it is coded. */
export type RepeatGlance = Pick<RepeatContact, 'id' | 'reasonCode' | 'startedAt'>;

/** A repeat contact the history codes: with which cause, when and by whom. */
export interface RepeatContactCoding {
  contactId: string;
  cause: string;
  at: number;
  coach: Actor;
}

/** Share of the repeat contacts coded with a root cause, in a usual month (the causes' calendar raises or lowers it). */
const REPEAT_CODED_SHARE = 0.08;

/**
 * The repeat contacts a quality coach codes, in the order of the history: a share of them, the likelier
 * the more often their cause comes up then, one to three business days after the contact.
 */
export function chooseRepeatCodings(
  contacts: readonly RepeatGlance[],
  options: { seed: number; now: number; calendar: CauseCalendar; coaches: readonly Actor[] },
): RepeatContactCoding[] {
  const { calendar, coaches } = options;
  const rng = new Random();
  const chosen: RepeatContactCoding[] = [];
  if (coaches.length === 0) return chosen;
  contacts.forEach((contact, i) => {
    rng.reseed(hash32(options.seed, 0xc0d3, i));
    const { cause } = calendar.pick(rng, causeMix(REASON_CATEGORY[contact.reasonCode ?? ''] ?? 'other', contact.reasonCode));
    if (!rng.chance(Math.min(1, REPEAT_CODED_SHARE * calendar.intensity(cause, contact.startedAt)))) return;
    const at = businessLater(rng, contact.startedAt, HOUR, 3 * BUSINESS_DAY);
    if (at <= options.now) chosen.push({ contactId: contact.id, cause, at, coach: rng.pick(coaches) });
  });
  return chosen;
}

/** Codes the chosen repeat contacts (those read in full: an erased customer's are not) as `codeRepeatContact` codes them. */
export function codeRepeatContacts(
  chosen: readonly RepeatContactCoding[], contacts: ReadonlyMap<string, RepeatContact>, codings: DemoCodings, holdings: CustomerHoldingsDirectory,
): void {
  for (const { contactId, cause, at, coach } of chosen) {
    const k = contacts.get(contactId);
    if (!k) continue;
    const subject = repeatContactSubjectOf({
      contact: { id: k.id, party_id: k.partyId, started_at: k.startedAt, channel: k.channel, team_id: k.teamId, site_id: k.siteId },
      segment: holdings.contactSegment(k.partyId, k.accountId), plan: holdings.planOf(k.partyId, null, k.accountId),
    });
    codings.code(subject, keptChoice({ causeCode: cause }), coach, at);
  }
}
