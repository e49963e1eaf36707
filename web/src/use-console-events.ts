import { useEffect, useRef, useState } from 'react';
import type { FollowupAlert, Recognition } from './types.js';

/** The live events about follow-ups: a hot one given to the reader (or their team), one escalated to them. */
export type FollowupAlertEvent = 'followup.hot' | 'followup.escalated';

export interface ConsoleEventHandlers {
  onIncomingCall(data: { callId: string; phone: string; at: string; recognition: Recognition | null }): void;
  onCallAnswered(data: { callId: string }): void;
  onCallEnded(data: { callId: string; interactionId: string | null }): void;
  onFollowupAlert(event: FollowupAlertEvent, data: FollowupAlert): void;
}

export type LiveStatus = 'off' | 'connecting' | 'open';

/**
 * Subscribes to the advisor's live events (Server-Sent Events). EventSource reconnects by itself
 * after a network drop; the status tells the header whether calls will pop.
 */
export function useConsoleEvents(enabled: boolean, handlers: ConsoleEventHandlers): LiveStatus {
  const latest = useRef(handlers);
  latest.current = handlers;
  const [status, setStatus] = useState<LiveStatus>(enabled ? 'connecting' : 'off');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      setStatus('off');
      return;
    }
    const source = new EventSource('/api/v1/console/events', { withCredentials: true });
    setStatus('connecting');
    const parse = (event: Event): unknown => {
      try {
        return JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return undefined;
      }
    };
    source.onopen = () => setStatus('open');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'off' : 'connecting');
    source.addEventListener('incoming-call', (event) => {
      const data = parse(event) as Parameters<ConsoleEventHandlers['onIncomingCall']>[0] | undefined;
      if (data?.callId) latest.current.onIncomingCall({ ...data, recognition: data.recognition ?? null });
    });
    source.addEventListener('call-answered', (event) => {
      const data = parse(event) as { callId: string } | undefined;
      if (data?.callId) latest.current.onCallAnswered(data);
    });
    source.addEventListener('call-ended', (event) => {
      const data = parse(event) as { callId: string; interactionId?: string | null } | undefined;
      if (data?.callId) latest.current.onCallEnded({ callId: data.callId, interactionId: data.interactionId ?? null });
    });
    for (const name of ['followup.hot', 'followup.escalated'] as const) {
      source.addEventListener(name, (event) => {
        const data = parse(event) as FollowupAlert | undefined;
        if (data?.id) latest.current.onFollowupAlert(name, data);
      });
    }
    return () => source.close();
  }, [enabled]);

  return status;
}
