/** The reply as the parser reads it: one spelling for quotes, digits and spaces, without signature. */

const NON_ASCII = /[^\x00-\x7f]/;
const KEYCAP = /([0-9])\uFE0F?\u20E3/g;
const KEYCAP_TEN = /\u{1F51F}/gu;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\uFE0E\uFE0F]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u00B4\u02BC`]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const SPACES = /\s+/g;
const SIGNATURE_HINT =
  /--|sent |envoy|von meinem|gesendet|get outlook|cordialement|bien à vous|bien a vous|gr(?:ü|ue|u)(?:ß|ss)|regards|mfg|gr[ée]iss/i;
const SIGNATURE_DELIMITER = /\r?\n[ \t]*--[ \t]*(?:\r?\n[\s\S]*)?$/;
const SIGNATURE_DEVICE =
  /(?:^|\s)(?:envoy[ée] (?:de|depuis) (?:mon|ma)|sent from my|sent with|von meinem|gesendet (?:von|mit)|get outlook for)\s[^\n]{0,40}$/i;
const SIGNATURE_CLOSING =
  /(?:^|[\s,.;!])(?:bien cordialement|cordialement|bien [àa] vous|mit freundlichen gr(?:ü|ue|u)(?:ß|ss)en|(?:freundliche|viele|liebe|beste) gr(?:ü|ue|u)(?:ß|ss)e|mfg|best regards|kind regards|regards|sch[ée]ine gr[ée]iss|gr[ée]iss)(?![\p{L}])[^\d]{0,60}$/iu;

const toHalfWidth = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** Smart quotes, invisible characters, keycap emoji, full-width forms, signatures, spacing. */
export function normalizeText(text: string): string {
  // trimmed first: a signature is at the end even when a line break follows it
  let s = text.trim();
  if (NON_ASCII.test(s)) {
    s = s
      .replace(KEYCAP, '$1')
      .replace(KEYCAP_TEN, '10')
      .replace(INVISIBLE, '')
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .replace(FULL_WIDTH, toHalfWidth)
      .normalize('NFC');
  }
  if (SIGNATURE_HINT.test(s)) {
    s = s.replace(SIGNATURE_DELIMITER, '').replace(SIGNATURE_DEVICE, '').replace(SIGNATURE_CLOSING, '');
  }
  return s.replace(SPACES, ' ').trim();
}
