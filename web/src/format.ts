import { parsePhoneNumber } from 'libphonenumber-js/min';
import { LOCALES, type UiLanguage } from './ui-languages.js';

/** +352621123456 → "+352 621 123 456"; anything unparsable is shown as given. */
export function formatPhone(value: string): string {
  try {
    return parsePhoneNumber(value, 'LU').formatInternational();
  } catch {
    return value;
  }
}

/** A number as typed ("621 123 456", "00352…") in E.164 when it reads as a valid number; as given otherwise. */
export function toE164(value: string): string {
  try {
    const parsed = parsePhoneNumber(value.replace(/^00/, '+'), 'LU');
    return parsed.isValid() ? parsed.number : value;
  } catch {
    return value;
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Date and time as advisors read them: always Luxembourg time, whatever the device's zone. */
export function formatDateTime(iso: string, language: UiLanguage): string {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Luxembourg',
    });
    dateTimeFormats.set(language, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

export function formatDate(iso: string, language: UiLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'Europe/Luxembourg' }).format(date);
}

/** "2026-11" → "novembre 2026" ("nov. 2026" when short): a calendar month, no time zone shift. */
export function formatMonth(month: string, language: UiLanguage, style: 'long' | 'short' = 'long'): string {
  const [year, number] = month.split('-').map(Number);
  if (!year || !number) return month;
  return new Intl.DateTimeFormat(LOCALES[language], { month: style, year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, number - 1, 1));
}

/** Time of day in Luxembourg, e.g. "14:05". */
export function formatTime(iso: string, language: UiLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[language], { timeStyle: 'short', timeZone: 'Europe/Luxembourg' }).format(date);
}

/** The Luxembourg calendar day of an instant, as a key (YYYY-MM-DD) to group messages by day. */
export function luxembourgDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** A number with a fixed count of decimals in the UI language ("+42,5" in French). */
export function formatDecimal(value: number, language: UiLanguage, decimals = 1, signed = false): string {
  return new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(value);
}

/** A share in % (12.5 → "12,5 %" in French); null (no denominator) → "—". */
export function formatPercent(value: number | null, language: UiLanguage, decimals = 0): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(LOCALES[language], { style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value / 100);
}

/** An NPS in points, signed, one decimal ("+18,6"); null (no response) → "—". */
export function formatNps(value: number | null, language: UiLanguage): string {
  return value === null ? '—' : formatDecimal(value, language, 1, true);
}

/** A calendar day "2026-11-26" as "26 nov. 2026" ("26 nov." when short): a day, no time zone shift. */
export function formatCalendarDay(day: string, language: UiLanguage, style: 'medium' | 'short' = 'medium'): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  const options: Intl.DateTimeFormatOptions =
    style === 'medium' ? { dateStyle: 'medium', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(LOCALES[language], options).format(Date.UTC(year, month - 1, date));
}

/** A file's size in the reader's language, in powers of 1,024 as the limits are set: "850 ko", "2,4 Mo", "10 MB". */
export function formatBytes(bytes: number, language: UiLanguage): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/**
 * An amount of a line's usage in the reader's language: data in decimal units as plans count them
 * ("12,4 Go", "850 Mo"), calls in hours and minutes ("2 h 05 min"), messages as a count.
 */
export function formatUsage(amount: number, unit: 'bytes' | 'seconds' | 'messages', language: UiLanguage): string {
  if (unit === 'messages') return new Intl.NumberFormat(LOCALES[language]).format(amount);
  if (unit === 'seconds') {
    const minutes = Math.ceil(amount / 60);
    const hours = Math.floor(minutes / 60);
    const part = (value: number, u: 'hour' | 'minute') => new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
    return hours > 0 ? `${part(hours, 'hour')} ${part(minutes % 60, 'minute')}` : part(minutes, 'minute');
  }
  const [value, u] = amount >= 1e9 ? [amount / 1e9, 'gigabyte'] : amount >= 1e6 ? [amount / 1e6, 'megabyte'] : amount >= 1e3 ? [amount / 1e3, 'kilobyte'] : [amount, 'byte'];
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/** An amount in cents as euros in the reader's language ("12,50 €"). */
export function formatEuros(cents: number, language: UiLanguage): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A country's name in the reader's language ("Allemagne"), from its ISO 3166-1 code; the code when the browser has no name for it. */
export function formatCountry(code: string, language: UiLanguage): string {
  return new Intl.DisplayNames([LOCALES[language]], { type: 'region', fallback: 'code' }).of(code) ?? code;
}
