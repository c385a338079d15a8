// Table-driven tests for stripQuotedReply: only what the sender wrote now must survive.
// Fixtures are written for these tests and cover quote headers in the supported languages,
// forwarded/original-message blocks, signatures and "sent from my phone" lines.

import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from '../../shared/intent/quoted';

const REPLY = 'Please remove me from this list.';

const CASES: readonly (readonly [label: string, text: string, expected: string])[] = [
  ['plain text is unchanged', REPLY, REPLY],
  ['">" quoted lines', `${REPLY}\n\n> Our spring offers\n> Unsubscribe here`, REPLY],
  [
    'English "On … wrote:"',
    `${REPLY}\n\nOn Mon, 3 Jun 2024 at 10:15, Shop News <news@shop.example> wrote:\n> Hello`,
    REPLY,
  ],
  [
    'English header broken over two lines',
    `${REPLY}\n\nOn Mon, 3 Jun 2024 at 10:15, Shop News <news@shop.example>\nwrote:\n\nHello again`,
    REPLY,
  ],
  [
    'German "Am … schrieb …:"',
    `${REPLY}\n\nAm 03.06.2024 um 10:15 schrieb Shop News <news@shop.example>:\n> Hallo`,
    REPLY,
  ],
  [
    'French "Le … a écrit :"',
    `${REPLY}\n\nLe lun. 3 juin 2024 à 10:15, Shop News <news@shop.example> a écrit :\n> Bonjour`,
    REPLY,
  ],
  [
    'Dutch "Op … schreef …:"',
    `${REPLY}\n\nOp ma 3 jun. 2024 om 10:15 schreef Shop News <news@shop.example>:\n> Hallo`,
    REPLY,
  ],
  [
    'Spanish "El … escribió:"',
    `${REPLY}\n\nEl lun, 3 jun 2024 a las 10:15, Shop News (<news@shop.example>) escribió:\n> Hola`,
    REPLY,
  ],
  [
    'Italian "Il … ha scritto:"',
    `${REPLY}\n\nIl giorno lun 3 giu 2024 alle ore 10:15 Shop News <news@shop.example> ha scritto:\n> Ciao`,
    REPLY,
  ],
  ['Polish "W dniu … pisze:"', `${REPLY}\n\nW dniu 3.06.2024 o 10:15, Shop News pisze:\n> Cześć`, REPLY],
  [
    'Swedish "Den … skrev …:"',
    `${REPLY}\n\nDen 3 juni 2024 kl. 10:15 skrev Shop News <news@shop.example>:\n> Hej`,
    REPLY,
  ],
  [
    'Danish "Den … skrev …:"',
    `${REPLY}\n\nDen man. 3. jun. 2024 kl. 10.15 skrev Shop News <news@shop.example>:\n> Hej`,
    REPLY,
  ],
  [
    'Portuguese "Em … escreveu:"',
    `${REPLY}\n\nEm seg., 3 de jun. de 2024 às 10:15, Shop News <news@shop.example> escreveu:\n> Olá`,
    REPLY,
  ],
  [
    'Outlook original message',
    `${REPLY}\n\n-----Original Message-----\nFrom: Shop News\nSent: Monday, June 3, 2024 10:15\nTo: me\nSubject: Offers`,
    REPLY,
  ],
  [
    'German original message',
    `${REPLY}\n\n-----Ursprüngliche Nachricht-----\nVon: Shop News\nGesendet: Montag, 3. Juni 2024 10:15\nAn: mich`,
    REPLY,
  ],
  [
    'forwarded message separator',
    `${REPLY}\n\n---------- Forwarded message ---------\nFrom: Shop News <news@shop.example>\nDate: Mon, 3 Jun 2024`,
    REPLY,
  ],
  [
    'Outlook underscore line with From block',
    `${REPLY}\n\n________________________________\nFrom: Shop News\nSent: 3 June 2024 10:15`,
    REPLY,
  ],
  [
    'French De:/Envoyé: block',
    `${REPLY}\n\nDe : Shop News <news@shop.example>\nEnvoyé : lundi 3 juin 2024 10:15\nÀ : moi\nObjet : Offres`,
    REPLY,
  ],
  [
    'Dutch Van:/Verzonden: block',
    `${REPLY}\n\nVan: Shop News <news@shop.example>\nVerzonden: maandag 3 juni 2024 10:15\nAan: mij`,
    REPLY,
  ],
  ['signature separator', `${REPLY}\n\n-- \nJane Example\nExample Ltd`, REPLY],
  ['Sent from my iPhone', `${REPLY}\n\nSent from my iPhone`, REPLY],
  ['Gesendet von meinem iPhone', `${REPLY}\n\nVon meinem iPhone gesendet`, REPLY],
  ['Envoyé de mon iPhone', `${REPLY}\n\nEnvoyé de mon iPhone`, REPLY],
  ['everything quoted', '> Our spring offers\n> Unsubscribe here', ''],
  [
    'inline answers below a top quote header',
    'On Mon, 3 Jun 2024 at 10:15, Shop News <news@shop.example> wrote:\n> Do you want our offers?\n\nNo, unsubscribe me.',
    'No, unsubscribe me.',
  ],
  [
    'a body line starting with "On" is not a header',
    'On reflection, please delete my data.\nOn second thought, all of it.',
    'On reflection, please delete my data.\nOn second thought, all of it.',
  ],
  ['CRLF line endings', `${REPLY}\r\n\r\n> quoted\r\n`, REPLY],
];

