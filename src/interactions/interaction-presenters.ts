import type { InteractionView as InteractionOut, Reason as ReasonOut } from '../contract/interactions.js';
import type { InteractionView } from './interaction-service.js';
import type { ReasonView } from './reason-service.js';

/** One contact as it leaves the server (src/contract/interactions.ts). */
export function presentInteraction(i: InteractionView): InteractionOut {
  return {
    id: i.id, externalId: i.externalId, channel: i.channel, direction: i.direction, reason: i.reason,
    startedAt: i.startedAt, endedAt: i.endedAt, durationSeconds: i.durationSeconds,
    advisor: i.advisor, team: i.team, site: i.site, outcome: i.outcome, resolved: i.resolved,
    fcr: i.fcr, repeat: i.repeat, recordingRef: i.recordingRef, recordingId: i.recordingId, notes: i.notes,
  };
}

/** A contact reason as it leaves the server. */
export function presentReason(r: ReasonView): ReasonOut {
  return { code: r.code, label: r.label, labels: { fr: r.labels.fr, de: r.labels.de, en: r.labels.en }, parentCode: r.parentCode, active: r.active, sortOrder: r.sortOrder };
}
