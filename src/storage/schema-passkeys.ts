import type { Flag, Language } from './schema-base.js';

/**
 * The customer's stronger ways to sign in (docs/self-service.md, "Passkeys" and "A code by e-mail"):
 * their passkeys (WebAuthn credentials), the challenges of the ceremonies that make and use them, and
 * the one-time codes sent by e-mail. Migrations `2027-01-08-passkeys` and `2027-01-08-email-sign-in`.
 */

/** A passkey a customer registered from the app: a public key, never anything secret. */
export interface PasskeyTable {
  id: string;
  party_id: string;
  /** the line the customer was signed in with when they made it: a sign-in with it is a sign-in with that line */
  line_id: string;
  /** the credential's id as the authenticator gave it (base64url); unique */
  credential_id: string;
  /** the COSE public key (base64url) */
  public_key: string;
  /** the WebAuthn user handle it was made for (base64url): a keyed hash of the customer and line, no personal data */
  user_handle: string;
  /** the authenticator's signature counter at its last use (0: the authenticator keeps none) */
  counter: number;
  /** how the browser reaches it (`internal`, `hybrid`, `usb`…), space-separated */
  transports: string;
  /** `multiDevice`: synced between the customer's devices (a password manager); `singleDevice`: bound to one authenticator */
  device_type: 'singleDevice' | 'multiDevice';
  /** backed up (synced) at its last use */
  backed_up: Flag;
  /** the authenticator's model (AAGUID; all zeros when it does not say) */
  aaguid: string;
  /** the customer's name for it ("iPhone de Marie") */
  name: string;
  created_at: number;
  /** its last sign-in; null: never used to sign in */
  last_used_at: number | null;
}

/** The random challenge of one WebAuthn ceremony: single use, 5 minutes. */
export interface PasskeyChallengeTable {
  id: string;
  /** `registration`: a signed-in customer makes a passkey; `authentication`: someone signs in with one */
  ceremony: 'registration' | 'authentication';
  /** base64url, as sent in the options */
  challenge: string;
  /** a registration's customer and line; null for a sign-in (whoever it turns out to be) */
  party_id: string | null;
  line_id: string | null;
  created_at: number;
  expires_at: number;
  /** when a verification took it (a verified one or not: a challenge serves once) */
  used_at: number | null;
}

/** A one-time sign-in code asked for an e-mail address (the SMS code's rules). */
export interface EmailSignInCodeTable {
  id: string;
  /** keyed hash of the address asked for, customer or not */
  address_key: string;
  /** the customer and line a sign-in with it opens; null: the address is no single customer's (nothing sent) */
  party_id: string | null;
  line_id: string | null;
  code_hash: string;
  /** the code until its e-mail is queued (then in email_messages.secret until sent) */
  pending_code: string | null;
  /** the address to send it to until the e-mail is queued */
  pending_address: string | null;
  language: Language;
  attempts: number;
  created_at: number;
  expires_at: number;
  /** used, or superseded by a newer code */
  ended_at: number | null;
}
