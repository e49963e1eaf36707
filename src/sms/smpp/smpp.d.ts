// Minimal declaration of the subset of `smpp` (node-smpp 0.5.x, CommonJS, no types of its own) that Ecoute uses.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  export type PduCallback = (pdu: PDU) => void;

  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    bind_transmitter(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    bind_receiver(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
    deliver_sm(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    enquire_link(options?: Record<string, unknown> | PduCallback, responseCallback?: PduCallback): boolean;
    unbind(options?: Record<string, unknown> | PduCallback, responseCallback?: PduCallback): boolean;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export interface MessageFilter {
    encode(this: PDU, value: unknown): unknown;
    decode(this: PDU, value: unknown, skipUdh?: boolean): unknown;
  }

  export interface TlvType {
    read(buffer: Buffer, offset: number, length: number): unknown;
    write(value: unknown, buffer: Buffer, offset: number): void;
    size(value: unknown): number;
  }

  interface Smpp {
    connect(options: { host: string; port: number; tls?: boolean; [option: string]: unknown }, listener?: () => void): Session;
    createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
    PDU: { new (command: string, options?: Record<string, unknown>): PDU; maxLength: number };
    errors: Record<string, number>;
    filters: { message: MessageFilter };
    types: { tlv: Record<'int8' | 'int16' | 'int32' | 'cstring' | 'string' | 'buffer', TlvType> };
    tlvs: Record<string, { id: number; type: TlvType }>;
    /** Declares an optional parameter (TLV) by name, for encoding and decoding, in this process. */
    addTLV(name: string, options: { id: number; type: TlvType; multiple?: boolean }): void;
  }

  const smpp: Smpp;
  export default smpp;
}
