/**
 * What an ESME does with a deliver_sm: a delivery receipt goes to the receipt handlers, an MO
 * message is decoded, its parts reassembled, and the whole text goes to the inbound handlers.
 * Returns the command_status of the deliver_sm_resp: ESME_ROK, or ESME_RX_T_APPN when a handler
 * failed (the SMSC redelivers later). Used by the SMPP gateway and by the in-process loopback.
 */
import { ConcatReassembler, decodePart, type DecodedPart } from '../encoding.js';
import type { DeliveryReceipt, InboundSms, SmsLogger } from '../gateway.js';
import { fromSmppAddress, isReceipt, parseReceipt, rawMessage, type PDU } from './protocol.js';

export const ESME_ROK = 0x00;
export const ESME_RX_T_APPN = 0x64;

export class DeliverHandler {
  readonly receiptHandlers: Array<(receipt: DeliveryReceipt) => Promise<void> | void> = [];
  readonly inboundHandlers: Array<(sms: InboundSms) => Promise<void> | void> = [];
  readonly stats = { receipts: 0, inbound: 0, handlerFailures: 0 };
  private readonly reassembler: ConcatReassembler;
  private warned = false;

  constructor(
    private readonly logger: SmsLogger,
    reassemblyTtlMs = 10 * 60_000,
  ) {
    this.reassembler = new ConcatReassembler(reassemblyTtlMs);
  }

  /** `pdu`: a decoded deliver_sm, or a plain object with the same field names (short_message as a Buffer). */
  async handle(pdu: PDU | Record<string, unknown>): Promise<number> {
    try {
      const esmClass = Number(pdu.esm_class ?? 0);
      const raw = rawMessage(pdu as PDU);
      if (isReceipt(esmClass)) await this.receipt(pdu, raw);
      else await this.mo(pdu, raw, esmClass);
      return ESME_ROK;
    } catch (error) {
      this.stats.handlerFailures++;
      this.logger.warn(`SMS: deliver_sm handler failed, the SMSC will redeliver: ${(error as Error).message}`);
      return ESME_RX_T_APPN;
    }
  }

  private async receipt(pdu: Record<string, unknown>, raw: Buffer): Promise<void> {
    const parsed = parseReceipt(raw.toString('latin1'), {
      receiptedMessageId: pdu.receipted_message_id,
      messageState: pdu.message_state,
      networkErrorCode: pdu.network_error_code,
    });
    if (!parsed) {
      this.logger.warn('SMS: delivery receipt without id or stat ignored');
      return;
    }
    if (parsed.status === null) return; // intermediate state (ENROUTE, ACCEPTD)
    this.stats.receipts++;
    const receipt: DeliveryReceipt = { gatewayId: parsed.id, status: parsed.status, at: Date.now() };
    if (parsed.err) receipt.errorCode = parsed.err;
    if (!this.hasHandlers(this.receiptHandlers, 'delivery receipt')) return;
    for (const handler of this.receiptHandlers) await handler(receipt);
  }

  private async mo(pdu: Record<string, unknown>, raw: Buffer, esmClass: number): Promise<void> {
    let part: DecodedPart = decodePart(raw, Number(pdu.data_coding ?? 0), (esmClass & 0x40) !== 0);
    const total = Number(pdu.sar_total_segments ?? 0);
    if (!part.concat && total > 1) {
      part = { text: part.text, concat: { reference: Number(pdu.sar_msg_ref_num), total, sequence: Number(pdu.sar_segment_seqnum) } };
    }
    const from = fromSmppAddress(String(pdu.source_addr ?? ''), Number(pdu.source_addr_ton ?? 0));
    const to = fromSmppAddress(String(pdu.destination_addr ?? ''), Number(pdu.dest_addr_ton ?? 0));
    const whole = this.reassembler.add(`${from}\u0000${to}`, part);
    if (!whole) return;
    this.stats.inbound++;
    if (this.hasHandlers(this.inboundHandlers, 'inbound message')) {
      const sms: InboundSms = { from, to, text: whole.text, receivedAt: Date.now() };
      for (const handler of this.inboundHandlers) await handler(sms);
    }
    whole.done();
  }

  private hasHandlers(handlers: unknown[], kind: string): boolean {
    if (handlers.length > 0) return true;
    if (!this.warned) this.logger.warn(`SMS: ${kind} received but no handler is registered; acknowledged and dropped`);
    this.warned = true;
    return false;
  }
}
