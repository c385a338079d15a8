// Who may do what: the scopes of API keys, the roles of dashboard users, and the one table of
// what each role may do (ROLE_PERMISSIONS). Every `/api/v1` route names a scope for keys and a
// permission for roles (`apiRoute` in workers/api/openapi-helpers.ts); docs/admin.md shows the table.

export const API_SCOPES = [
  'subscribers',
  'consent',
  'links',
  'messages',
  'privacy_requests',
  'reports',
  'webhooks',
  'admin',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const ROLES = ['owner', 'privacy_officer', 'marketer', 'analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'tenant.read',
  'settings.manage',
  'users.manage',
  'keys.manage',
  'audit.read',
  'marketing.read',
  'marketing.write',
  'links.create',
  'messages.manage',
  'subscribers.read',
  'subscribers.write',
  'consent.read',
  'requests.read',
  'requests.manage',
  'privacy_settings.manage',
  'suppressions.manage',
  'reports.read',
  'webhooks.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * THE role table. The owner may do everything (users, keys, settings, SSO, and whatever a role
 * below may do); the others are limited to their field. Changing a row here changes what the
 * API answers to every session of that role.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  privacy_officer: [
    'tenant.read',
    'marketing.read',
    'subscribers.read',
    'subscribers.write',
    'consent.read',
    'requests.read',
    'requests.manage',
    'privacy_settings.manage',
    'suppressions.manage',
    'reports.read',
  ],
  marketer: [
    'tenant.read',
    'marketing.read',
    'marketing.write',
    'links.create',
    'messages.manage',
    'reports.read',
  ],
  analyst: ['tenant.read', 'reports.read'],
  auditor: ['tenant.read', 'audit.read', 'consent.read', 'requests.read', 'reports.read'],
};

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** What a route of a scope asks of a role when it names no permission of its own: read or write. */
export const SCOPE_PERMISSIONS: Record<ApiScope | 'any', { read: Permission; write: Permission }> = {
  any: { read: 'tenant.read', write: 'tenant.read' },
  admin: { read: 'settings.manage', write: 'settings.manage' },
  subscribers: { read: 'subscribers.read', write: 'subscribers.write' },
  consent: { read: 'consent.read', write: 'subscribers.write' },
  links: { read: 'links.create', write: 'links.create' },
  messages: { read: 'messages.manage', write: 'messages.manage' },
  privacy_requests: { read: 'requests.read', write: 'requests.manage' },
  reports: { read: 'reports.read', write: 'reports.read' },
  webhooks: { read: 'webhooks.manage', write: 'webhooks.manage' },
};

/**
 * Permissions whose routes read or change a person's data: every use is audited, reads
 * included, and so is every refusal (401/403) of them.
 */
export const PERSONAL_DATA_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'subscribers.read',
  'subscribers.write',
  'consent.read',
  'requests.read',
  'requests.manage',
  'suppressions.manage',
  'audit.read',
  'users.manage',
]);
