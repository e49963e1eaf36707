/**
 * One SMPP session of the SMSC simulator: binds (transceiver, transmitter, receiver), enquire_link,
 * unbind, submit_sm, and the deliver_sm link the simulator sends receipts and replies through.
 * What the session does with the simulator's state goes through `SessionHost`.
 */
import type { PDU, Session } from '../smpp/protocol.js';

/** An ESME bound to the simulator: an SMPP session, or the in-process loopback. */
export interface EsmeLink {
  readonly systemId: string;
  readonly label: string;
  readonly receives: boolean;
  /** Sends a deliver_sm; resolves with the deliver_sm_resp status, rejects when the link drops first. */
  deliver(fields: Record<string, unknown>): Promise<number>;
  /** Cuts the link (fault simulation). */
  drop(): void;
}

/** Fields of a submit_sm as the simulator reads them (PDU field names; short_message as octets or decoded PDU field). */
export type SubmitFields = Record<string, unknown>;

/** What a session needs of the simulator it belongs to. */
export interface SessionHost {
  /** Whether a bind with these credentials is accepted now (false while closing). */
  acceptsBind(systemId: string, password: string): boolean;
  /** A bind was refused: count and report it. */
  bindRefused(systemId: string, remote: string): void;
  /** A bind was accepted: the link may now receive deliver_sm. */
  bound(link: EsmeLink, command: string): void;
  /** The session of a bound link closed. */
  unbound(link: EsmeLink, remote: string): void;
  /** An enquire_link arrived; answers whether to respond (a fault can make the simulator ignore them). */
  enquireLink(): boolean;
  /** Handles one submit_sm. */
  submit(systemId: string, fields: SubmitFields): Promise<{ status: number; messageId: string }>;
}

export const ESME_ROK = 0;
const ESME_RINVBNDSTS = 0x04;
const ESME_RALYBND = 0x05;
const ESME_RBINDFAIL = 0x0d;
const ESME_RINVCMDID = 0x03;

/** Serves one SMPP session until it closes. */
export function serveSession(session: Session, host: SessionHost): void {
  session.socket.setNoDelay(true);
  const remote = `${session.socket.remoteAddress ?? '?'}:${session.socket.remotePort ?? '?'}`;
  let link: EsmeLink | null = null;
  let canSubmit = false;
  const pending = new Map<number, { resolve: (status: number) => void; reject: (error: Error) => void }>();
  let nextKey = 0;

  session.on('error', () => session.destroy());
  session.on('close', () => {
    if (link) host.unbound(link, remote);
    for (const waiter of pending.values()) waiter.reject(new Error('ESME connection closed'));
    pending.clear();
  });

  session.on('pdu', (pdu: PDU) => {
    if (pdu.isResponse()) return;
    switch (pdu.command) {
      case 'bind_transceiver':
      case 'bind_transmitter':
      case 'bind_receiver': {
        if (link) {
          session.send(pdu.response({ command_status: ESME_RALYBND }));
          return;
        }
        const systemId = String(pdu.system_id ?? '');
        if (!host.acceptsBind(systemId, String(pdu.password ?? ''))) {
          host.bindRefused(systemId, remote);
          session.send(pdu.response({ command_status: ESME_RBINDFAIL }), () => session.close());
          return;
        }
        canSubmit = pdu.command !== 'bind_receiver';
        link = {
          systemId,
          label: remote,
          receives: pdu.command !== 'bind_transmitter',
          deliver: (fields) =>
            new Promise<number>((resolve, reject) => {
              const key = nextKey++;
              pending.set(key, { resolve, reject });
              const sent = session.deliver_sm(fields, (resp) => {
                pending.delete(key);
                resolve(resp.command_status);
              });
              if (!sent) {
                pending.delete(key);
                reject(new Error('ESME connection not writable'));
              }
            }),
          drop: () => session.destroy(),
        };
        session.send(pdu.response({ system_id: 'ECOUTESIM' }));
        host.bound(link, pdu.command);
        return;
      }
      case 'enquire_link':
        if (host.enquireLink()) session.send(pdu.response());
        return;
      case 'unbind':
        session.send(pdu.response(), () => session.close());
        return;
      case 'submit_sm': {
        if (!link || !canSubmit) {
          session.send(pdu.response({ command_status: ESME_RINVBNDSTS }));
          return;
        }
        void host.submit(link.systemId, pdu).then(({ status, messageId }) => {
          if (session.socket.writable) session.send(pdu.response(status === ESME_ROK ? { message_id: messageId } : { command_status: status }));
        });
        return;
      }
      default:
        session.send(pdu.response({ command_status: ESME_RINVCMDID }));
    }
  });
}
