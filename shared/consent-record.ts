// An ISO/IEC TS 27560-shaped consent receipt in the DPV vocabulary (JSON-LD): one
// `dpv:ConsentRecord` per list with notice, language, purpose, lawful basis, controller,
// collection method, jurisdiction, storage location, retention, withdrawal method and events.
// Pure: the caller passes rows already read; personal data appears only as a pseudonymous id.

export type RecordEvent = {
  id: string;
  seq: number;
  kind: string;
  occurredAt: Date;
  country: string | null;
  geoRegion: string | null;
  isEu: boolean | null;
  noticeId: string | null;
  noticeVersion: number | null;
  noticeHash: string | null;
  language: string | null;
  sourceType: string;
  sourceId: string | null;
  sourceUrl: string | null;
  hash: string;
  prevHash: string | null;
};

export type RecordInput = {
  origin: string;
  issuedAt: Date;
  tenant: {
    id: string;
    name: string;
    region: 'eu' | 'us';
    controller?: { name: string; contact?: string; country?: string };
  };
  subscriber: { id: string; pseudonym: string };
  lists: {
    id: string;
    name: string;
    purpose: string;
    lawfulBasis: 'consent' | 'contract' | 'legitimate_interest';
    doubleOptIn: boolean;
    retentionDays: number | null;
    status: 'pending' | 'confirmed' | 'unsubscribed';
    consent: 'given' | 'unknown' | 'withdrawn' | 'refused';
    /** The event that decided the subscription's current state (its `consentEventId`). */
    decisiveEventId: string | null;
  }[];
  events: (RecordEvent & { listId: string | null })[];
  notices: Map<
    string,
    { id: string; key: string; language: string; version: number; textHash: string; createdAt: Date }
  >;
};

const CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  loc: 'https://w3id.org/dpv/loc#',
  pd: 'https://w3id.org/dpv/pd#',
  dct: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const LEGAL_BASIS = {
  consent: 'eu-gdpr:A6-1-a',
  contract: 'eu-gdpr:A6-1-b',
  legitimate_interest: 'eu-gdpr:A6-1-f',
} as const;

/**
 * The purpose of a list in DPV terms: a list people consent to, or are mailed on a legitimate
 * interest (GDPR Recital 47), is direct marketing; a list sent under a contract carries the
 * communication that contract needs.
 */
const PURPOSE = {
  consent: 'dpv:DirectMarketing',
  legitimate_interest: 'dpv:DirectMarketing',
  contract: 'dpv:CommunicationForCustomerCare',
} as const;

const DECISIVE_KINDS = ['opt_in', 'confirmation', 'withdrawal', 'refusal', 'objection', 'import'];

/** The event behind the list's current state; failing that, the newest event that decides one. */
function decisiveEvent(list: RecordInput['lists'][number], events: RecordInput['events']) {
  return (
    events.find((e) => e.id === list.decisiveEventId) ??
    [...events].reverse().find((e) => DECISIVE_KINDS.includes(e.kind))
  );
}

const STATUS: Record<string, string> = {
  given: 'dpv:ConsentGiven',
  unknown: 'dpv:ConsentUnknown',
  withdrawn: 'dpv:ConsentWithdrawn',
  refused: 'dpv:ConsentRefused',
};

const EVENT_STATUS: Record<string, string> = {
  opt_in: 'dpv:ConsentGiven',
  confirmation: 'dpv:ConsentGiven',
  withdrawal: 'dpv:ConsentWithdrawn',
  refusal: 'dpv:ConsentRefused',
  objection: 'dpv:ConsentWithdrawn',
  import: 'dpv:ConsentUnknown',
  preference_change: 'dpv:RenewedConsentGiven',
};

const METHOD: Record<string, string> = {
  form: 'Web form with an unticked consent box',
  api: 'Collected by the controller and submitted through the API',
  import: 'Imported from an existing list',
  confirmation: 'Click on the double opt-in link sent by email',
  link: 'Consent page shown on a link click',
  preference_centre: 'Preference centre',
  unsubscribe: 'Unsubscribe page or one-click unsubscribe',
  email: 'Email to the privacy address',
  admin: 'Entered by an administrator',
};

function status(list: RecordInput['lists'][number]): string {
  if (list.status === 'unsubscribed') return 'dpv:ConsentWithdrawn';
  if (list.status === 'pending') return 'dpv:ConsentRequested';
  return STATUS[list.consent] ?? 'dpv:ConsentUnknown';
}

