// Decides what a person wants from an inbound privacy email (erasure, access, unsubscribe …)
// from weighted multilingual phrase matches, telling requests apart from mere mentions.
// Pure and synchronous: no I/O, no bindings; runs in Cloudflare Workers as is.

import { contextFactor, type MatchContext, type Sentence } from './context';
import type { Signal } from './lexicon';
import { ARTICLE_SIGNALS } from './lexicon';
import { normaliseText, REPLY_PREFIX_RE, splitSentences } from './normalise';
import { getRules, SCRIPTS, type CompiledMarkers, type CompiledRules, type Script } from './rules';

export const INTENT_KINDS = [
  'erasure',
  'access',
  'portability',
  'rectification',
  'objection',
  'unsubscribe',
  'review',
] as const;

export type IntentKind = (typeof INTENT_KINDS)[number];

export interface IntentInput {
  subject?: string;
  text: string;
}

export interface IntentResult {
  kind: IntentKind;
  /** 0..1: how clearly the winner beats the runner-up. */
  confidence: number;
  /** ISO 639-1 guess, null when nothing recognisable. */
  language: string | null;
  /** Identifiers of the rules that fired (never text copied from the message). */
  matched: string[];
}

const MIN_SCORE = 2;
// The worst error is erasing someone who asked for something else: erasure needs a real
// request and a clear lead, otherwise the runner-up (or a human) gets the message.
const ERASURE_REQUEST_EVIDENCE = 2.5;
const ERASURE_LEAD_RATIO = 0.6;

const MAX_MATCHED = 12;

interface Contribution {
  id: string;
  lang: string | null;
  signal: Signal;
  value: number;
  requested: boolean;
  start: number;
  end: number;
}

const KIND_OF_SIGNAL: Record<Signal, IntentKind> = {
  erasure: 'erasure',
  access: 'access',
  portability: 'portability',
  rectification: 'rectification',
  objection: 'objection',
  unsubscribe: 'unsubscribe',
  reminder: 'review',
  complaint: 'review',
  autoreply: 'review',
};

export function classifyIntent(input: IntentInput): IntentResult {
  const rules = getRules();
  const rawSubject = normaliseText(input.subject ?? '');
  const isReply = REPLY_PREFIX_RE.test(rawSubject);
  const subject = rawSubject.replace(REPLY_PREFIX_RE, '').trim();
  const body = normaliseText(input.text ?? '');
  const bodyStart = subject.length > 0 ? subject.length + 2 : 0;
  const doc = subject.length > 0 ? `${subject}\n\n${body}` : body;

  if (doc.trim().length === 0) {
    return { kind: 'review', confidence: 0, language: null, matched: [] };
  }

  const stopwordHits = countStopwords(doc, rules);
  const active = activeMarkers(stopwordHits, rules);
  const sentences = buildSentences(doc, bodyStart, active, rules);
  const contributions = withoutEchoes(
    scoreRules(doc, bodyStart, isReply, sentences, active, rules),
    stopwordHits,
  );

  const totals = aggregate(contributions);
  const language = guessLanguage(stopwordHits, contributions);
  return decide(totals, language);
}

// The one EU language written in each non-Latin script: any word in it is a vote for it.
const LANGUAGE_OF_SCRIPT: Record<Script, string> = { greek: 'el', cyrillic: 'bg' };

function countStopwords(doc: string, rules: CompiledRules): Map<string, number> {
  const hits = new Map<string, number>();
  const add = (lang: string) => hits.set(lang, (hits.get(lang) ?? 0) + 1);
  for (const token of doc.split(/[^\p{L}]+/u)) {
    if (token.length === 0) continue;
    const langs = rules.stopwords.get(token);
    if (langs) for (const lang of langs) add(lang);
    else if (token.charCodeAt(0) >= 0x370)
      for (const [script, re] of Object.entries(SCRIPTS) as [Script, RegExp][])
        if (re.test(token)) add(LANGUAGE_OF_SCRIPT[script]);
  }
  return hits;
}

