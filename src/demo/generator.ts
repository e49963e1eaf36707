import { foldForSearch, searchIndexOf } from '../shared/fold.js';
import type { Channel, Direction, Flag, Language, Role } from '../storage/schema.js';
import type { BulkRow, BulkWriter } from '../storage/bulk.js';
import { DAY_MS, MINUTE_MS, monthsBefore } from './calendar.js';
import {
  ADVISORS_PER_TEAM, BUSINESS_FIXED_PLANS, BUSINESS_MOBILE_PLANS, BUSINESS_REASON_WEIGHTS, CALL_CENTRE_TEAMS,
  CHANNEL_WEIGHTS, FIXED_PLANS, MOBILE_PLANS, REASON_PROFILES, SITES,
  type CallCentreTeam, type NoteLanguage, type ReasonProfile,
} from './catalogue.js';
import { alignToHours, durationSeconds, randomStart, type ContactPeriod } from './contact-hours.js';
import { asciiLocalPart, businessName, foreignMobile, isOrganisation, localityOf } from './customer-details.js';
import { DemoIds } from './ids.js';
import { DEMO_LOGINS } from './logins.js';
import { BUSINESS_LANGUAGES, ORIGINS } from './names.js';
import { hash32, Permutation, Random, Weighted } from './random.js';

/** Mobile numbers: +352 6x1 followed by 6 digits. */
export const MOBILE_PREFIXES = ['621', '628', '661', '671', '691'] as const;
/** Landlines: +352 2x xx xx xx. */
export const LANDLINE_PREFIXES = ['26', '27', '28', '22', '24', '25', '29'] as const;
const MAX_LINES = 3;
/** Each customer has three mobile numbers reserved among the 5 million of the mobile prefixes. */
export const MAX_GENERATED_CUSTOMERS = Math.floor((MOBILE_PREFIXES.length * 1_000_000) / MAX_LINES);
/** Interactions are allocated per block of customers so that their total is exactly customers × rate. */
export const ALLOCATION_BLOCK = 1000;
const MAX_INTERACTIONS_PER_CUSTOMER = 4000;

export interface GeneratorOptions {
  seed: number;
  customers: number;
  months: number;
  interactionsPerCustomer: number;
  now: number;
  fcrWindowDays: number;
  /** reason codes present (and active) in the database */
  reasonCodes: readonly string[];
  passwordHash: string;
}

export interface GeneratedCounts {
  sites: number;
  teams: number;
  users: number;
  customers: number;
  organisations: number;
  accounts: number;
  lines: number;
  contactPoints: number;
  interactions: number;
  repeatContacts: number;
}

interface Advisor {
  id: string;
  notes: NoteLanguage;
}

interface StaffTeam {
  id: string;
  siteId: string;
  advisors: Advisor[];
}

interface Contact {
  channel: Channel;
  reason: ReasonProfile | undefined;
  startedAt: number;
  followUp: boolean;
}

const NOTE_LANGUAGE: Record<Language, NoteLanguage> = { fr: 'fr', de: 'de', en: 'en', lb: 'de' };

const STAFF_LANGUAGES = new Weighted<Language>([['fr', 45], ['lb', 20], ['de', 20], ['en', 15]]);
const ORIGIN_PICKER = new Weighted(ORIGINS.map((o) => [o, o.weight] as const));
const ORIGIN_LANGUAGES = new Map(ORIGINS.map((o) => [o, new Weighted(o.languages)] as const));
const BUSINESS_LANGUAGE_PICKER = new Weighted(BUSINESS_LANGUAGES);
const CHANNEL_PICKER = new Weighted(CHANNEL_WEIGHTS);
const MOBILE_PLAN_PICKER = new Weighted(MOBILE_PLANS);
const FIXED_PLAN_PICKER = new Weighted(FIXED_PLANS);
const BUSINESS_MOBILE_PLAN_PICKER = new Weighted(BUSINESS_MOBILE_PLANS);
const BUSINESS_FIXED_PLAN_PICKER = new Weighted(BUSINESS_FIXED_PLANS);
const EMAIL_DOMAINS = new Weighted([['mail.example', 30], ['example.com', 25], ['example.net', 20], ['post.example', 15], ['example.org', 10]] as const);
const SHOP_SITES = SITES.filter((s) => s.kind === 'shop');
const SHOP_PICKER = new Weighted(SHOP_SITES.map((s, i) => [i, s.weight] as const));


