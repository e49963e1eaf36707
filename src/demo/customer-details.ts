import { foldForSearch } from '../shared/fold.js';
import { BUSINESS_ACTIVITIES, BUSINESS_SECTORS, LEGAL_FORMS, type Origin } from './names.js';
import { hash32, Weighted, type Random } from './random.js';

const LEGAL_FORM_PICKER = new Weighted(LEGAL_FORMS);
/** Share of the customers that are businesses. */
const ORGANISATION_SHARE = 0.08;

/** Whether customer `index` is a business (decided apart from its data stream, to weight its contacts). */
export function isOrganisation(seed: number, index: number): boolean {
  return hash32(seed, index, 0x0c6a) / 4294967296 < ORGANISATION_SHARE;
}

/** Towns and localities of Luxembourg, weighted about by their population. */
const LOCALITY_PICKER = new Weighted<string>([
  ['Luxembourg', 128], ['Esch-sur-Alzette', 36], ['Differdange', 29], ['Dudelange', 21], ['Pétange', 20], ['Sanem', 17],
  ['Hesperange', 16], ['Bettembourg', 11], ['Schifflange', 11], ['Käerjeng', 11], ['Strassen', 10], ['Mersch', 10],
  ['Mamer', 9], ['Bertrange', 9], ['Ettelbruck', 9], ['Kayl', 9], ['Junglinster', 8], ['Walferdange', 8], ['Diekirch', 7],
  ['Wiltz', 7], ['Mondercange', 7], ['Echternach', 6], ['Steinfort', 6], ['Rumelange', 6], ['Niederanven', 6],
  ['Grevenmacher', 5], ['Clervaux', 5], ['Mondorf-les-Bains', 5], ['Remich', 4], ['Sandweiler', 4], ['Lintgen', 3],
  ['Redange-sur-Attert', 3], ['Troisvierges', 3], ['Vianden', 2],
]);

/** The locality customer `index` lives in (decided apart from its data stream: the rest of the demo stays as it was). */
export function localityOf(seed: number, index: number): string {
  return LOCALITY_PICKER.at(hash32(seed, index, 0x10ca) / 4294967296);
}

/** Lower-case ASCII for e-mail addresses: "Đorđević" -> "dordevic", "O'Brien" -> "obrien". */
export function asciiLocalPart(text: string): string {
  return foldForSearch(text)
    .replace(/ß/g, 'ss')
    .replace(/[đ]/g, 'd')
    .replace(/[ł]/g, 'l')
    .replace(/[ø]/g, 'o')
    .replace(/[æ]/g, 'ae')
    .replace(/[^a-z0-9]/g, '');
}

/** A company name in the style of the origin: activity, family name(s), legal form. */
export function businessName(rng: Random, origin: Origin, origins: Weighted<Origin>): string {
  const form = LEGAL_FORM_PICKER.pick(rng);
  const family = rng.pick(origin.surnames);
  const style = rng.next();
  if (style < 0.5) return `${rng.pick(BUSINESS_ACTIVITIES)} ${family} ${form}`;
  if (style < 0.75) return `${family} ${rng.pick(BUSINESS_SECTORS)} ${form}`;
  return `${family} & ${rng.pick(origins.pick(rng).surnames)} ${form}`;
}

/** A neighbouring country's mobile number (cross-border workers, family abroad). */
export function foreignMobile(rng: Random): string {
  const digits = (n: number) => String(rng.int(10 ** n)).padStart(n, '0');
  const pick = rng.next();
  if (pick < 0.4) return `+336${rng.pick(['0', '1', '2', '4', '5', '6', '7', '8'])}${digits(7)}`;
  if (pick < 0.65) return `+3247${digits(7)}`;
  if (pick < 0.85) return `+49151${digits(8)}`;
  return `+3519${rng.pick(['1', '2', '3', '6'])}${digits(7)}`;
}
