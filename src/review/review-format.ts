import type { LabelLanguage } from '../shared/languages.js';

/**
 * Numbers, dates and texts of the monthly review as a reader of the language writes them
 * (fr "1 234,5", de "1.234,5", en "1,234.5"), and every text made drawable in the PDF's standard
 * Helvetica, whose encoding is WinAnsi: a character outside it would print as garbage.
 */

/** The locale of each language: plain `fr` groups thousands with a space (fr-LU would use a dot), en-GB writes dates day first. */
const LOCALES: Record<LabelLanguage, string> = { fr: 'fr', de: 'de', en: 'en-GB' };
const TIME_ZONE = 'Europe/Luxembourg';

/** The characters of WinAnsi (Windows-1252) outside the two Latin-1 ranges. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Characters that have a WinAnsi or ASCII equivalent a reader takes the same way. */
const EQUIVALENTS: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space (French thousands, before %): a no-break space
  '\u2007': '\u00a0',
  '\u2009': ' ',
  '\u200b': '',
  '\u2212': '-', // minus sign
  '\u2010': '-',
  '\u2011': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2191': '^',
  '\u2193': 'v',
  '\u2032': "'",
  '\u2033': '"',
};

const drawable = (code: number): boolean =>
  code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);

/**
 * A text every character of which Helvetica's WinAnsi encoding holds: composed first (a decomposed
 * "é" becomes one), then known equivalents ("≤" → "<=", "−" → "-"), then a letter without its accent
 * (ő → o), and "?" for whatever is left (other scripts, emoji).
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (drawable(code)) out += char;
    else if (char in EQUIVALENTS) out += EQUIVALENTS[char];
    else {
      const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out += bare !== '' && [...bare].every((c) => drawable(c.codePointAt(0)!)) ? bare : '?';
    }
  }
  return out;
}

/** The formatters of one language. Every figure of the PDF is written by one of them. */
export interface ReviewFormat {
  language: LabelLanguage;
  /** a count: 1 234 */
  count(n: number): string;
  /** a number with `digits` decimals */
  number(n: number | null, digits: number): string;
  /** NPS points, signed, one decimal: +32,4 */
  points(n: number | null): string;
  /** a signed difference with `digits` decimals */
  signed(n: number | null, digits: number): string;
  /** a fraction as a percentage, one decimal unless told: 12,5 % */
  percent(rate: number | null, digits?: number): string;
  /** an interval: [12,3 ; 25,1] (fr), [12,3; 25,1] (de), [12.3, 25.1] (en) */
  interval(low: string, high: string): string;
  /** p = 0,012 or p < 0,001 */
  pValue(p: number): string;
  /** euros from cents, two decimals, without the sign: 1 234,50 */
  euros(cents: number): string;
  /** a day of Luxembourg: 28/11/2026, 28.11.2026, 28/11/2026 */
  date(iso: string): string;
  /** a month in words: novembre 2026 */
  monthLong(month: string): string;
  /** a month in the axis of a chart: nov. 25 */
  monthShort(month: string): string;
}

const EMPTY = '–';

/** The formatters of a language; numbers through Intl.NumberFormat, dates through Intl.DateTimeFormat. */
export function reviewFormat(language: LabelLanguage): ReviewFormat {
  const locale = LOCALES[language];
  const fixed = new Map<string, Intl.NumberFormat>();
  const nf = (digits: number, sign: 'auto' | 'exceptZero' = 'auto'): Intl.NumberFormat => {
    const key = `${digits}:${sign}`;
    let f = fixed.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: sign });
      fixed.set(key, f);
    }
    return f;
  };
  const percents = [0, 1].map((digits) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const day = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE });
  const long = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const shortMonth = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const firstDay = (month: string) => new Date(`${month}-01T00:00:00Z`);
  const separator = language === 'fr' ? ' ; ' : language === 'de' ? '; ' : ', ';
  // A negative zero would print as "-0,0": a difference that rounds to nothing is written without a sign.
  const clean = (n: number, digits: number) => (Math.abs(n) < 0.5 * 10 ** -digits ? 0 : n);
  return {
    language,
    count: (n) => nf(0).format(n),
    number: (n, digits) => (n === null ? EMPTY : nf(digits).format(clean(n, digits))),
    points: (n) => (n === null ? EMPTY : nf(1, 'exceptZero').format(clean(n, 1))),
    signed: (n, digits) => (n === null ? EMPTY : nf(digits, 'exceptZero').format(clean(n, digits))),
    percent: (rate, digits = 1) => (rate === null ? EMPTY : percents[digits === 0 ? 0 : 1]!.format(rate)),
    interval: (low, high) => `[${low}${separator}${high}]`,
    pValue: (p) => (p < 0.001 ? `p < ${nf(3).format(0.001)}` : `p = ${nf(3).format(p)}`),
    euros: (cents) => nf(2).format(cents / 100),
    date: (iso) => day.format(new Date(iso)),
    monthLong: (month) => long.format(firstDay(month)),
    monthShort: (month) => `${shortMonth.format(firstDay(month))} ${month.slice(2, 4)}`,
  };
}