/**
 * Generates the demo operator (sites, teams, staff) and its customers, deterministically from the
 * seed, and hands every row to a bulk writer. Repeat links (repeat_of, next_contact_at) are computed
 * here exactly as recomputeRepeats() computes them, so the load needs no second pass.
 */
export class DemoGenerator {
  readonly counts: GeneratedCounts = {
    sites: 0, teams: 0, users: 0, customers: 0, organisations: 0, accounts: 0, lines: 0, contactPoints: 0,
    interactions: 0, repeatContacts: 0,
  };
  private readonly rng = new Random();
  private readonly ids = new DemoIds(this.rng);
  private readonly start: number;
  private readonly windowMs: number;
  /** the generated months: from `start` to `now` */
  private readonly period: ContactPeriod;
  private readonly mobileNumbers: Permutation;
  private readonly landlineNumbers: Permutation;
  private readonly callCentreTeams = new Map<CallCentreTeam, StaffTeam>();
  private readonly shopTeams: StaffTeam[] = [];
  private readonly accountManagers: string[] = [];
  private readonly remoteReasons: Weighted<ReasonProfile> | undefined;
  private readonly shopReasons: Weighted<ReasonProfile> | undefined;
  private readonly selfReasons: Weighted<ReasonProfile> | undefined;
  private readonly businessReasons: Weighted<ReasonProfile> | undefined;
  /** interactions per customer of the current allocation block */
  private allocation = new Int32Array(ALLOCATION_BLOCK);
  private allocationBlock = -1;

  constructor(
    private readonly options: GeneratorOptions,
    private readonly writer: BulkWriter,
  ) {
    this.start = monthsBefore(options.now, options.months);
    this.windowMs = options.fcrWindowDays * DAY_MS;
    this.period = { start: this.start, now: options.now };
    this.mobileNumbers = new Permutation(MOBILE_PREFIXES.length * 1_000_000, hash32(options.seed, 11));
    this.landlineNumbers = new Permutation(LANDLINE_PREFIXES.length * 1_000_000, hash32(options.seed, 13));
    const available = REASON_PROFILES.filter((r) => options.reasonCodes.includes(r.code));
    const picker = (weight: (r: ReasonProfile) => number) => {
      const entries = available.map((r) => [r, weight(r)] as const).filter(([, w]) => w > 0);
      return entries.length > 0 ? new Weighted(entries) : undefined;
    };
    this.remoteReasons = picker((r) => r.remote);
    this.shopReasons = picker((r) => r.shop);
    this.selfReasons = picker((r) => r.self);
    this.businessReasons = picker((r) => BUSINESS_REASON_WEIGHTS[r.code] ?? 0);
  }

  /** Generates customers [from, to) in steps, flushing the writer after each; `onStep` gets the number done. */
  async generateRange(from: number, to: number, step: number, onStep?: (done: number) => void): Promise<void> {
    for (let start = from; start < to; start += step) {
      const end = Math.min(to, start + step);
      this.generateCustomers(start, end);
      await this.writer.flush();
      onStep?.(end - from);
    }
  }