export function consentReceipt(input: RecordInput): Record<string, unknown> {
  const { origin, tenant, subscriber } = input;
  const controller = {
    '@type': ['dpv:Organisation', 'dpv:DataController'],
    '@id': `${origin}/tenants/${tenant.id}`,
    'dpv:hasName': tenant.controller?.name ?? tenant.name,
    ...(tenant.controller?.contact ? { 'dpv:hasContact': tenant.controller.contact } : {}),
    ...(tenant.controller?.country ? { 'dpv:hasAddress': `loc:${tenant.controller.country}` } : {}),
  };
  const records = input.lists.map((list) => {
    const events = input.events.filter((e) => e.listId === list.id);
    const decisive = decisiveEvent(list, events);
    // The notice the person saw up to that decision (a confirmation click shows none of its own).
    const lastNotice = events
      .filter((e) => !decisive || e.seq <= decisive.seq)
      .reverse()
      .find((e) => e.noticeId);
    const notice = lastNotice?.noticeId ? input.notices.get(lastNotice.noticeId) : undefined;
    const given = events.find((e) => e.kind === 'opt_in' || e.kind === 'import');
    return {
      '@type': 'dpv:ConsentRecord',
      '@id': `${origin}/api/v1/subscribers/${subscriber.id}/consent-record#${list.id}`,
      'dct:identifier': `${subscriber.id}/${list.id}`,
      'dct:conformsTo': 'https://w3id.org/dpv/schema/dpv-27560#record',
      'dpv:hasDataSubject': { '@id': subscriber.pseudonym, 'skos:broader': 'dpv:Subscriber' },
      'dpv:hasDataController': controller['@id'],
      'dpv:hasJurisdiction': tenant.region === 'eu' ? 'loc:EU' : 'loc:US',
      'dpv:hasApplicableLaw': tenant.region === 'eu' ? 'eu-gdpr:GDPR' : undefined,
      'dpv:hasLegalBasis': LEGAL_BASIS[list.lawfulBasis],
      'dpv:hasProcess': {
        '@type': 'dpv:Process',
        'dpv:hasService': list.name,
        'dpv:hasPurpose': {
          '@type': PURPOSE[list.lawfulBasis],
          'skos:broader':
            PURPOSE[list.lawfulBasis] === 'dpv:DirectMarketing' ? 'dpv:Marketing' : 'dpv:CustomerCare',
          'dct:description': list.purpose,
          'dct:identifier': list.id,
        },
        'dpv:hasPersonalData': {
          'skos:broader': 'pd:EmailAddress',
          'dpv:hasNecessity': 'dpv:Required',
          'dpv:hasDataSource':
            given?.sourceType === 'form' ? 'dpv:DataSubjectDataSource' : 'dpv:DataControllerDataSource',
        },
        'dpv:hasStorageCondition': [
          {
            '@type': 'dpv:StorageLocation',
            'dpv:hasLocation': tenant.region === 'eu' ? 'loc:EU' : 'loc:US',
            'dct:description': 'Encrypted at rest (AES-256-GCM, per-subscriber key)',
          },
          {
            '@type': 'dpv:StorageDuration',
            'dpv:hasDuration': list.retentionDays
              ? `P${list.retentionDays}D`
              : {
                  '@type': 'dpv:UntilEventDuration',
                  'rdf:value': 'Withdrawal of consent or erasure request',
                },
          },
        ],
      },
      'dpv:hasNotice': notice
        ? {
            '@id': `${origin}/notices/${notice.id}`,
            '@type': 'dpv:ConsentNotice',
            'dct:identifier': notice.key,
            'dct:hasVersion': notice.version,
            'dct:language': notice.language,
            'dct:date': notice.createdAt.toISOString(),
            'dpv:hasHash': { 'dpv:hasAlgorithm': 'SHA-256', 'rdf:value': notice.textHash },
          }
        : null,
      'dpv:hasConsentType': list.doubleOptIn ? 'dpv:ExplicitlyExpressedConsent' : 'dpv:ExpressedConsent',
      'dpv:hasConsentStatus': {
        '@type': status(list),
        'dpv:isIndicatedBy': 'dpv:DataSubject',
        'dpv:hasIndicationMethod': given ? (METHOD[given.sourceType] ?? given.sourceType) : null,
        'dpv:isIndicatedAtTime': decisive?.occurredAt.toISOString() ?? null,
      },
      'dpv:hasConsentControl': {
        '@type': 'dpv:WithdrawConsent',
        'dpv:isExercisedAt':
          'The unsubscribe link in every message (RFC 8058 one-click) and the preference centre',
      },
      'dpv:hasEvent': events.map((e) => ({
        '@type': EVENT_STATUS[e.kind] ?? 'dpv:ConsentStatus',
        'dct:identifier': e.id,
        'dpv:hasSequence': e.seq,
        'dct:type': e.kind,
        'dpv:isIndicatedAtTime': e.occurredAt.toISOString(),
        'dpv:hasLocation': e.country ? `loc:${e.country}${e.geoRegion ? `-${e.geoRegion}` : ''}` : null,
        'dpv:isWithinEU': e.isEu,
        'dct:language': e.language,
        'dpv:hasNotice': e.noticeId
          ? { 'dct:identifier': e.noticeId, 'dct:hasVersion': e.noticeVersion, 'dpv:hasHash': e.noticeHash }
          : null,
        'dct:source': { type: e.sourceType, id: e.sourceId, url: e.sourceUrl },
        'dpv:hasHash': e.hash,
        'dpv:hasPreviousHash': e.prevHash,
      })),
    };
  });
  return {
    '@context': CONTEXT,
    '@id': `${origin}/api/v1/subscribers/${subscriber.id}/consent-record`,
    '@type': 'dpv:ConsentReceipt',
    'dct:conformsTo': 'https://w3id.org/dpv/schema/dpv-27560',
    'dct:created': input.issuedAt.toISOString(),
    'dpv:hasDataController': controller,
    'dpv:hasRecordOfActivity': records,
  };
}
