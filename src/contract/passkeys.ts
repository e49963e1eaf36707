import { z } from '@hono/zod-openapi';
import { language } from './common.js';
import { safeText } from '../shared/safe-text.js';

/**
 * The customer's other ways to sign in (docs/self-service.md, "Passkeys" and "A code by e-mail"): their
 * passkeys (WebAuthn: the options a ceremony starts with, the browser's answer, the list of passkeys)
 * and a one-time code sent by e-mail.
 */

/** The longest name of a passkey. */
export const PASSKEY_NAME_MAX = 60;
/** Passkeys one customer's line holds at most. */
export const MAX_PASSKEYS = 10;

/** Text in base64url (RFC 4648 §5, no padding), as WebAuthn's JSON carries bytes. */
const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, 'base64url');

const ceremony = z.string().min(1).max(64).openapi({ description: 'the ceremony the options were made for: sent back with the browser’s answer' });

const descriptor = z.object({
  id: z.string().openapi({ description: 'a credential id, base64url' }),
  type: z.literal('public-key'),
  transports: z.array(z.string()).optional(),
});

/** `PublicKeyCredentialCreationOptionsJSON` (WebAuthn Level 3), for `navigator.credentials.create()` through @simplewebauthn/browser. */
export const passkeyCreationOptions = z
  .object({
    ceremony,
    options: z.object({
      rp: z.object({ id: z.string().optional(), name: z.string() }),
      user: z.object({ id: z.string().openapi({ description: 'the user handle, base64url' }), name: z.string(), displayName: z.string() }),
      challenge: z.string().openapi({ description: '32 random bytes, base64url; valid 5 minutes, once' }),
      pubKeyCredParams: z.array(z.object({ type: z.literal('public-key'), alg: z.number().int() })),
      timeout: z.number().int().optional(),
      excludeCredentials: z.array(descriptor).optional().openapi({ description: 'the passkeys this line has already: an authenticator holding one makes no second' }),
      authenticatorSelection: z
        .object({
          authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
          residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
          requireResidentKey: z.boolean().optional(),
          userVerification: z.enum(['discouraged', 'preferred', 'required']).optional(),
        })
        .optional(),
      attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
      extensions: z.object({ credProps: z.boolean().optional() }).optional(),
    }),
  })
  .openapi('PasskeyCreationOptions', { description: 'A discoverable credential, user verification required, no attestation' });
export type PasskeyCreationOptionsOut = z.infer<typeof passkeyCreationOptions>;

/** `PublicKeyCredentialRequestOptionsJSON`, for `navigator.credentials.get()`: no allowed credentials, the browser offers the passkeys it holds for this site. */
export const passkeyRequestOptions = z
  .object({
    ceremony,
    options: z.object({
      challenge: z.string().openapi({ description: '32 random bytes, base64url; valid 5 minutes, once' }),
      timeout: z.number().int().optional(),
      rpId: z.string().optional(),
      userVerification: z.enum(['discouraged', 'preferred', 'required']).optional(),
    }),
  })
  .openapi('PasskeyRequestOptions');
export type PasskeyRequestOptionsOut = z.infer<typeof passkeyRequestOptions>;

const extensionResults = z.record(z.string(), z.unknown()).openapi({ description: 'the client extensions’ results (`credProps`…); not used' });

/** The browser's `RegistrationResponseJSON` (what @simplewebauthn/browser's `startRegistration()` answers). */
export const registrationResponse = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(65_536),
    authenticatorData: base64url(65_536).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(8192).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensionResults,
});

/** The browser's `AuthenticationResponseJSON` (what `startAuthentication()` answers). */
export const authenticationResponse = z.object({
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(65_536),
    signature: base64url(2048),
    userHandle: base64url(128).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: extensionResults,
});

export const passkeyRegistrationIn = z
  .object({
    ceremony,
    name: safeText(PASSKEY_NAME_MAX, { min: 1 }).openapi({ description: 'what the customer calls it ("iPhone de Marie")', example: 'Chrome sur Android' }),
    response: registrationResponse,
  })
  .strict();

export const passkeySignInIn = z.object({ ceremony, response: authenticationResponse }).strict();

export const passkey = z
  .object({
    id: z.string(),
    name: z.string(),
    line: z.string().openapi({ description: 'the number the passkey signs in with' }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().openapi({ description: 'its last sign-in; null: never used' }),
    synced: z.boolean().openapi({ description: 'kept by a password manager across the customer’s devices (backed up), or bound to one authenticator' }),
    current: z.boolean().openapi({ description: 'this session was opened with it' }),
  })
  .openapi('Passkey');
export type PasskeyOut = z.infer<typeof passkey>;

export const passkeyList = z
  .object({
    items: z.array(passkey),
    maximum: z.number().int().openapi({ description: 'passkeys a line may hold' }),
    canAdd: z.boolean().openapi({ description: 'a passkey may be added now: the session is recent enough (10 minutes) and the line holds fewer than the maximum' }),
    freshUntil: z.string().nullable().openapi({ description: 'until when this session may add one; null: sign in again first' }),
  })
  .openapi('PasskeyList');
export type PasskeyListOut = z.infer<typeof passkeyList>;

/** The e-mail code: the same rules as the SMS code. */
export const emailCodeIn = z
  .object({
    email: z.string().min(1).max(254).openapi({ description: 'the customer’s e-mail address, as on file', example: 'marie.weber@example.lu' }),
    language: language.optional().openapi({ description: 'the language of the e-mail; default fr' }),
  })
  .strict();