  /** Sites, teams (call centre and one per shop), team leads, advisors, the coach, the CX manager and the admin. */
  generateOrganisation(write = true): void {
    const writer = write ? this.writer : NO_WRITER;
    const { now, passwordHash } = this.options;
    const rng = this.rng.reseed(hash32(this.options.seed, 0x5174ff));
    const created = now - 3 * 365 * DAY_MS;
    this.ids.startSlot(-3);
    const siteIds = new Map<string, string>();
    for (const site of SITES) {
      const id = this.ids.next();
      siteIds.set(site.code, id);
      writer.add('sites', [id, site.code, site.name, site.kind, site.city, created]);
      if (write) this.counts.sites++;
    }
    this.ids.startSlot(-2);
    const teams: { key: CallCentreTeam | undefined; name: string; siteId: string }[] = [
      ...(Object.keys(CALL_CENTRE_TEAMS) as CallCentreTeam[]).map((key) => ({
        key,
        name: CALL_CENTRE_TEAMS[key].name,
        siteId: siteIds.get(CALL_CENTRE_TEAMS[key].site) as string,
      })),
      ...SHOP_SITES.map((site) => ({ key: undefined, name: site.name, siteId: siteIds.get(site.code) as string })),
    ];
    const teamRecords: StaffTeam[] = [];
    for (const team of teams) {
      const id = this.ids.next();
      writer.add('teams', [id, team.name, team.siteId, created]);
      if (write) this.counts.teams++;
      const record: StaffTeam = { id, siteId: team.siteId, advisors: [] };
      teamRecords.push(record);
      if (team.key) this.callCentreTeams.set(team.key, record);
      else this.shopTeams.push(record);
    }

    this.ids.startSlot(-1);
    const emails = new Set<string>();
    const addUser = (email: string, name: string, role: Role, team: StaffTeam | undefined, siteId: string | null, language: Language) => {
      const id = this.ids.next();
      emails.add(email);
      writer.add('users', [id, email, name, role, team?.id ?? null, team?.siteId ?? siteId, passwordHash, language, 1, created]);
      if (write) this.counts.users++;
      return id;
    };
    const staffName = () => {
      const origin = ORIGIN_PICKER.pick(rng);
      const given = rng.chance(0.5) ? rng.pick(origin.female) : rng.pick(origin.male);
      return { given, family: rng.pick(origin.surnames) };
    };
    const staffEmail = (given: string, family: string) => {
      const base = `${asciiLocalPart(given)}.${asciiLocalPart(family)}`;
      let email = `${base}@demo.ecoute.lu`;
      for (let n = 2; emails.has(email); n++) email = `${base}${n}@demo.ecoute.lu`;
      return email;
    };
    const login = (role: Role) => DEMO_LOGINS.find((l) => l.role === role) as (typeof DEMO_LOGINS)[number];
    const mobile = this.callCentreTeams.get('mobile') as StaffTeam;
    const gasperich = siteIds.get('CC-GAS') as string;

    for (const team of teamRecords) {
      const isMobile = team === mobile;
      if (isMobile) addUser(login('team_lead').email, login('team_lead').displayName, 'team_lead', team, null, 'fr');
      else {
        const { given, family } = staffName();
        addUser(staffEmail(given, family), `${given} ${family}`, 'team_lead', team, null, STAFF_LANGUAGES.pick(rng));
      }
      for (let a = 0; a < ADVISORS_PER_TEAM; a++) {
        let id: string;
        let language: Language;
        if (isMobile && a === 0) {
          language = 'fr';
          id = addUser(login('advisor').email, login('advisor').displayName, 'advisor', team, null, language);
        } else {
          const { given, family } = staffName();
          language = STAFF_LANGUAGES.pick(rng);
          id = addUser(staffEmail(given, family), `${given} ${family}`, 'advisor', team, null, language);
        }
        const notes: NoteLanguage = language === 'lb' ? (rng.chance(0.5) ? 'de' : 'fr') : language;
        team.advisors.push({ id, notes });
        if (team === this.callCentreTeams.get('business')) this.accountManagers.push(id);
      }
    }
    addUser(login('quality_coach').email, login('quality_coach').displayName, 'quality_coach', undefined, gasperich, 'fr');
    addUser(login('cx_manager').email, login('cx_manager').displayName, 'cx_manager', undefined, gasperich, 'en');
    addUser(login('admin').email, login('admin').displayName, 'admin', undefined, null, 'fr');
  }

  /** Generates customers [from, to): party, account, lines, contact points and interactions. */
  generateCustomers(from: number, to: number): void {
    for (let index = from; index < to; index++) this.generateCustomer(index);
  }

  private interactionCount(index: number): number {
    const block = Math.floor(index / ALLOCATION_BLOCK);
    if (block !== this.allocationBlock) this.allocate(block);
    return this.allocation[index - block * ALLOCATION_BLOCK] as number;
  }

