/** Row types of the customers' devices (src/devices, docs/self-service.md, "Devices"). */

export type DeviceStatus = 'active' | 'replaced' | 'lost' | 'stolen';

export interface DeviceTable {
  id: string;
  line_id: string;
  /** 15 digits, the last the Luhn check digit; shown masked but to staff with the right (`device.imei`) */
  imei: string;
  /** as sold (free text); the shop's device catalogue will add a reference to its models beside them */
  make: string;
  model: string;
  /** yyyymmdd (Europe/Luxembourg) */
  purchased_on: number;
  warranty_until: number;
  /** what is left to pay of the instalment plan (incl. VAT, cents) and the day of its last instalment; both null: no plan */
  instalment_remaining_cents: number | null;
  instalment_last_on: number | null;
  status: DeviceStatus;
  imported_at: number;
  updated_at: number;
}
