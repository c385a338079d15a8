// Reading a form post at the edge: which form (its id carries the region; a post starts from the
// isolate's copy, which the submission's read batch checks), whether the Origin may post, the
// body as urlencoded or JSON (anything else is 415), the CORS headers, and where a plain HTML
// form is sent afterwards.

import type { Context } from 'hono';
import { findFormWithTenant, type FormRow, type FormWithTenant } from '../../db/forms';
import { regional, type RegionalStore } from '../../db/regions';
import { whenTenantForgotten } from '../../db/tenant-cache';
import { tenantKeys, type Tenant } from '../../db/tenants';
import type { TenantKeys } from '../../shared/crypto/envelope';
import { AppError } from '../../shared/errors';
import { formIdRegion } from '../../shared/form-ids';
import { parseDestination } from '../../shared/link-tokens';
import { FormSubmission } from '../../shared/schemas/forms';
import type { AppEnv } from '../env';
import { validationFailed } from './errors';

export type FormContext = { form: FormRow; tenant: Tenant; keys: TenantKeys; store: RegionalStore };

const UNKNOWN = 'This sign-up form does not exist (any more). Please let the owner of the website know.';

export async function loadForm(c: Context<AppEnv>, formId: string): Promise<FormContext> {
  const store = regional(c.env, regionOf(formId));
  const found = await findFormWithTenant(store.db, formId);
  if (!found) throw new AppError('not_found', UNKNOWN);
  return remember(c, store, found);
}

function regionOf(formId: string) {
  const region = formIdRegion(formId);
  if (!region) throw new AppError('not_found', UNKNOWN);
  return region;
}

const FORM_CACHE_TTL_MS = 30_000;
const FORM_CACHE_MAX = 1_000;
/** The last form and tenant rows a request read, per form: a post's starting point, never its proof. */
const copies = new Map<string, { at: number; found: FormWithTenant }>();
// A settings change written in this isolate reaches its next refusal page at once (others: the TTL).
whenTenantForgotten((tenantId) => {
  for (const [formId, copy] of copies) if (copy.found.tenant.id === tenantId) copies.delete(formId);
});

function remember(c: Context<AppEnv>, store: RegionalStore, found: FormWithTenant): Promise<FormContext> {
  if (copies.size >= FORM_CACHE_MAX) copies.clear();
  copies.set(found.form.id, { at: Date.now(), found });
  return contextOf(c, store, found);
}

async function contextOf(
  c: Context<AppEnv>,
  store: RegionalStore,
  found: FormWithTenant,
): Promise<FormContext> {
  return { ...found, keys: await tenantKeys(c.env.MASTER_KEY, found.tenant), store };
}

/**
 * The form a post starts from and its checked Origin: the isolate's copy when it has a recent one
 * (the submission's read batch reads the form again and the post starts over from the current
 * rows when they differ, see `formAsItIs`), else one read. An Origin the copy refuses is checked
 * against the current form before the post is refused.
 */
export async function formForPost(
  c: Context<AppEnv>,
  formId: string,
): Promise<{ ctx: FormContext; origin: string | null }> {
  const copy = copies.get(formId);
  if (copy && Date.now() - copy.at < FORM_CACHE_TTL_MS) {
    const ctx = await contextOf(c, regional(c.env, regionOf(formId)), copy.found);
    try {
      return { ctx, origin: checkOrigin(c, ctx.form) };
    } catch {
      copies.delete(formId);
    }
  }
  const ctx = await loadForm(c, formId);
  return { ctx, origin: checkOrigin(c, ctx.form) };
}

/** The post's form as its read batch found it (`current`), with the Origin checked again; 404 when gone. */
export async function formAsItIs(
  c: Context<AppEnv>,
  was: FormContext,
  current: FormWithTenant | undefined,
): Promise<{ ctx: FormContext; origin: string | null }> {
  copies.delete(was.form.id);
  if (!current) throw new AppError('not_found', UNKNOWN);
  const { store } = was;
  const ctx = await remember(c, store, current);
  return { ctx, origin: checkOrigin(c, ctx.form) };
}

/** The request's Origin when the form allows it; null when the request has none (not a browser). */
export function checkOrigin(c: Context<AppEnv>, form: FormRow): string | null {
  const origin = c.req.header('origin');
  if (origin === undefined) return null;
  if (!form.allowedOrigins.includes(origin)) {
    throw new AppError(
      'forbidden',
      `This form does not accept submissions from ${origin.slice(0, 100)}. Add the origin to the form's allowedOrigins.`,
    );
  }
  return origin;
}

export function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    vary: 'Origin',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type, accept',
    'access-control-max-age': '600',
  };
}

export type BodyKind = 'form' | 'json';

export function bodyKind(c: Context<AppEnv>): BodyKind {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'application/json') return 'json';
  throw new AppError(
    'unsupported_media_type',
    'Send the form as application/x-www-form-urlencoded (an HTML form) or application/json (the embed script).',
  );
}

/** The validated submission; for HTML forms, inputs named after profile fields become `fields`. */
export async function readSubmission(c: Context<AppEnv>, kind: BodyKind): Promise<FormSubmission> {
  let raw: Record<string, unknown>;
  if (kind === 'json') {
    const parsed: unknown = await c.req.json().catch(() => {
      throw new AppError('bad_request', 'The body is not valid JSON.');
    });
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new AppError('bad_request', 'The body must be a JSON object.');
    raw = parsed as Record<string, unknown>;
  } else {
    const body = await c.req.parseBody();
    const own = new Set(['email', 'name', 'consent', 'tm_hp', 'tm_t', 'pageUrl']);
    const fields: Record<string, string> = {};
    raw = {};
    for (const [k, v] of Object.entries(body)) {
      if (typeof v !== 'string') continue;
      if (own.has(k)) raw[k] = v;
      else fields[k] = v;
    }
    raw.fields = fields;
    raw.pageUrl ??= c.req.header('referer');
  }
  const result = FormSubmission.safeParse(raw);
  if (!result.success) throw validationFailed(result.error);
  return result.data;
}

/**
 * A form's thank-you or error page as a `Location`: the normalised URL, validated like a link
 * destination (http(s), a host, no credentials). Null for a value stored before that check that
 * does not pass it: the visitor then gets our own page instead of a redirect there.
 */
export function redirectTarget(stored: string | null): string | null {
  return stored ? parseDestination(stored) : null;
}
