import { z } from '@hono/zod-openapi';
import { auditCustomerRead } from '../auth/audit.js';
import { can } from '../auth/policies.js';
import { deviceImportReport, deviceIn, devicePage } from '../contract/devices.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, beforeParam, json, newRouter, problemResponses, route } from '../http/context.js';
import { problem } from '../http/problem.js';
import { DEVICE_COLUMNS, importDeviceBody } from './device-csv.js';
import { MAX_BATCH_DEVICES } from './device-import.js';
import { presentDeviceImport, presentDevicePage } from './device-presenters.js';
import { customerDevices, DEFAULT_DEVICE_PAGE, MAX_DEVICE_PAGE } from './device-queries.js';

/** Devices from the operator's systems in, a customer's devices out (docs/self-service.md, "Devices"). */
export function deviceRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  router.openAPIRegistry.register('DeviceIn', deviceIn);

  router.openapi(
    route('device.import', {
      method: 'post', path: '/customer-devices', tags: ['devices'],
      summary: `Customers' devices from the operator's systems, at most ${MAX_BATCH_DEVICES} per request: recorded once each by their line and IMEI, updated when sent again with a change`,
      description:
        'The body is a JSON array of devices (or `{ "devices": [...] }`), or a CSV file (`text/csv`) with the header ' +
        `\`${DEVICE_COLUMNS.join(',')}\` (the instalment plan and status may be left out). Every device is checked (an IMEI's Luhn check digit among it); ` +
        'when one is refused nothing is recorded (422 listing each refused field as `devices[i].field`, or `line N, column` for CSV), ' +
        'unless `skipInvalid=true`, which records the valid ones and lists the others in `refused`.',
      request: {
        query: z.object({ skipInvalid: z.enum(['true', 'false']).optional().openapi({ description: 'record the valid devices even if others are refused' }) }),
        body: {
          required: true,
          content: {
            'application/json': { schema: z.unknown().openapi({ type: 'array', items: { $ref: '#/components/schemas/DeviceIn' } }) },
            'text/csv': { schema: z.string().openapi({ example: `${DEVICE_COLUMNS.join(',')}\n+352621123456,352099001761481,Fairphone,Fairphone 5 256 GB,2026-03-14,2028-03-13,24000,2028-02-28,active` }) },
          },
        },
      },
      responses: {
        200: json(deviceImportReport, 'Recorded (with skipInvalid, the refused devices are listed)'),
        ...problemResponses,
        413: { description: `More than ${MAX_BATCH_DEVICES} devices, or a body over the import cap` },
        415: { description: 'Neither application/json nor text/csv' },
        422: { description: 'Devices were refused and nothing was recorded: problem+json naming each refused field' },
      },
    }),
    async (c) => {
      actorOf(c);
      const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (contentType !== 'application/json' && contentType !== 'text/csv') {
        return problem(c, 415, 'unsupported-media-type', 'Send the devices as application/json (an array) or text/csv (a file with its header line). Nothing was recorded.');
      }
      const report = await importDeviceBody(deps.storage, await c.req.text(), contentType, { skipInvalid: c.req.valid('query').skipInvalid === 'true' });
      return c.json(presentDeviceImport(report), 200);
    },
  );

  router.openapi(
    route('device.read', {
      method: 'get', path: '/customers/{id}/devices', tags: ['devices'],
      summary: "A customer's devices, newest purchase first, the IMEI masked but for staff allowed to see it whole (an audited read of the customer's data)",
      request: {
        params: z.object({ id: z.string().max(100) }),
        query: z.object({ before: beforeParam, limit: z.coerce.number().int().min(1).max(MAX_DEVICE_PAGE).default(DEFAULT_DEVICE_PAGE) }),
      },
      responses: { 200: json(devicePage, 'Devices'), ...problemResponses, 404: { description: 'No customer has this id' } },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const { before, limit } = c.req.valid('query');
      const page = await customerDevices(db, id, { before, limit });
      await auditCustomerRead(db, actor, id, 'devices');
      return c.json(presentDevicePage(page, { wholeImei: can(actor, 'device.imei') }), 200);
    },
  );

  return router;
}
