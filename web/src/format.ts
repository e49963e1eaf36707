import { parsePhoneNumber } from 'libphonenumber-js/min';
import { LOCALES, type UiLanguage } from './i18n/index.js';

/** +352621123456 → "+352 621 123 456"; anything unparsable is shown as given. */
export function formatPhone(value: string): string {
  try {
    return parsePhoneNumber(value, 'LU').formatInternational();
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
