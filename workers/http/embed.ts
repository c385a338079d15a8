// `GET /f/:formId/embed.js`: the form's script with its current notice, profile fields and a
// fresh fill-time token (so it is never cached).

import type { Context } from 'hono';
import { formNotice } from '../../db/forms';
import { requireProfileFields } from '../../db/lists';
import { masterKeyring } from '../../shared/crypto/keyring';
import { embedScript } from '../../shared/forms/embed-script';
import { FILL_TOKEN_FIELD, HONEYPOT_FIELD, mintFillToken } from '../../shared/forms/fill-time';
import { formWords } from '../../shared/forms/messages';
import type { AppEnv } from '../env';
import type { FormContext } from './form-request';

export async function embedResponse(c: Context<AppEnv>, ctx: FormContext) {
  const { form, store } = ctx;
  const [notice, fields, ring] = await Promise.all([
    formNotice(store.db, form),
    requireProfileFields(store.db, form.tenantId, form.fields),
    masterKeyring(c.env.MASTER_KEY),
  ]);
  const ordered = form.fields
    .map((k) => fields.find((f) => f.key === k)!)
    .map((f) => ({ key: f.key, label: f.label, type: f.type }));
  const script = embedScript({
    action: `${new URL(c.req.url).origin}/f/${form.id}`,
    formId: form.id,
    language: form.language,
    notice: notice.text,
    fields: ordered,
    token: await mintFillToken(ring, store.region, form.id),
    words: formWords(form.language),
    honeypot: HONEYPOT_FIELD,
    tokenField: FILL_TOKEN_FIELD,
  });
  return c.body(script, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'cross-origin',
  });
}
