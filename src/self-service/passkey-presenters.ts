import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { PasskeyCreationOptionsOut, PasskeyListOut, PasskeyOut, PasskeyRequestOptionsOut } from '../contract/passkeys.js';
import type { PasskeyList, PasskeyView } from './passkeys.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The options of a registration, field by field as WebAuthn names them (nothing the library adds beyond them leaves). */
export function presentCreationOptions(ceremony: string, o: PublicKeyCredentialCreationOptionsJSON): PasskeyCreationOptionsOut {
  const selection = o.authenticatorSelection;
  return {
    ceremony,
    options: {
      rp: { ...(o.rp.id === undefined ? {} : { id: o.rp.id }), name: o.rp.name },
      user: { id: o.user.id, name: o.user.name, displayName: o.user.displayName },
      challenge: o.challenge,
      pubKeyCredParams: o.pubKeyCredParams.map((p) => ({ type: 'public-key' as const, alg: p.alg })),
      ...(o.timeout === undefined ? {} : { timeout: o.timeout }),
      excludeCredentials: (o.excludeCredentials ?? []).map((c) => ({ id: c.id, type: 'public-key' as const, ...(c.transports ? { transports: [...c.transports] } : {}) })),
      ...(selection
        ? {
            authenticatorSelection: {
              ...(selection.authenticatorAttachment ? { authenticatorAttachment: selection.authenticatorAttachment } : {}),
              ...(selection.residentKey ? { residentKey: selection.residentKey } : {}),
              ...(selection.requireResidentKey === undefined ? {} : { requireResidentKey: selection.requireResidentKey }),
              ...(selection.userVerification ? { userVerification: selection.userVerification } : {}),
            },
          }
        : {}),
      ...(o.attestation ? { attestation: o.attestation } : {}),
      ...(o.extensions?.credProps === undefined ? {} : { extensions: { credProps: o.extensions.credProps } }),
    },
  };
}

/** The options of a sign-in. */
export function presentRequestOptions(ceremony: string, o: PublicKeyCredentialRequestOptionsJSON): PasskeyRequestOptionsOut {
  return {
    ceremony,
    options: {
      challenge: o.challenge,
      ...(o.timeout === undefined ? {} : { timeout: o.timeout }),
      ...(o.rpId === undefined ? {} : { rpId: o.rpId }),
      ...(o.userVerification === undefined ? {} : { userVerification: o.userVerification }),
    },
  };
}

export const presentPasskey = (k: PasskeyView): PasskeyOut => ({
  id: k.id, name: k.name, line: k.msisdn, createdAt: iso(k.createdAt), lastUsedAt: k.lastUsedAt === null ? null : iso(k.lastUsedAt), synced: k.backedUp, current: k.current,
});

export const presentPasskeyList = (l: PasskeyList): PasskeyListOut => ({
  items: l.items.map(presentPasskey), maximum: l.maximum, canAdd: l.canAdd, freshUntil: l.freshUntil === null ? null : iso(l.freshUntil),
});
