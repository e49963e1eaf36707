import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, newRouter, problemResponses } from '../http/context.js';
import type { ConsoleEvent } from '../http/live-hub.js';

/** Seconds between keep-alive comments, so proxies keep the stream open. */
const KEEP_ALIVE_MS = 25_000;

export function consoleRoutes(deps: AppDeps) {
  const router = newRouter();

  router.openapi(
    route('console.subscribe', {
      method: 'get',
      path: '/console/events',
      tags: ['console'],
      summary: "The advisor's live stream (Server-Sent Events): incoming-call with the caller's card, call-answered, call-ended; followup.hot and followup.escalated (docs/followups.md)",
      responses: {
        200: {
          description: 'The stream: one event per line group, `event:` its kind and `data:` its JSON (docs/console.md)',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        ...problemResponses,
      },
    }),
    ((c: any) => {
      const actor = actorOf(c);
      return streamSSE(c, async (stream) => {
        const queue: ConsoleEvent[] = [];
        let wake: (() => void) | undefined;
        const unsubscribe = deps.live.subscribe(actor.id, (event) => {
          queue.push(event);
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: actor.id }) });
        while (!stream.aborted && !stream.closed) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data) });
            continue;
          }
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, KEEP_ALIVE_MS);
          });
          clearTimeout(timer);
          wake = undefined;
          if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
        }
        unsubscribe();
      });
    }) as never,
  );

  return router;
}
