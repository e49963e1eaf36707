import { sendSignal, startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { useState } from 'react';
import type { MyAccountOut } from '../../../src/contract/self-service.js';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { ceremonyProblem, passkeysSupported } from './passkey-ceremony.js';

/**
 * "Sign in with a passkey" (docs/self-service.md, "Passkeys"): a discoverable credential, so nothing is
 * typed; the browser offers the passkeys it holds for this site and asks for the device's lock. Shown
 * only where the browser has WebAuthn. A passkey the server no longer holds is signalled to the browser,
 * which may then stop offering it. `word` words a refusal of the server as the sign-in page does.
 */
export function PasskeySignIn({ onSignedIn, word }: { onSignedIn: (account: MyAccountOut) => void; word: (error: unknown) => string }) {
  const { t } = useMyLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!passkeysSupported()) return null;

  async function signIn() {
    setBusy(true);
    setError(null);
    let asked: { rpId?: string | undefined; credentialId?: string } = {};
    try {
      const { ceremony, options } = await myApi.passkeySignInOptions();
      asked = { rpId: options.rpId };
      const response = await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
      asked.credentialId = response.id;
      onSignedIn(await myApi.passkeySignIn(ceremony, response));
    } catch (e) {
      if (e instanceof MyApiError && e.code === 'passkey-unknown' && asked.rpId && asked.credentialId) {
        void sendSignal({ signalName: 'unknownCredential', rpID: asked.rpId, credentialID: asked.credentialId }).catch(() => undefined);
      }
      const problem = ceremonyProblem(e);
      setError(problem === 'cancelled' ? t('passkeySignIn.cancelled') : problem ? t('passkeySignIn.unusable') : word(e));
      setBusy(false);
    }
  }

  return (
    <div className="my-passkey-sign-in">
      <button type="button" className="my-primary my-passkey-button" onClick={() => void signIn()} disabled={busy}>
        {busy ? t('passkeySignIn.busy') : t('passkeySignIn.button')}
      </button>
      {error && <p className="my-error" role="alert">{error}</p>}
      <p className="my-or"><span>{t('passkeySignIn.or')}</span></p>
    </div>
  );
}
