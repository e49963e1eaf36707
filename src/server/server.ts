import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { writeWaitingAudits } from '../auth/audit-behind.js';
import type { DemoLogin } from '../sessions/session-routes.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config.js';
import { LiveHub } from '../http/live-hub.js';
import { Closers } from '../http/context.js';
import type { SmsGateway } from '../sms/gateway.js';
import type { MailCatcher } from '../mail/mail-catcher.js';
import type { HttpGateway } from '../sms/http/http-gateway.js';
import type { SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { createApp } from './app.js';

/**
 * How long an idle keep-alive connection stays open. Longer than any client or proxy keeps one idle
 * (60 s is the usual load-balancer default; Node's agent closes 1 s before the `Keep-Alive: timeout`
 * the server announces), so the client is always the side that closes: a request sent on a
 * connection the server is closing at that moment would fail with a reset.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Time to receive a request's headers; above the keep-alive timeout, as Node requires for idle connections. */
export const HEADERS_TIMEOUT_MS = 66_000;

export interface RunningServer {
  url: string;
  live: LiveHub;
  close(): Promise<void>;
}

/** Starts the HTTP server on the given port (0: any free port) of 127.0.0.1 or the given host. */
export async function startServer(options: {
  storage: Storage;
  config: Config;
  port: number;
  host?: string;
  demoLogins?: readonly DemoLogin[];
  /** the in-process SMSC simulator, for the phone simulator page */
  simulator?: SmscSimulator;
  /** the HTTP SMS provider's gateway, whose receipts and replies arrive at /api/v1/sms/webhook */
  httpGateway?: HttpGateway;
  /** the SMS transport of the worker in this process, for its status */
  smsGateway?: SmsGateway;
  /** the local mail catcher of demo mode, for its page */
  mailCatcher?: MailCatcher;
  /** the live hub the consoles listen on, shared with the worker of this process; default a new one */
  live?: LiveHub;
  /** where files are kept; default the store of `config.blobs` */
  blobs?: BlobStore;
}): Promise<RunningServer> {
  const live = options.live ?? new LiveHub();
  const closers = new Closers();
  const app = createApp(
    {
      closers,
      storage: options.storage, config: options.config, live, simulator: options.simulator, httpGateway: options.httpGateway, smsGateway: options.smsGateway,
      mailCatcher: options.mailCatcher, blobs: options.blobs,
    },
    options.demoLogins ? { demoLogins: options.demoLogins } : {},
  );
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`,
        live,
        close: () =>
          new Promise<void>((done) => {
            // Open event streams would keep the server alive: end every connection.
            if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
            server.close(() => done());
          })
            .then(() => closers.run())
            .then(() => writeWaitingAudits(options.storage.db)),
      });
    });
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
      server.headersTimeout = HEADERS_TIMEOUT_MS;
    }
    server.once('error', reject);
  });
}
