// The limits of the inputs people type in the console, in one place: the API's schemas are built from
// them and the console's forms check them before sending (and give their inputs the same maxLength).
// No zod here, so the console can import them without the schemas.

/** A new customer (POST /customers): characters of each text. */
export const CUSTOMER_LIMITS = {
  givenName: 100,
  familyName: 100,
  organisationName: 200,
  phone: 40,
  email: 254,
  plan: 100,
  locality: 100,
} as const;

/** A contact as an advisor logs it (POST /interactions): characters of each text. */
export const CONTACT_LIMITS = {
  outcome: 500,
  notes: 4000,
} as const;

/** The survey rules' numbers (PUT /surveys/rules): whole numbers from min to max. */
export const SURVEY_RULE_LIMITS = {
  delayMinutes: { min: 0, max: 7 * 24 * 60 },
  samplingPercent: { min: 0, max: 100 },
  quarantineDays: { min: 0, max: 365 },
  minDurationSeconds: { min: 0, max: 3600 },
  openHours: { min: 1, max: 24 * 14 },
} as const;

/** A login (POST /auth/login): characters of each field. */
export const LOGIN_LIMITS = {
  email: 254,
  password: 200,
} as const;

/** A time of day on the 24-hour clock, as the survey rules' quiet hours are written. */
export const LOCAL_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** An e-mail address as a new customer's is checked: something@something.something, no spaces. */
export const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The characters a phone number may be typed with (the server then checks the number itself). */
export const PHONE_CHARACTERS = /^[\d\s+().\-/]*$/;
