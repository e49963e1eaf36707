/** Demo data: a deterministic Luxembourg operator with its customers and contact history. */
export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './logins.js';
export { defaultInteractionsPerCustomer, isDatabaseEmpty, loadDemo, MAX_DEMO_CUSTOMERS, type DemoOptions, type DemoSummary } from './load.js';
