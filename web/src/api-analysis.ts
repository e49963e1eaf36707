import { enc, query, request, type QueryValues } from './api.js';
import type { CauseChartResult, CauseItemsPage, CustomerRecurrences, ParetoResult } from './types.js';

/** The analysis of causes (docs/improvement.md): the Pareto, the items behind a cause, its control chart, a customer's recurring causes. */
export const analysisApi = {
  pareto: (params: QueryValues) => request<ParetoResult>('GET', `/api/v1/analysis/pareto?${query(params)}`),
  /** The same rows as a CSV file, for an <a download> (the session cookie goes along). */
  paretoCsvUrl: (params: QueryValues) => `/api/v1/analysis/pareto?${query({ ...params, format: 'csv' })}`,
  items: (cause: string, params: QueryValues) => request<CauseItemsPage>('GET', `/api/v1/analysis/pareto/${enc(cause)}/items?${query(params)}`),
  controlChart: (params: QueryValues) => request<CauseChartResult>('GET', `/api/v1/analysis/control-chart?${query(params)}`),
  controlChartCsvUrl: (params: QueryValues) => `/api/v1/analysis/control-chart?${query({ ...params, format: 'csv' })}`,
  customerRecurrences: (customerId: string, lang: string) =>
    request<CustomerRecurrences>('GET', `/api/v1/customers/${enc(customerId)}/recurrences?lang=${enc(lang)}`),
};