  /**
   * Splits exactly floor(rate × end) − floor(rate × start) interactions among the customers of a block,
   * in proportion to random weights: most customers contact a few times, some never, some often.
   */
  private allocate(block: number): void {
    const { seed, customers, interactionsPerCustomer: rate } = this.options;
    const first = block * ALLOCATION_BLOCK;
    const last = Math.min(customers, first + ALLOCATION_BLOCK);
    const size = last - first;
    const target = Math.floor(rate * last) - Math.floor(rate * first);
    const rng = new Random(hash32(seed, block, 0xa11c));
    const weights = new Float64Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) {
      const weight = -Math.log(1 - rng.next()) * (isOrganisation(seed, first + i) ? 1.8 : 1);
      weights[i] = weight;
      total += weight;
    }
    this.allocation.fill(0);
    let cumulative = 0;
    let given = 0;
    for (let i = 0; i < size; i++) {
      cumulative += weights[i] as number;
      const upTo = i === size - 1 ? target : Math.floor((target * cumulative) / total);
      this.allocation[i] = Math.min(MAX_INTERACTIONS_PER_CUSTOMER, upTo - given);
      given = upTo;
    }
    this.allocationBlock = block;
  }

  private generateCustomer(index: number): void {
    const { seed, now } = this.options;
    const rng = this.rng.reseed(hash32(seed, index));
    const ids = this.ids;
    ids.startSlot(index);
    const organisation = isOrganisation(seed, index);
    const customerNumber = `C${String(index + 1).padStart(8, '0')}`;
    const partyId = ids.next();
    const createdAt = now - DAY_MS - Math.floor(rng.next() ** 1.4 * 15 * 365 * DAY_MS);
    const updatedAt = createdAt + Math.floor(rng.next() * (now - createdAt));

    let language: Language;
    let givenName: string | null = null;
    let familyName: string | null = null;
    let organisationName: string | null = null;
    let displayName: string;
    let email: string | null = null;
    if (organisation) {
      const origin = ORIGIN_PICKER.pick(rng);
      organisationName = businessName(rng, origin, ORIGIN_PICKER);
      displayName = organisationName;
      language = BUSINESS_LANGUAGE_PICKER.pick(rng);
      if (rng.chance(0.95)) {
        const slug = foldForSearch(organisationName).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        email = `${rng.pick(['info', 'contact', 'office', 'admin'])}@${slug}.example`;
      }
    } else {
      const origin = ORIGIN_PICKER.pick(rng);
      givenName = rng.chance(0.5) ? rng.pick(origin.female) : rng.pick(origin.male);
      familyName = rng.pick(origin.surnames);
      displayName = `${givenName} ${familyName}`;
      language = (ORIGIN_LANGUAGES.get(origin) as Weighted<Language>).pick(rng);
      if (rng.chance(0.82)) {
        const suffix = rng.chance(0.35) ? String(rng.between(1, 99)) : '';
        const local = rng.chance(0.8)
          ? `${asciiLocalPart(givenName)}.${asciiLocalPart(familyName)}${suffix}`
          : `${asciiLocalPart(givenName).slice(0, 1)}${asciiLocalPart(familyName)}${suffix}`;
        email = `${local}@${EMAIL_DOMAINS.pick(rng)}`;
      }
    }
    const consentSurveys: Flag = rng.chance(0.85) ? 1 : 0;
    const consentMarketing: Flag = rng.chance(0.35) ? 1 : 0;
    this.writer.add('parties', [
      partyId, customerNumber, organisation ? 'organisation' : 'individual', givenName, familyName, organisationName,
      displayName, foldForSearch(displayName), language, consentSurveys, consentMarketing, createdAt, updatedAt, localityOf(seed, index),
    ]);
    const search = searchIndexOf(displayName);
    for (const term of search.terms) this.writer.add('party_search_terms', [term, partyId, search.name]);
    this.counts.customers++;
    if (organisation) this.counts.organisations++;

    const accountId = ids.next();
    const manager = organisation ? rng.pick(this.accountManagers) : null;
    this.writer.add('accounts', [accountId, `A${customerNumber}`, partyId, organisation ? 'business' : 'residential', manager, 'active', createdAt]);
    this.counts.accounts++;

    // Lines: 1 to 3, mostly mobile, at most one landline.
    const r = rng.next();
    const lineCount = organisation ? (r < 0.25 ? 1 : r < 0.6 ? 2 : 3) : r < 0.55 ? 1 : r < 0.85 ? 2 : 3;
    const msisdns: string[] = [];
    let hasLandline = false;
    for (let i = 0; i < lineCount; i++) {
      const landline: boolean = !hasLandline && (i === 0 ? rng.chance(0.12) : rng.chance(0.25));
      hasLandline ||= landline;
      const msisdn = landline ? this.landline(index) : this.mobile(index, i);
      msisdns.push(msisdn);
      const plan = landline
        ? (organisation ? BUSINESS_FIXED_PLAN_PICKER : FIXED_PLAN_PICKER).pick(rng)
        : (organisation ? BUSINESS_MOBILE_PLAN_PICKER : MOBILE_PLAN_PICKER).pick(rng);
      const s = rng.next();
      const status = i === 0 || s < 0.95 ? 'active' : s < 0.97 ? 'suspended' : 'terminated';
      const activatedAt = createdAt + Math.floor(rng.next() * (i === 0 ? DAY_MS : now - createdAt));
      this.writer.add('lines', [ids.next(), accountId, msisdn, landline ? 'landline' : 'mobile', plan, status, activatedAt]);
      this.counts.lines++;
    }

    // Contact points: the main number, sometimes another (foreign) number, usually an e-mail address.
    const primary = msisdns[0] as string;
    this.writer.add('contact_points', [ids.next(), partyId, 'phone', primary, 1]);
    this.counts.contactPoints++;
    if (rng.chance(0.08)) {
      this.writer.add('contact_points', [ids.next(), partyId, 'phone', foreignMobile(rng), 0]);
      this.counts.contactPoints++;
    }
    if (email) {
      this.writer.add('contact_points', [ids.next(), partyId, 'email', email, 1]);
      this.counts.contactPoints++;
    }

    const count = this.interactionCount(index);
    if (count > 0) this.generateInteractions(rng, count, partyId, accountId, organisation, manager, language, msisdns);
  }

  /** Mobile number of line `slot` (0-2) of customer `index`: unique without remembering the numbers handed out. */
  private mobile(index: number, slot: number): string {
    const n = this.mobileNumbers.at(index * MAX_LINES + slot);
    const block = Math.floor(n / 1_000_000);
    return `+352${MOBILE_PREFIXES[block]}${String(n - block * 1_000_000).padStart(6, '0')}`;
  }

  /** Landline of customer `index` (at most one each). */
  private landline(index: number): string {
    const n = this.landlineNumbers.at(index);
    const block = Math.floor(n / 1_000_000);
    return `+352${LANDLINE_PREFIXES[block]}${String(n - block * 1_000_000).padStart(6, '0')}`;
  }

  private generateInteractions(
    rng: Random,
    count: number,
    partyId: string,
    accountId: string,
    organisation: boolean,
    manager: string | null,
    language: Language,
    msisdns: string[],
  ): void {
    const { now } = this.options;
    const homeShop = this.shopTeams[SHOP_PICKER.pick(rng)] as StaffTeam;
    const contacts: Contact[] = [];
    const resolvedFlags: (Flag | null)[] = [];
    while (contacts.length < count) {
      const channel = CHANNEL_PICKER.pick(rng);
      let contact: Contact = { channel, reason: this.pickReason(rng, channel, organisation), startedAt: randomStart(rng, channel, this.period), followUp: false };
      contacts.push(contact);
      // A contact not resolved (or, rarely, resolved but not for good) brings the customer back for the same reason.
      for (;;) {
        const resolved = this.resolvedFlag(rng, contact);
        resolvedFlags.push(resolved);
        if (contacts.length >= count || !contact.reason) break;
        if (!rng.chance(resolved === 1 ? 0.06 : 0.6)) break;
        const at = contact.startedAt + 20 * MINUTE_MS + Math.floor(rng.next() ** 2 * 6.5 * DAY_MS);
        if (at > now - 10 * MINUTE_MS) break;
        const again: Channel = rng.chance(0.7) ? 'phone' : contact.channel;
        const aligned = alignToHours(rng, again, at, this.period);
        // keep the follow-up after the first contact, whatever the opening hours say
        const startedAt = aligned > contact.startedAt + 10 * MINUTE_MS ? aligned : at;
        contact = { channel: again, reason: contact.reason, startedAt, followUp: true };
        contacts.push(contact);
      }
    }
    // Chronological, ids in the same order: (started_at, id) is then the order recomputeRepeats() uses.
    const order = contacts.map((_, i) => i).sort((a, b) => (contacts[a] as Contact).startedAt - (contacts[b] as Contact).startedAt);
    const rows: BulkRow<'interactions'>[] = [];
    const lastByReason = new Map<string, BulkRow<'interactions'>>();
    for (const i of order) {
      const contact = contacts[i] as Contact;
      const resolved = resolvedFlags[i] as Flag | null;
      const row = this.interactionRow(rng, contact, resolved, partyId, accountId, organisation, manager, language, msisdns, homeShop);
      const code = contact.reason?.code;
      if (code !== undefined) {
        const previous = lastByReason.get(code);
        if (previous && contact.startedAt - previous[7] <= this.windowMs) {
          row[17] = previous[0]; // repeat_of
          previous[18] = contact.startedAt; // next_contact_at
          this.counts.repeatContacts++;
        }
        lastByReason.set(code, row);
      }
      rows.push(row);
    }
    for (const row of rows) this.writer.add('interactions', row);
    this.counts.interactions += rows.length;
  }

  private pickReason(rng: Random, channel: Channel, organisation: boolean): ReasonProfile | undefined {
    if (rng.chance(0.01)) return undefined; // contact logged without a reason
    if (channel === 'app' || channel === 'web') return this.selfReasons?.pick(rng);
    if (channel === 'shop') return this.shopReasons?.pick(rng);
    return (organisation ? this.businessReasons : this.remoteReasons)?.pick(rng);
  }

  private resolvedFlag(rng: Random, contact: Contact): Flag | null {
    if (rng.chance(0.02)) return null; // not recorded
    const rate = contact.reason?.resolvedRate ?? 0.8;
    return rng.chance(contact.followUp ? Math.min(0.95, rate + 0.1) : rate) ? 1 : 0;
  }


  private interactionRow(
    rng: Random,
    contact: Contact,
    resolved: Flag | null,
    partyId: string,
    accountId: string,
    organisation: boolean,
    manager: string | null,
    language: Language,
    msisdns: string[],
    homeShop: StaffTeam,
  ): BulkRow<'interactions'> {
    const { channel, reason, startedAt } = contact;
    let team: StaffTeam | undefined;
    let advisor: Advisor | undefined;
    if (channel === 'shop') {
      team = rng.chance(0.85) ? homeShop : rng.pick(this.shopTeams);
    } else if (channel !== 'app' && channel !== 'web') {
      team = this.callCentreTeams.get(organisation ? 'business' : (reason?.team ?? 'mobile'));
    }
    if (team) {
      advisor = organisation && manager && channel !== 'shop' && rng.chance(0.4)
        ? (team.advisors.find((a) => a.id === manager) ?? rng.pick(team.advisors))
        : rng.pick(team.advisors);
    }
    const notesLanguage = advisor?.notes ?? NOTE_LANGUAGE[language];
    const direction: Direction =
      (channel === 'phone' && rng.chance(0.1)) || (channel === 'email' && rng.chance(0.12)) ? 'outbound' : 'inbound';
    const seconds = durationSeconds(rng, channel);
    const endedAt = Math.min(startedAt + seconds * 1000, this.options.now);
    const outcome = reason
      ? rng.pick(resolved === 0 ? reason.unresolved[notesLanguage] : reason.resolved[notesLanguage])
      : null;
    const notes = reason && advisor && rng.chance(0.55) ? rng.pick(reason.notes[notesLanguage]) : null;
    const id = this.ids.next();
    const phone = channel === 'phone' ? (msisdns.length > 1 && rng.chance(0.3) ? rng.pick(msisdns) : (msisdns[0] as string)) : null;
    return [
      id, null, partyId, accountId, channel, direction, reason?.code ?? null, startedAt, endedAt,
      advisor?.id ?? null, team?.id ?? null, team?.siteId ?? null, outcome, resolved,
      channel === 'phone' ? `rec-${id.slice(24)}` : null, notes, phone, null, null, endedAt,
    ];
  }
}

const NO_WRITER: Pick<BulkWriter, 'add'> = { add: () => undefined };
