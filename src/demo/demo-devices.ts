import { importDevices } from '../devices/device-import.js';
import type { DeviceInput } from '../devices/device-rows.js';
import { luhnCheckDigit } from '../devices/imei.js';
import { addDays, formatDay, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { hash32, Random } from './random.js';

/**
 * The demo's devices (docs/self-service.md, "Devices"): of the first `maxLines` active mobile lines by
 * number, about two in three have the handset they bought from the operator in the last three years,
 * with the EU's two-year guarantee, and half of those pay it in 24 monthly instalments; now and then
 * an older handset was replaced under warranty, or reported lost or stolen. The IMEIs are made up (a
 * type allocation code per model, a serial from the line, its Luhn digit). Recorded through the same
 * import as the operator's systems: loading again records nothing twice.
 */

/** make, model, a made-up type allocation code (8 digits), the price incl. VAT in cents */
const MODELS: readonly [string, string, string, number][] = [
  ['Apple', 'iPhone 15 128 GB', '35328115', 96_900],
  ['Apple', 'iPhone 13 128 GB', '35395011', 62_900],
  ['Samsung', 'Galaxy S24 256 GB', '35089362', 89_900],
  ['Samsung', 'Galaxy A55 128 GB', '35127455', 44_900],
  ['Google', 'Pixel 8a 128 GB', '35844522', 54_900],
  ['Fairphone', 'Fairphone 5 256 GB', '35209900', 69_900],
  ['Xiaomi', 'Redmi Note 13 256 GB', '86754306', 29_900],
  ['Nokia', 'G42 5G 128 GB', '35566711', 19_900],
];
const INSTALMENTS = 24;
const BATCH = 2_000;

/** The same day a number of months later (the month's last day where it is shorter). */
function addMonths(day: number, months: number): number {
  const index = Math.floor(day / 10_000) * 12 + (Math.floor(day / 100) % 100) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return year * 10_000 + month * 100 + Math.min(day % 100, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/** Whole months from one day to a later one. */
function monthsBetween(from: number, to: number): number {
  const months = (Math.floor(to / 10_000) - Math.floor(from / 10_000)) * 12 + (Math.floor(to / 100) % 100) - (Math.floor(from / 100) % 100);
  return to % 100 < from % 100 ? months - 1 : months;
}

function imeiOf(tac: string, rng: Random): string {
  const body = `${tac}${String(rng.int(1_000_000)).padStart(6, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

export async function loadDemoDevices(storage: Storage, options: { seed: number; now: number; maxLines?: number }): Promise<{ lines: number; devices: number }> {
  const lines = await storage.db
    .selectFrom('lines')
    .select(['msisdn'])
    .where('kind', '=', 'mobile')
    .where('status', '=', 'active')
    .where('msisdn', 'not like', 'erased:%')
    .orderBy('msisdn')
    .limit(options.maxLines ?? 2_000)
    .execute();
  const today = localDay(options.now);
  const batch: DeviceInput[] = [];
  let devices = 0;
  let equipped = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const report = await importDevices(storage.db, batch, { now: options.now });
    if (!report.written) throw new Error(`demo devices refused: ${JSON.stringify(report.refused.slice(0, 3))}`);
    devices += batch.length;
    batch.length = 0;
  };
  for (const { msisdn } of lines) {
    const rng = new Random(hash32(options.seed, 0xdef1ce, ...[...msisdn].map((c) => c.charCodeAt(0))));
    if (!rng.chance(0.65)) continue;
    equipped++;
    const device = (purchasedOn: number, status: 'active' | 'replaced' | 'lost' | 'stolen'): DeviceInput => {
      const [make, model, tac, price] = MODELS[rng.int(MODELS.length)]!;
      const paid = rng.chance(0.5);
      const left = Math.max(0, INSTALMENTS - monthsBetween(purchasedOn, today));
      return {
        msisdn, imei: imeiOf(tac, rng), make, model, purchasedOn: formatDay(purchasedOn), warrantyUntil: formatDay(addDays(addMonths(purchasedOn, 24), -1)),
        ...(paid ? { instalmentRemainingCents: Math.round((price * left) / INSTALMENTS), instalmentLastOn: formatDay(addMonths(purchasedOn, INSTALMENTS)) } : {}),
        status,
      };
    };
    const bought = addDays(today, -rng.between(20, 1_080));
    // an older handset, replaced under warranty or reported lost or stolen, before this one
    const current = device(bought, 'active');
    if (rng.chance(0.12)) {
      const older = device(addDays(bought, -rng.between(60, 600)), rng.chance(0.5) ? 'replaced' : rng.chance(0.5) ? 'lost' : 'stolen');
      if (older.imei !== current.imei) batch.push(older);
    }
    batch.push(current);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { lines: equipped, devices };
}
