import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import type { Translate } from './my-i18n.js';

/** Whether this browser has WebAuthn (PublicKeyCredential): the app offers passkeys only then. */
export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

/**
 * Why the browser's side of a ceremony ended without a passkey: the person cancelled or let it time out
 * (`NotAllowedError`, `AbortError`), the authenticator holds one for this line already
 * (`InvalidStateError`), or it cannot make or use one; undefined when the error is not the browser's.
 */
export function ceremonyProblem(error: unknown): 'cancelled' | 'exists' | 'unusable' | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'NotAllowedError' || error.name === 'AbortError') return 'cancelled';
  if (error.name === 'InvalidStateError') return 'exists';
  if (['ConstraintError', 'NotSupportedError', 'SecurityError', 'UnknownError', 'TypeError'].includes(error.name) && !('status' in error)) return 'unusable';
  return undefined;
}

/** A name for a passkey made on this device, from the browser and the system it runs on ("Chrome sur Android"). */
export function deviceName(t: Translate, userAgent = navigator.userAgent): string {
  const os = /iPhone/.test(userAgent) ? 'iPhone' : /iPad/.test(userAgent) ? 'iPad' : /Android/.test(userAgent) ? 'Android' : /CrOS/.test(userAgent) ? 'ChromeOS'
    : /Mac OS X|Macintosh/.test(userAgent) ? 'Mac' : /Windows/.test(userAgent) ? 'Windows' : /Linux/.test(userAgent) ? 'Linux' : undefined;
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /SamsungBrowser/.test(userAgent) ? 'Samsung Internet' : /Firefox\/|FxiOS/.test(userAgent) ? 'Firefox'
    : /OPR\//.test(userAgent) ? 'Opera' : /Chrome\/|CriOS/.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : undefined;
  if (os && browser) return t('security.device', { browser, os });
  return os ?? browser ?? t('security.aDevice');
}
