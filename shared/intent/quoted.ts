// Removes quoted earlier messages and signatures from an email reply, so that only what the
// sender wrote now is classified (our own newsletter quoted below must not count).
// Handles ">" quoting, "On … wrote:" headers, forwarded/original-message blocks and phone
// footers in the 24 EU languages.

const WROTE = `(?:wrote|writes|schrieb|schreibt|a ecrit|a écrit|schreef|escribio|escribió|ha scritto|pisze|napisal|napisał|napisala|napisała|napísal|napísala|skrev|escreveu|napsal|napsala|je napisao|je napisala|napisao|napisala|a scris|έγραψε|kirjoitti|kirjutas|írta|rakstīja|rakstija|rašė|rase|kiteb|kitbet|scríobh|scriobh|написа|написал|написала|yazdı)`;

// "On Tue, 2 Apr 2024 … <x@y> wrote:" and its equivalents, possibly broken over lines.
const WROTE_HEADER_RE = new RegExp(String.raw`${WROTE}\s*(?:\S*\s*)?:?\s*$`, 'iu');
const WROTE_INNER_RE = new RegExp(String.raw`(?:^|[\s"'>])${WROTE}(?:\s|:|\(|\/|$)`, 'iu');
// How quote headers open: "On", "Am", "Dňa", "На", "Ar an", "Fit-…", a weekday before a date
// ("ma 3.6.", "E, 3.", "pirmd., 2024"), a date; Hungarian clients open with the name and address
// ("Anna <a@b> ezt írta"), which must sit on its own line, not behind the sender's text.
const HEADER_START_RE =
  /^(?:on|am|le|op|el|il|in data|w dniu|den|em|dne|dňa|dna|dana|la|pe|v|ar an|fi[lt]?-|στις|на|\p{L}{1,5}\.?,?\s+\d|\d|(?![^<]*\s{2})[^.!?<]{0,60}\(?<[^<>\s]+@[^<>\s]+>\)?\s+ezt írta\b)/iu;

const SEPARATOR_RE = new RegExp(
  [
    String.raw`^-{2,}\s*(?:original message|ursprüngliche nachricht|ursprungliche nachricht|message d'origine|message original|oorspronkelijk bericht|origineel bericht|mensaje original|messaggio originale|wiadomość oryginalna|wiadomosc oryginalna|ursprungligt meddelande|oprindelig (?:besked|meddelelse)|opprinnelig melding|mensagem original|původní zpráva|puvodni zprava|izvorna poruka|izvorni e-?mail|mesaj original|mesajul original|αρχικό μήνυμα|оригинално съобщение|eredeti üzenet|pôvodná správa|izvirno sporočilo|alkuperäinen viesti|algne sõnum|sākotnējā ziņa|sākotnējais ziņojums|originalus laiškas|pradinis laiškas|messaġġ oriġinali|teachtaireacht bhunaidh|forwarded message|weitergeleitete nachricht|message transféré|message transfere|doorgestuurd bericht|mensaje reenviado|messaggio inoltrato|przekazana wiadomość|vidarebefordrat meddelande|videresendt (?:besked|meddelelse)|mensagem encaminhada|přeposlaná zpráva|proslijeđena poruka|mesaj redirecționat|препратено съобщение|továbbított üzenet|preposlaná správa|posredovano sporočilo|välitetty viesti|edastatud sõnum|pārsūtīta ziņa|persiųstas laiškas|teachtaireacht curtha ar aghaidh)\s*-{2,}\s*$`,
    String.raw`^_{10,}\s*$`,
    String.raw`^begin forwarded message:?\s*$`,
  ].join('|'),
  'iu',
);

const FROM_RE =
  /^\s*\*?(?:from|von|de|van|fra|från|od|da|lähettäjä|feladó|от|από|šalje|pošiljatelj|expéditeur|remitente|mittente|nadawca|avsändare|afsender|remetente|odesílatel|pošiljalac|expeditor|saatja|no|nuo|mingħand|ó)\s*\*?\s*:/iu;
