// Contracts of dashboard access: sign-in and the session, passwords, users and their roles, API
// keys, the sign-in settings (password age, SSO), the audit log, and tenant provisioning.

import { z } from 'zod';
import { API_SCOPES, PERMISSIONS, ROLES } from '../access';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';
import { PAGE_LANGUAGES } from '../pages/languages';
import { SLUG_PATTERN } from '../workspace';
import { IsoDate, Region } from './common';

const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must be one line without control characters');

export const Workspace = z.string().trim().max(60).meta({
  description: 'The workspace name: the tenant slug and its region, e.g. `acme.eu`',
  example: 'acme.eu',
});
const Email = z.string().trim().min(3).max(320).meta({ description: 'An email address' });
/** Long enough for any password the policy accepts, short enough to bound the hashing work. */
const Password = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);
const Language = z.enum(PAGE_LANGUAGES).meta({ description: 'Language of the mail (default: English)' });

export const RoleName = z.enum(ROLES).meta({ id: 'Role' });
export const ApiScopeName = z.enum(API_SCOPES).meta({ id: 'ApiScope' });

export const SignInInput = z
  .object({ workspace: Workspace, email: Email, password: Password })
  .meta({ id: 'SignIn' });

export const SessionView = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), role: RoleName }),
    tenant: z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      region: Region,
      workspace: z.string(),
    }),
    permissions: z.array(z.enum(PERMISSIONS)).meta({ description: "What the user's role may do" }),
    csrfToken: z
      .string()
      .meta({ description: 'Send it in `X-CSRF-Token` with every request that changes something' }),
    expiresAt: IsoDate.meta({ description: 'The session ends then at the latest (24 h after sign-in)' }),
    idleExpiresAt: IsoDate.meta({
      description: 'The session ends then unless used (8 h after its last use)',
    }),
    passwordExpired: z.boolean().meta({
      description:
        'The password this session was opened with has outlived the maximum age: until it is changed (`POST /api/auth/password/change`) the client API answers 403 `password_expired`',
    }),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof SessionView>;

export const ForgotPasswordInput = z
  .object({ workspace: Workspace, email: Email, language: Language.optional() })
  .meta({ id: 'ForgotPassword' });
export const SetPasswordInput = z
  .object({ token: z.string().min(1).max(4096), password: Password })
  .meta({ id: 'SetPassword' });
export const ChangePasswordInput = z
  .object({ currentPassword: Password, newPassword: Password })
  .meta({ id: 'ChangePassword' });

export const UserView = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleName,
    status: z.enum(['invited', 'active', 'disabled']),
    sso: z.boolean().meta({ description: 'Bound to an identity at the SSO provider' }),
    passwordChangedAt: IsoDate.nullable(),
    passwordExpiresAt: IsoDate.nullable(),
    lastSignInAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

export const InviteUserInput = z
  .object({ email: Email, role: RoleName, language: Language.optional() })
  .meta({ id: 'InviteUser' });
export const UserPatch = z
  .strictObject({ role: RoleName, disabled: z.boolean() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'Name the role or whether the user is disabled.')
  .meta({ id: 'UserPatch' });
export type UserPatch = z.infer<typeof UserPatch>;

export const ApiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ApiScopeName),
    lastUsedAt: IsoDate.nullable(),
    createdAt: IsoDate,
    revokedAt: IsoDate.nullable(),
  })
  .meta({ id: 'ApiKey' });
export const CreateApiKeyInput = z
  .object({
    name: Text(100),
    scopes: z
      .array(ApiScopeName)
      .min(1)
      .max(API_SCOPES.length)
      .refine((s) => new Set(s).size === s.length, 'Name each scope once.'),
  })
  .meta({ id: 'CreateApiKey' });
export const ApiKeyCreated = ApiKeyView.extend({
  key: z.string().meta({ description: 'The key itself: shown this once, never again' }),
}).meta({ id: 'ApiKeyCreated' });

const OidcSettings = z.object({
  issuer: z.string().meta({ description: 'The OIDC issuer URL (its discovery document is read from it)' }),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
});
export const SignInSettings = z
  .object({
    passwordMaxAgeDays: z.number().int(),
    passwordsAllowed: z.boolean(),
    sso: OidcSettings.nullable(),
    ssoRedirectUri: z.string().meta({ description: 'The redirect URI to register at the provider' }),
  })
  .meta({ id: 'SignInSettings' });
export const SignInSettingsPatch = z
  .strictObject({
    passwordMaxAgeDays: z.number().int().min(1).max(365),
    passwordsAllowed: z.boolean().meta({ description: 'false: SSO only (needs SSO set up)' }),
    sso: z
      .strictObject({
        issuer: z.string().trim().min(1).max(500),
        clientId: Text(500),
        clientSecret: z
          .string()
          .min(1)
          .max(2000)
          .nullable()
          .optional()
          .meta({ description: 'Left out: the stored secret stays; null: a public client (PKCE only)' }),
      })
      .nullable()
      .meta({ description: 'null removes SSO' }),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'Name at least one setting to change.')
  .meta({ id: 'SignInSettingsPatch' });
export type SignInSettingsPatch = z.infer<typeof SignInSettingsPatch>;

export const AuditQuery = z.object({
  actorType: z.enum(['admin', 'api_key', 'system', 'subscriber', 'platform']).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(200).optional(),
  targetType: z.string().max(100).optional(),
  targetId: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'A target id, or the subscriber a row is about' }),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const AuditPageQuery = AuditQuery.extend({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .meta({ description: 'nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditRowView = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: IsoDate,
    actor: z.object({ type: z.string(), id: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
    subjectId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    country: z.string().nullable(),
    ip: z.string().nullable().meta({ description: "The actor's IP address (stored encrypted)" }),
    redacted: z.boolean().meta({ description: 'What named a subscriber was removed by their erasure' }),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditRow' });

export const AuditVerdictView = z
  .object({
    ok: z.boolean(),
    rows: z.number().int(),
    unchained: z
      .number()
      .int()
      .meta({ description: 'Rows written before the chain existed (they come first)' }),
    redacted: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string().nullable() }),
    brokenAt: z.number().int().optional(),
    reason: z.enum(['edited', 'missing', 'reordered', 'head_mismatch']).optional(),
  })
  .meta({ id: 'AuditVerdict' });

export const CreateTenantInput = z.object({
  region: Region,
  slug: z.string().regex(SLUG_PATTERN, 'lower-case letters, digits and hyphens, 1–48 characters'),
  name: Text(200),
  ownerEmail: Email,
  language: Language.optional(),
});
export const TenantCreated = z.object({
  tenant: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    region: Region,
    workspace: z.string(),
  }),
  owner: z.object({ id: z.string(), email: z.string(), role: RoleName }),
  invitation: z.object({ sent: z.boolean(), expiresAt: IsoDate.nullable() }),
});
