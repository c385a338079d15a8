// How much one phrase match counts where it stands: in the subject or early in the body, in a
// sentence that asks or merely mentions, under a conditional, a negation, a hedge or a question
// about the process (the erasure guards), in a footer. Each match is judged with the markers of
// the languages the text looks written in and those of its own rule's language.

import { erasureGuard, negatedWithin } from './erasure-guards';
import type { Signal } from './lexicon';
import type { CompiledMarkers } from './rules';

const CONTEXT_MENTION = 0.35;
const CONTEXT_CONDITIONAL = 0.25;
const CONTEXT_RIGHTS = 0.4;
const CONTEXT_FOOTER = 0.1;
const CONTEXT_NEGATED = 0.1;
// A hedged, questioning or post-verb-negated erasure phrase: weak, and never a request.
const CONTEXT_UNDECIDED = 0.25;
const NEGATION_WINDOW = 24;

export interface Sentence {
  start: number;
  end: number;
  inSubject: boolean;
  request: boolean;
  rights: boolean;
  footer: boolean;
  /** Offset of the first conditional marker, or Infinity. */
  conditionalAt: number;
}

function findSentence(sentences: Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

function positionFactor(s: Sentence, offset: number, bodyStart: number, isReply: boolean): number {
  if (s.inSubject) return isReply ? 0.6 : 2;
  const pos = offset - bodyStart;
  if (pos < 200) return 1.6;
  if (pos < 500) return 1.25;
  return 1;
}

function isNegated(doc: string, s: Sentence, offset: number, active: CompiledMarkers[]): boolean {
  const from = Math.max(s.start, offset - NEGATION_WINDOW);
  const before = doc.slice(from, offset);
  // A negation in an earlier clause ("don't delete my account, just stop the mails") does not
  // reach past the comma, unless the comma opens the clause it governs ("nicht, dass …").
  const comma = Math.max(before.lastIndexOf(','), before.lastIndexOf(':'));
  const governed = comma >= 0 && active.some((m) => m.clause?.test(before.slice(comma + 1)));
  const window = comma >= 0 && !governed ? before.slice(comma + 1) : before;
  return active.some((m) => m.negation.test(window));
}

export interface MatchContext {
  doc: string;
  bodyStart: number;
  isReply: boolean;
  sentences: Sentence[];
  active: CompiledMarkers[];
  markers: ReadonlyMap<string, CompiledMarkers>;
}

// Reminders, complaints and auto-replies are often phrased negatively ("no reply yet"), so a
// negation before them is part of the signal rather than a reversal of it.
const NEGATION_IMMUNE: ReadonlySet<Signal> = new Set<Signal>(['reminder', 'complaint', 'autoreply']);

/**
 * The markers that judge one match: those of the languages the text looks written in, and
 * always those of the matched rule's own language (a short Irish or Estonian sentence may hold
 * no word the language guess knows, yet its "b'fhéidir" or "kuidas" must still count).
 */
function markersFor(ctx: MatchContext, lang: string | null): CompiledMarkers[] {
  const own = lang ? ctx.markers.get(lang) : undefined;
  return own && !ctx.active.includes(own) ? [...ctx.active, own] : ctx.active;
}

export function contextFactor(
  ctx: MatchContext,
  offset: number,
  end: number,
  isRequestPhrase: boolean,
  signal: Signal,
  lang: string | null,
): { factor: number; requested: boolean } | null {
  const s = findSentence(ctx.sentences, offset);
  if (!s) return null;
  const markers = markersFor(ctx, lang);
  let factor = positionFactor(s, offset, ctx.bodyStart, ctx.isReply);
  const asked = isRequestPhrase || s.request || s.inSubject;
  if (!asked) factor *= CONTEXT_MENTION;
  const conditional =
    s.conditionalAt < offset ||
    (markers !== ctx.active && markers.at(-1)!.conditional.test(ctx.doc.slice(s.start, offset)));
  if (conditional) factor *= CONTEXT_CONDITIONAL;
  if (s.rights && !s.request && !isRequestPhrase) factor *= CONTEXT_RIGHTS;
  if (s.footer) factor *= CONTEXT_FOOTER;
  const negated =
    !NEGATION_IMMUNE.has(signal) &&
    (isNegated(ctx.doc, s, offset, markers) ||
      (signal === 'erasure' &&
        negatedWithin(
          ctx.doc.slice(offset, end),
          markers.map((m) => m.negation),
        )));
  if (negated) factor *= CONTEXT_NEGATED;
  const undecided =
    signal === 'erasure' &&
    !negated &&
    !conditional &&
    (isUndecided(ctx, s, offset, end, markers) || (s.inSubject && bodyHesitates(ctx, markers)));
  if (undecided) factor *= CONTEXT_UNDECIDED;
  return { factor, requested: asked && !conditional && !negated && !undecided && !s.footer };
}

// How far into the body a hesitation still speaks for a subject line.
const SUBJECT_BODY_REACH = 500;

/**
 * A deletion asked for only in the subject ("Delete my account") is undecided when the body
 * right below it hedges, asks how it works or makes it conditional ("Maybe some day, not sure
 * yet."); a body that asks for the deletion itself counts on its own.
 */
function bodyHesitates(ctx: MatchContext, markers: CompiledMarkers[]): boolean {
  const langs = markers.map((m) => m.lang);
  return ctx.sentences.some((b) => {
    if (b.inSubject || b.start >= ctx.bodyStart + SUBJECT_BODY_REACH) return false;
    const text = ctx.doc.slice(b.start, b.end);
    return erasureGuard(text, '', '', langs) !== null || markers.some((m) => m.conditional.test(text));
  });
}

function isUndecided(
  ctx: MatchContext,
  s: Sentence,
  offset: number,
  end: number,
  markers: CompiledMarkers[],
): boolean {
  const stop = Math.min(s.end, end);
  return (
    erasureGuard(
      ctx.doc.slice(s.start, s.end),
      ctx.doc.slice(offset, stop),
      ctx.doc.slice(stop, s.end),
      markers.map((m) => m.lang),
    ) !== null
  );
}