const HEADER_FIELD_RE =
  /^\s*\*?(?:sent|date|to|subject|cc|gesendet|datum|an|betreff|envoyé|envoye|à|a|objet|verzonden|aan|onderwerp|enviado|fecha|para|asunto|inviato|data|oggetto|wysłano|wysłane|wyslano|do|temat|skickat|till|ämne|sendt|dato|til|emne|assunto|odesláno|komu|předmět|poslano|prima|predmet|trimis|către|catre|subiect|στάλθηκε|προς|θέμα|ημερομηνία|изпратено|дата|до|относно|elküldve|dátum|címzett|tárgy|odoslané|za|zadeva|lähetetty|päivämäärä|vastaanottaja|aihe|saadetud|kuupäev|saaja|teema|nosūtīts|datums|kam|tēma|išsiųsta|tema|mibgħut|lil|suġġett|seolta|dáta|chuig|ábhar)\s*\*?\s*:/iu;

const SIGNATURE_RE = /^-- ?$/;
const SENT_FROM_RE =
  /^(?:sent from|sent with|get outlook for|gesendet von|von meinem|envoyé de|envoye de|envoyé depuis|envoyé à partir de|(?:verzonden|verstuurd) (?:vanaf|met|vanuit|van)|enviado desde|enviado do|enviado de|inviato da|wysłane z|wyslane z|skickat från|skickat fran|sendt fra|odesláno z|poslano s|poslano iz|trimis de pe|trimis din|στάλθηκε από|изпратено от|\S+-r[óo]l küldve|(el)?küldve (az )?\S+-r[óo]l|lähetetty \S+(sta|stä)\b|saadetud (minu )?\S+(ist|st)\b|odoslané z|sūtīts no|nosūtīts no|išsiųsta iš|mibgħut mill|seolta ó)/iu;

function isWroteHeader(lines: readonly string[], i: number): number {
  for (let span = 0; span < 3 && i + span < lines.length; span++) {
    const joined = lines
      .slice(i, i + span + 1)
      .map((l) => l.replace(/^\s*>\s?/, '').trim())
      .join(' ')
      .replace(/^-{2,}\s*|\s*-{2,}$/g, '');
    if (joined.length > 400) return -1;
    if (!joined.endsWith(':') && !WROTE_HEADER_RE.test(joined)) continue;
    // Clients without a "wrote" word (e.g. Cyrillic ones) still end with "<address>:".
    if (!WROTE_INNER_RE.test(joined) && !/<[^<>\s]+@[^<>\s]+>\s*:$/.test(joined)) continue;
    if (!/@|\d{1,2}[:.]\d{2}|\b\d{4}\b/.test(joined)) continue;
    if (!HEADER_START_RE.test(joined)) continue;
    return span;
  }
  return -1;
}

function isForwardBlock(lines: readonly string[], i: number): boolean {
  if (!FROM_RE.test(lines[i]!)) return false;
  for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
    if (HEADER_FIELD_RE.test(lines[j]!)) return true;
  }
  return false;
}

/** Returns the text the sender wrote, without quoted replies, forwarded blocks or signatures. */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.length;
  let headerSpan = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    headerSpan = /^\s*>/.test(line) ? -1 : isWroteHeader(lines, i);
    if (headerSpan >= 0) {
      cut = i;
      break;
    }
    if (
      SEPARATOR_RE.test(trimmed) ||
      SIGNATURE_RE.test(line) ||
      (trimmed.length < 80 && SENT_FROM_RE.test(trimmed)) ||
      isForwardBlock(lines, i)
    ) {
      cut = i;
      break;
    }
  }
  const before = lines.slice(0, cut);
  // A quote header with nothing above it is an inline (interleaved) reply: the answers sit
  // between the quoted lines, so keep the unquoted lines below the header instead.
  const kept =
    headerSpan >= 0 && before.every((l) => l.trim().length === 0)
      ? lines.slice(cut + headerSpan + 1)
      : before;
  return kept
    .filter((l) => !/^\s*>/.test(l))
    .join('\n')
    .replace(/\s+$/, '')
    .replace(/^(?:[ \t]*\n)+/, '');
}