function activeMarkers(hits: Map<string, number>, rules: CompiledRules): CompiledMarkers[] {
  const ranked = [...hits.entries()].sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[1] ?? 0;
  if (best === 0) return [...rules.markers.values()];
  const langs = new Set(['en']);
  for (const [lang, count] of ranked.slice(0, 3)) {
    if (count >= best * 0.34) langs.add(lang);
  }
  return [...langs].flatMap((lang) => {
    const m = rules.markers.get(lang);
    return m ? [m] : [];
  });
}

function buildSentences(
  doc: string,
  bodyStart: number,
  active: CompiledMarkers[],
  rules: CompiledRules,
): Sentence[] {
  return splitSentences(doc).map(({ start, end }) => {
    const text = doc.slice(start, end);
    let conditionalAt = Number.POSITIVE_INFINITY;
    let request = false;
    let rights = false;
    for (const m of active) {
      if (!request && m.request.test(text)) request = true;
      if (!rights && m.rights.test(text)) rights = true;
      const c = m.conditional.exec(text);
      if (c && start + c.index < conditionalAt) conditionalAt = start + c.index;
    }
    return {
      start,
      end,
      inSubject: start < bodyStart,
      request,
      rights,
      footer: rules.footer.test(text),
      conditionalAt,
    };
  });
}

