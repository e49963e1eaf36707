import type { Config } from '../config.js';
import { DomainError } from '../shared/errors.js';

/** Who the customers' passkeys are made for (WebAuthn's relying party) and where they may be used. */
export interface RelyingParty {
  /** the RP ID: a domain, the passkeys' scope */
  id: string;
  /** shown by some authenticators beside the RP ID */
  name: string;
  /** the origins a ceremony may come from (clientDataJSON.origin) */
  origins: string[];
}

/** The name of the relying party: the operator's product. */
export const RP_NAME = 'Ecoute';

const isLocalName = (hostname: string) => hostname === 'localhost' || hostname.endsWith('.localhost');

/**
 * The relying party of a request (docs/self-service.md, "Passkeys"): ECOUTE_PUBLIC_URL's origin, the
 * RP ID ECOUTE_PASSKEY_RP_ID or the URL's host, and ECOUTE_PASSKEY_ORIGINS beside it. Without a public
 * URL, a request to a `localhost` name is its own origin (development, the demo; browsers accept no IP
 * address as an RP ID, and make passkeys nowhere else over http); anywhere else passkeys are refused:
 * 503 `passkeys-unavailable`, the operator has to say where customers reach Ecoute.
 */
export function relyingParty(config: Pick<Config, 'publicUrl' | 'passkeys'>, request: { url: string; https: boolean }): RelyingParty {
  if (config.publicUrl !== undefined) {
    const url = new URL(config.publicUrl);
    return { id: config.passkeys.rpId ?? url.hostname, name: RP_NAME, origins: [url.origin, ...config.passkeys.extraOrigins] };
  }
  const url = new URL(request.url);
  if (!isLocalName(url.hostname)) {
    throw new DomainError(503, 'passkeys-unavailable', 'Passkeys are not set up on this server: its operator sets ECOUTE_PUBLIC_URL (the https address customers open)');
  }
  return { id: url.hostname, name: RP_NAME, origins: [`${request.https ? 'https:' : 'http:'}//${url.host}`] };
}
