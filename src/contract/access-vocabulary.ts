// The lists of the audit trail the console's filter offers and words (no zod: the console imports them).
export { ADMINISTRATION_TARGETS, AUDIT_ACTIONS, type AdministrationTargetKind, type AuditAction } from '../shared/audit-actions.js';
