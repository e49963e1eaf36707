import { z } from '@hono/zod-openapi';

/** The customers' devices as the API takes and sends them (docs/self-service.md, "Devices"). */

/** One device, as the operator's systems send it. Checked field by field (`refused[].issues`), not by the schema. */
export const deviceIn = z
  .object({
    msisdn: z.unknown().openapi({ type: 'string', description: 'the line the device is used with, any usual spelling', example: '+352 621 123 456' }),
    imei: z.unknown().openapi({ type: 'string', description: '15 digits, the last the Luhn check digit; spaces and hyphens are taken out', example: '35-209900-176148-1' }),
    make: z.unknown().openapi({ type: 'string', description: 'as sold, at most 60 characters', example: 'Fairphone' }),
    model: z.unknown().openapi({ type: 'string', description: 'as sold, at most 100 characters', example: 'Fairphone 5 256 GB' }),
    purchasedOn: z.unknown().openapi({ type: 'string', format: 'date', description: 'not after today', example: '2026-03-14' }),
    warrantyUntil: z.unknown().openapi({ type: 'string', format: 'date', description: 'on or after purchasedOn', example: '2028-03-13' }),
    instalmentRemainingCents: z.unknown().openapi({ type: 'integer', description: 'what is left to pay of the instalment plan, incl. VAT, in cents (0: paid off); with instalmentLastOn, or neither: no plan', example: 24000 }),
    instalmentLastOn: z.unknown().openapi({ type: 'string', format: 'date', description: 'the day of the last instalment, on or after purchasedOn', example: '2028-02-28' }),
    status: z.unknown().openapi({ type: 'string', enum: ['active', 'replaced', 'lost', 'stolen'], description: 'active when left out' }),
  })
  .openapi('DeviceIn');

const issue = z.object({ field: z.string(), reason: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const deviceImportReport = z
  .object({
    received: z.number().int(),
    created: z.number().int().openapi({ description: 'devices Ecoute did not hold (by line and IMEI), recorded now' }),
    updated: z.number().int().openapi({ description: 'devices held of which something changed' }),
    unchanged: z.number().int().openapi({ description: 'devices held as they were sent (also a device given twice in the request)' }),
    written: z.boolean().openapi({ description: 'false: nothing was recorded' }),
    refused: z.array(
      z.object({
        index: z.number().int().openapi({ description: 'position in the request, from 0 (CSV: among the rows after the header)' }),
        line: z.number().int().nullable().openapi({ description: 'CSV: the line of the file (the header is line 1); null for JSON' }),
        imei: z.string().nullable(),
        issues: z.array(issue),
      }),
    ).openapi({ description: 'with skipInvalid, the devices not recorded and why' }),
  })
  .openapi('DeviceImportReport');
export type DeviceImportReportOut = z.infer<typeof deviceImportReport>;

export const device = z
  .object({
    msisdn: z.string().openapi({ description: 'the line it is used with' }),
    imei: z.string().openapi({ description: 'masked but its last 4 digits (`•••••••••••1481`), whole for staff allowed `device.imei`', example: '•••••••••••1481' }),
    imeiMasked: z.boolean(),
    make: z.string(),
    model: z.string(),
    purchasedOn: z.string().openapi({ example: '2026-03-14' }),
    warrantyUntil: z.string().openapi({ example: '2028-03-13' }),
    underWarranty: z.boolean().openapi({ description: 'today (Europe/Luxembourg) is on or before warrantyUntil' }),
    instalments: z
      .object({ remainingCents: z.number().int(), lastOn: z.string() })
      .nullable()
      .openapi({ description: 'the instalment plan that pays for it: what is left to pay (incl. VAT) and the day of the last instalment; null: none' }),
    status: z.enum(['active', 'replaced', 'lost', 'stolen']).openapi({ description: 'lost and stolen: reported so' }),
  })
  .openapi('Device');
export type DeviceOut = z.infer<typeof device>;

export const devicePage = z
  .object({
    items: z.array(device),
    next: z.string().nullable().openapi({ description: 'give it as `before` for the next page; null on the last page' }),
  })
  .openapi('DevicePage');
export type DevicePageOut = z.infer<typeof devicePage>;
