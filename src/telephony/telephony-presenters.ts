import type { TelephonyResult as ResultOut } from '../contract/telephony.js';
import type { TelephonyResult } from './telephony-service.js';

/** What a telephony event did, as it leaves the server. */
export function presentTelephonyResult(r: TelephonyResult): ResultOut {
  return { duplicate: r.duplicate, callId: r.callId, customerId: r.customerId, interactionId: r.interactionId };
}
