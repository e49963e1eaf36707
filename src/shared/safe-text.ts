import { z } from 'zod';

/**
 * Characters no name or text typed by a person or sent by a system may hold: control characters (C0,
 * DEL and C1; a tab and line ends only in multi-line text), the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069: U+202E shows "gpj.exe" as "exe.jpg"), and the byte-order mark.
 */
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069\ufeff]/u;
/** Half of a UTF-16 surrogate pair without its other half: not a character, and refused by PostgreSQL. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` may not be stored as a name or text, or undefined when it may. */
export function unsafeTextReason(value: string, options: { multiline?: boolean } = {}): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'holds an invalid character (a lone UTF-16 surrogate)';
  const control = (options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).exec(value);
  if (control) return `may not contain control characters (U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  const bidi = BIDI.exec(value);
  if (bidi) return `may not contain text-direction or invisible formatting characters (U+${bidi[0].codePointAt(0)!.toString(16).toUpperCase()})`;
  return undefined;
}

/**
 * The schema of every name and text field of the API: a string of at most `max` characters without
 * control, bidirectional-override or lone-surrogate characters (`unsafeTextReason`); `multiline`
 * allows tabs and line ends (notes, SMS texts).
 */
export function safeText(max: number, options: { min?: number; multiline?: boolean } = {}) {
  return z
    .string()
    .min(options.min ?? 0)
    .max(max)
    .superRefine((value, ctx) => {
      const reason = unsafeTextReason(value, options);
      if (reason) ctx.addIssue({ code: 'custom', message: reason, params: { code: 'unsafe-text' } });
    });
}
