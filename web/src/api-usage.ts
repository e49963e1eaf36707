import { enc, request } from './api.js';
import type { LineConsumption } from './types.js';

/** A line's consumption in its current billing period (docs/self-service.md). */
export const usageApi = {
  consumption: (msisdn: string) => request<LineConsumption>('GET', `/api/v1/lines/${enc(msisdn)}/consumption`),
};