function scoreRules(
  doc: string,
  bodyStart: number,
  isReply: boolean,
  sentences: Sentence[],
  active: CompiledMarkers[],
  rules: CompiledRules,
): Contribution[] {
  const ctx: MatchContext = { doc, bodyStart, isReply, sentences, active, markers: rules.markers };
  const out: Contribution[] = [];
  const present = new Set((Object.keys(SCRIPTS) as Script[]).filter((name) => SCRIPTS[name].test(doc)));
  for (const rule of rules.rules) {
    if (rule.script && !present.has(rule.script)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(doc); m !== null; m = rule.re.exec(doc)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const c = contextFactor(ctx, m.index, m.index + m[0].length, rule.request, rule.signal, rule.lang);
      if (!c) continue;
      out.push({
        id: rule.id,
        lang: rule.lang,
        signal: rule.signal,
        value: rule.weight * c.factor,
        requested: c.requested,
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }
  rules.article.lastIndex = 0;
  for (let m = rules.article.exec(doc); m !== null; m = rules.article.exec(doc)) {
    const n = Number(m[1] ?? m[2]);
    const target = ARTICLE_SIGNALS.get(n);
    if (!target) continue;
    const c = contextFactor(ctx, m.index, m.index + m[0].length, false, target[0], null);
    if (!c) continue;
    out.push({
      id: `art${n}`,
      lang: null,
      signal: target[0],
      value: target[1] * c.factor,
      requested: c.requested,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

/**
 * One stretch of text is one piece of evidence, however many languages' tables know the word:
 * "newsletter" is in ten of them, and ten mentions of it once outvoted a thank-you note into an
 * unsubscribe. Where rules of different languages match mostly the same text for one signal,
 * one counts: the reading in the language the text is written in (then the strongest), and for
 * an erasure the most cautious one (a cognate read in Slovenian may miss the Croatian "možda").
 * Rules of one language still add up (phrase plus keyword).
 */
function withoutEchoes(contributions: Contribution[], hits: Map<string, number>): Contribution[] {
  const rank = (c: Contribution) => (c.lang ? (hits.get(c.lang) ?? 0) : 0);
  // Echoes are only ever of the same signal, so each signal is ordered on its own.
  const order = (a: Contribution, b: Contribution) =>
    a.signal !== b.signal
      ? a.signal.localeCompare(b.signal)
      : a.signal === 'erasure'
        ? a.value - b.value
        : rank(b) - rank(a) || b.value - a.value;
  const kept: Contribution[] = [];
  for (const c of [...contributions].sort(order)) {
    if (!kept.some((k) => k.signal === c.signal && k.lang !== c.lang && sameStretch(k, c))) kept.push(c);
  }
  return kept;
}

/** Two matches cover mostly the same text (a phrase is not an echo of a word inside it). */
function sameStretch(a: Contribution, b: Contribution): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap * 2 >= Math.max(a.end - a.start, b.end - b.start);
}

interface Totals {
  bySignal: Map<Signal, number>;
  requested: Map<Signal, number>;
  byRule: Map<string, number>;
}

// Repeats of one rule add less and less, so a long letter that says "erasure" ten times
// does not outweigh a shorter, explicit request for something else.
function aggregate(contributions: Contribution[]): Totals {
  const perRule = new Map<string, Contribution[]>();
  for (const c of contributions) {
    const list = perRule.get(c.id);
    if (list) list.push(c);
    else perRule.set(c.id, [c]);
  }
  const bySignal = new Map<Signal, number>();
  const requested = new Map<Signal, number>();
  const byRule = new Map<string, number>();
  for (const [id, list] of perRule) {
    list.sort((a, b) => b.value - a.value);
    let sum = 0;
    let req = 0;
    list.forEach((c, i) => {
      const damp = 1 / 2 ** i;
      sum += c.value * damp;
      if (c.requested) req += c.value * damp;
    });
    const signal = list[0]!.signal;
    bySignal.set(signal, (bySignal.get(signal) ?? 0) + sum);
    requested.set(signal, (requested.get(signal) ?? 0) + req);
    byRule.set(id, sum);
  }
  return { bySignal, requested, byRule };
}

function guessLanguage(hits: Map<string, number>, contributions: Contribution[]): string | null {
  const votes = new Map<string, number>(hits);
  for (const c of contributions) {
    if (c.lang && c.lang !== 'en') votes.set(c.lang, (votes.get(c.lang) ?? 0) + c.value * 0.5);
    else if (c.lang === 'en') votes.set('en', (votes.get('en') ?? 0) + c.value * 0.5);
  }
  let best: string | null = null;
  let bestVotes = 0;
  for (const [lang, v] of votes) {
    if (v > bestVotes) {
      best = lang;
      bestVotes = v;
    }
  }
  return best;
}

function squash(x: number, scale: number): number {
  return 1 - Math.exp(-Math.max(0, x) / scale);
}

function decide(totals: Totals, language: string | null): IntentResult {
  const scores = new Map<IntentKind, number>();
  for (const [signal, value] of totals.bySignal) {
    const kind = KIND_OF_SIGNAL[signal];
    scores.set(kind, (scores.get(kind) ?? 0) + value);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const matched = [...totals.byRule.entries()]
    .filter(([, v]) => v >= 0.2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_MATCHED)
    .map(([id]) => id);

  const [first, second] = ranked;
  if (!first || first[1] < MIN_SCORE) {
    const top = first?.[1] ?? 0;
    return { kind: 'review', confidence: round(0.2 * squash(MIN_SCORE - top, 2)), language, matched };
  }

  let winner = first;
  let runnerUp = second;
  let demoted = false;
  if (winner[0] === 'erasure') {
    const requested = totals.requested.get('erasure') ?? 0;
    const close = runnerUp !== undefined && runnerUp[1] >= winner[1] * ERASURE_LEAD_RATIO;
    if (requested < ERASURE_REQUEST_EVIDENCE || close) {
      demoted = true;
      const fallback = ranked.find(([kind, v]) => kind !== 'erasure' && v >= MIN_SCORE);
      winner = fallback ?? ['review', 0];
      runnerUp = first;
    }
  }

  const top = winner[1];
  const next = runnerUp?.[1] ?? 0;
  let confidence = squash(top - next, 3) * squash(top, 2.5);
  if (demoted) confidence = 0.4 * squash(top, 2.5);
  if (top === 0) confidence = 0.1;
  return { kind: winner[0], confidence: round(confidence), language, matched };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
