// What a row of the audit trail records (src/auth/audit.ts), listed once for the trail, its filter and the console.

/** Reads of personal data and of the trail, actions on a customer's record, and administrators' actions. */
export const AUDIT_ACTIONS = [
  'customer.read', 'audit.read', 'customer.export', 'customer.erase', 'consent.change', 'passkey.add', 'passkey.remove', 'plan.change', 'plan.change-cancel',
  'user.create', 'user.role', 'user.team', 'user.site', 'user.name', 'user.deactivate', 'user.reactivate',
  'user.reset-password', 'user.end-sessions',
  'team.create', 'team.rename', 'team.site',
  'site.create', 'site.rename', 'site.kind', 'site.city',
  'token.create', 'token.revoke', 'reason.create', 'reason.change', 'reason.move', 'study.import', 'study.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an administrator's action is on: the prefix of its action, and of its subject `<kind>:<id>`. */
export const ADMINISTRATION_TARGETS = ['user', 'team', 'site', 'token', 'reason', 'study'] as const;
export type AdministrationTargetKind = (typeof ADMINISTRATION_TARGETS)[number];
