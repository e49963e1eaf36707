import { gsmSeptets } from '../../src/contract/sms.js';

export interface SmsLength {
  /** characters as a person counts them (grapheme clusters: 🇱🇺 is one) */
  characters: number;
  encoding: 'GSM-7' | 'UCS-2';
  parts: number;
  /** the characters that force UCS-2 */
  nonGsm: string[];
}

const graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/**
 * How a text travels as SMS, with the server's rules (src/sms/encoding.ts): GSM 7-bit when every
 * character is in the GSM alphabet (160 septets, 153 per part when split), otherwise UCS-2
 * (70 UTF-16 units, 67 per part). Text is NFC-normalised first, like the server does.
 */
export function smsLength(text: string): SmsLength {
  const normalized = text.normalize('NFC');
  const characters = graphemes ? [...graphemes.segment(normalized)].length : [...normalized].length;
  const nonGsm = new Set<string>();
  let septets = 0;
  for (const char of normalized) {
    const size = gsmSeptets(char);
    if (size === null) nonGsm.add(char);
    else septets += size;
  }
  if (nonGsm.size === 0) {
    return { characters, encoding: 'GSM-7', parts: septets <= 160 ? 1 : Math.ceil(septets / 153), nonGsm: [] };
  }
  const units = normalized.length;
  return { characters, encoding: 'UCS-2', parts: units <= 70 ? 1 : Math.ceil(units / 67), nonGsm: [...nonGsm] };
}
