/**
 * The IMEI of a handset (3GPP TS 23.003, 6.2.1): 15 digits, the type allocation code (8), the serial
 * number (6) and a check digit computed with the Luhn formula over the 14 before it. Written with
 * spaces, hyphens or slashes on a box or an invoice (`35-209900-176148-1`): those are taken out.
 */

/** The digits of an IMEI as written, or null when it is not 15 digits once separators are taken out. */
export function imeiDigits(value: string): string | null {
  const digits = value.replace(/[\s\-/.]/g, '');
  return /^\d{15}$/.test(digits) ? digits : null;
}

/** The Luhn check digit of a string of digits: doubling every second digit from the right. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether the 15th digit is the Luhn check digit of the 14 before it. */
export function imeiCheckDigitValid(digits: string): boolean {
  return digits.length === 15 && luhnCheckDigit(digits.slice(0, 14)) === digits.charCodeAt(14) - 48;
}

/**
 * An IMEI as it is shown to whoever may not see it whole (the customer app, staff without `device.imei`,
 * systems): its last four digits, enough to tell two handsets apart, not enough to report one stolen.
 */
export function maskImei(digits: string): string {
  return `${'•'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