/** Quote headers, original-message lines, forwarded blocks and phone footers of the ten languages added last. */
const MORE_LANGUAGES: readonly (readonly [label: string, text: string])[] = [
  ['bg "На … написа:"', 'На пн, 3.06.2024 г. в 10:15 ч. Shop News <news@shop.example> написа:\n> Здравейте'],
  [
    'hu "… ezt írta (időpont: …):"',
    'Shop News <news@shop.example> ezt írta (időpont: 2024. jún. 3., H, 10:15):\n> Üdv',
  ],
  [
    'sk "Dňa … napísal(a):"',
    'Dňa po 3. 6. 2024 o 10:15 Shop News <news@shop.example> napísal(a):\n> Dobrý deň',
  ],
  [
    'sl "V … je … napisal:"',
    'V pon., 3. jun. 2024 ob 10:15 je Shop News <news@shop.example> napisal:\n> Pozdravljeni',
  ],
  ['fi "… kirjoitti:"', 'ma 3.6.2024 klo 10.15 Shop News <news@shop.example> kirjoitti:\n> Hei'],
  ['et "E, … kirjutas:"', 'E, 3. juuni 2024 kell 10:15 Shop News <news@shop.example> kirjutas:\n> Tere'],
  [
    'lv "… rakstīja:"',
    'pirmd., 2024. g. 3. jūn., plkst. 10:15 — lietotājs Shop News (<news@shop.example>) rakstīja:\n> Labdien',
  ],
  ['lt "… rašė:"', '2024-06-03, pr, 10:15 Shop News <news@shop.example> rašė:\n> Laba diena'],
  ['mt "Fit-… kiteb:"', "Fit-Tne, 3 ta' Ġun 2024 fil-10:15, Shop News <news@shop.example> kiteb:\n> Bonġu"],
  [
    'ga "Ar an … scríobh …:"',
    'Ar an Luan 3 Meith 2024 ag 10:15, scríobh Shop News <news@shop.example>:\n> Dia dhuit',
  ],
  ['hu original message', '-------- Eredeti üzenet --------\nFeladó: Shop News\nDátum: 2024. június 3.'],
  ['fi original message', '-------- Alkuperäinen viesti --------\nLähettäjä: Shop News'],
  ['sk original message', '-------- Pôvodná správa --------\nOd: Shop News'],
  ['sl original message', '-------- Izvirno sporočilo --------\nOd: Shop News'],
  ['bg original message', '-------- Оригинално съобщение --------\nОт: Shop News'],
  ['et original message', '-------- Algne sõnum --------\nSaatja: Shop News'],
  ['lv original message', '-------- Sākotnējā ziņa --------\nNo: Shop News'],
  ['lt original message', '-------- Originalus laiškas --------\nNuo: Shop News'],
  ['mt original message', '-------- Messaġġ oriġinali --------\nMingħand: Shop News'],
  ['ga original message', '-------- Teachtaireacht bhunaidh --------\nÓ: Shop News'],
  [
    'hu Feladó:/Elküldve: block',
    'Feladó: Shop News <news@shop.example>\nElküldve: 2024. június 3. 10:15\nCímzett: én\nTárgy: Ajánlat',
  ],
  [
    'fi Lähettäjä:/Lähetetty: block',
    'Lähettäjä: Shop News <news@shop.example>\nLähetetty: maanantai 3. kesäkuuta 2024 10.15\nAihe: Tarjous',
  ],
  [
    'et Saatja:/Saadetud: block',
    'Saatja: Shop News <news@shop.example>\nSaadetud: 3. juuni 2024 10:15\nTeema: Pakkumine',
  ],
  [
    'lv No:/Nosūtīts: block',
    'No: Shop News <news@shop.example>\nNosūtīts: pirmdiena, 2024. gada 3. jūnijs 10:15\nTēma: Piedāvājums',
  ],
  [
    'lt Nuo:/Išsiųsta: block',
    'Nuo: Shop News <news@shop.example>\nIšsiųsta: 2024 m. birželio 3 d. 10:15\nTema: Pasiūlymas',
  ],
  [
    'sk Od:/Odoslané: block',
    'Od: Shop News <news@shop.example>\nOdoslané: pondelok 3. júna 2024 10:15\nPredmet: Ponuka',
  ],
  [
    'sl Od:/Poslano: block',
    'Od: Shop News <news@shop.example>\nPoslano: ponedeljek, 3. junij 2024 10:15\nZadeva: Ponudba',
  ],
  [
    'bg От:/Изпратено: block',
    'От: Shop News <news@shop.example>\nИзпратено: понеделник, 3 юни 2024 г. 10:15\nОтносно: Оферта',
  ],
  [
    'mt Mingħand:/Mibgħut: block',
    "Mingħand: Shop News <news@shop.example>\nMibgħut: It-Tnejn, 3 ta' Ġunju 2024 10:15\nSuġġett: Offerta",
  ],
  [
    'ga Ó:/Seolta: block',
    'Ó: Shop News <news@shop.example>\nSeolta: Dé Luain 3 Meitheamh 2024 10:15\nÁbhar: Tairiscint',
  ],
  ['hu phone footer', 'iPhone-ról küldve'],
  ['fi phone footer', 'Lähetetty iPhonesta'],
  ['et phone footer', "Saadetud minu iPhone'ist"],
  ['sk phone footer', 'Odoslané z iPhonu'],
  ['bg phone footer', 'Изпратено от моя iPhone'],
  ['lv phone footer', 'Sūtīts no mana iPhone'],
  ['lt phone footer', 'Išsiųsta iš mano iPhone'],
  ['mt phone footer', 'Mibgħut mill-iPhone tiegħi'],
  ['ga phone footer', "Seolta ó m'iPhone"],
];

describe('stripQuotedReply', () => {
  it.each(CASES)('%s', (_label, text, expected) => {
    expect(stripQuotedReply(text)).toBe(expected);
  });

  it.each(MORE_LANGUAGES)('%s', (_label, tail) => {
    expect(stripQuotedReply(`${REPLY}\n\n${tail}`)).toBe(REPLY);
  });

  it('keeps a multi-line reply intact above the quote', () => {
    const reply = 'Hello,\n\nplease delete my account.\n\nThanks,\nJane';
    expect(
      stripQuotedReply(`${reply}\n\nOn 3 Jun 2024, at 10:15, Shop <news@shop.example> wrote:\n> hi`),
    ).toBe(reply);
  });
});
