// The embeddable form script: dependency-free ES5, builds the form with DOM calls (no innerHTML,
// so notice text cannot inject markup), renders the notice beside an unticked box, and posts
// JSON to `POST /f/:formId`. Paste `<script src=".../f/<id>/embed.js" data-target="#el">`.

import type { FormWords } from './messages';

export type EmbedConfig = {
  action: string;
  formId: string;
  language: string;
  notice: string;
  fields: { key: string; label: string; type: string }[];
  token: string;
  words: FormWords;
  honeypot: string;
  tokenField: string;
};

/** JSON that is safe inside a script: no `</script>`, no line separators that end a JS string. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const BODY = `
var d = document, s = d.currentScript;
var sel = s && s.getAttribute('data-target');
var host = sel ? d.querySelector(sel) : null;
if (!host) { host = d.createElement('div'); if (s && s.parentNode) s.parentNode.insertBefore(host, s.nextSibling); else d.body.appendChild(host); }
function el(tag, attrs, text) { var e = d.createElement(tag); for (var k in attrs) if (attrs.hasOwnProperty(k)) e.setAttribute(k, attrs[k]); if (text) e.textContent = text; return e; }
var uid = 'tm-' + C.formId;
var form = el('form', { 'class': 'tm-form', 'data-tm-form': C.formId, novalidate: 'novalidate', lang: C.language });
function field(id, label, input) { var w = el('div', { 'class': 'tm-field' }); w.appendChild(el('label', { 'for': id }, label)); w.appendChild(input); form.appendChild(w); return input; }
var email = field(uid + '-email', C.words.email, el('input', { id: uid + '-email', name: 'email', type: 'email', required: 'required', autocomplete: 'email' }));
var extras = [];
for (var i = 0; i < C.fields.length; i++) {
  var f = C.fields[i];
  var type = f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : f.type === 'boolean' ? 'checkbox' : 'text';
  extras.push([f, field(uid + '-' + f.key, f.label, el('input', { id: uid + '-' + f.key, name: f.key, type: type }))]);
}
var trap = el('div', { 'aria-hidden': 'true', style: 'position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden' });
var hp = el('input', { type: 'text', name: C.honeypot, tabindex: '-1', autocomplete: 'off' });
trap.appendChild(hp); form.appendChild(trap);
var consentWrap = el('div', { 'class': 'tm-consent' });
var box = el('input', { id: uid + '-consent', name: 'consent', type: 'checkbox', value: 'yes' });
var noticeLabel = el('label', { 'for': uid + '-consent', style: 'white-space:pre-wrap' }, C.notice);
consentWrap.appendChild(box); consentWrap.appendChild(noticeLabel); form.appendChild(consentWrap);
var button = el('button', { type: 'submit' }, C.words.submit); form.appendChild(button);
var status = el('p', { 'class': 'tm-status', role: 'status', 'aria-live': 'polite' }); form.appendChild(status);
host.appendChild(form);
form.addEventListener('submit', function (ev) {
  ev.preventDefault();
  if (!box.checked) { status.textContent = C.words.consentRequired; return; }
  var values = {};
  for (var j = 0; j < extras.length; j++) { var x = extras[j]; var v = x[0].type === 'boolean' ? x[1].checked : x[1].value; if (v !== '' && v !== false) values[x[0].key] = x[0].type === 'number' ? Number(v) : v; }
  var body = { email: email.value, consent: true, fields: values, pageUrl: location.href };
  body[C.honeypot] = hp.value; body[C.tokenField] = C.token;
  button.disabled = true; status.textContent = C.words.sending;
  fetch(C.action, { method: 'POST', mode: 'cors', credentials: 'omit', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
    .then(function (res) {
      if (res.ok) { form.setAttribute('data-tm-state', res.body.status); status.textContent = res.body.message; form.reset(); }
      else { form.setAttribute('data-tm-state', 'error'); status.textContent = (res.body && res.body.error && res.body.error.message) || C.words.failed; }
    })
    ['catch'](function () { form.setAttribute('data-tm-state', 'error'); status.textContent = C.words.failed; })
    .then(function () { button.disabled = false; });
});`;

export function embedScript(config: EmbedConfig): string {
  return `/* TailoredMail consent form ${config.formId} */\n(function () {\n'use strict';\nvar C = ${scriptJson(config)};\n${BODY}\n})();\n`;
}
