/**
 * JSON schema of a claim-check report (src/check/types.ts), for validation and OpenAPI.
 * Kept next to the route: the server serialises only what a schema names.
 */
const nullableString = { type: ['string', 'null'] };
const personRef = {
  type: ['object', 'null'],
  properties: { written: { type: 'string' }, surname: nullableString, title: nullableString },
  required: ['written', 'surname', 'title'],
};
const nullableInteger = { type: ['integer', 'null'] };
/** src/check/quantities.ts DateMention: the words, the date's parts, and offsets in the claim. */
const dateMention = {
  type: 'object',
  properties: {
    text: { type: 'string' },
    year: { type: 'integer' },
    month: nullableInteger,
    day: nullableInteger,
    start: { type: 'integer' },
    end: { type: 'integer' },
  },
  required: ['text', 'year', 'month', 'day', 'start', 'end'],
};
/** src/check/quantities.ts NumberMention. */
const numberMention = {
  type: 'object',
  properties: {
    text: { type: 'string' },
    low: { type: 'number' },
    high: { type: 'number' },
    ordinal: { type: 'boolean' },
    unit: nullableString,
    approximate: { type: 'boolean' },
    start: { type: 'integer' },
    end: { type: 'integer' },
  },
  required: ['text', 'low', 'high', 'ordinal', 'unit', 'approximate', 'start', 'end'],
};
const citation = {
  type: 'object',
  properties: {
    documentId: { type: 'string' },
    link: { type: 'string' },
    quote: { type: 'string' },
    speaker: nullableString,
    speakerLabel: nullableString,
    documentTitle: { type: 'string' },
    documentDate: nullableString,
    role: { type: 'string' },
  },
  required: ['documentId', 'link', 'quote', 'speaker', 'documentTitle', 'role'],
};
const claim = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    text: { type: 'string' },
    sentence: { type: 'string' },
    sentenceIndex: { type: 'integer' },
    actor: personRef,
    coActors: { type: 'array', items: personRef },
    addressee: personRef,
    nestedSpeaker: personRef,
    verb: nullableString,
    content: { type: 'string' },
    quotes: { type: 'array', items: { type: 'string' } },
    numbers: { type: 'array', items: numberMention },
    eventDate: { anyOf: [dateMention, { type: 'null' }] },
    contentDates: { type: 'array', items: dateMention },
    places: {
      type: 'array',
      items: {
        type: 'object',
        properties: { text: { type: 'string' }, role: { type: 'string' }, venue: { type: 'boolean' } },
      },
    },
    anchoredToRecord: { type: 'boolean' },
  },
  required: ['id', 'text', 'sentence', 'content', 'quotes'],
};
const verdict = {
  type: 'object',
  properties: {
    verdict: {
      type: 'string',
      enum: ['supported', 'misattributed', 'altered_quote', 'contradicted', 'not_in_record'],
    },
    confidence: { type: 'number' },
    reason: { type: 'string' },
    citations: { type: 'array', items: citation },
    diff: {
      type: 'array',
      items: {
        type: 'object',
        properties: { op: { type: 'string', enum: ['same', 'added', 'removed'] }, text: { type: 'string' } },
        required: ['op', 'text'],
      },
    },
    computation: { type: 'array', items: { type: 'string' } },
    reference: { type: 'string' },
  },
  required: ['verdict', 'confidence', 'reason', 'citations'],
};

export const checkRequest = {
  type: 'object',
  properties: {
    text: {
      type: 'string',
      minLength: 1,
      description: 'The article: plain text or HTML (markup and scripts are dropped, never run).',
    },
    source: { type: 'string', maxLength: 500, description: 'Where the article comes from (a URL or title).' },
  },
  required: ['text'],
  additionalProperties: false,
};

export const checkResponse = {
  type: 'object',
  properties: {
    source: { type: 'string' },
    wasHtml: { type: 'boolean' },
    isEnglish: { type: 'boolean' },
    characters: { type: 'integer' },
    sentences: { type: 'integer' },
    claims: {
      type: 'array',
      items: { type: 'object', properties: { claim, result: verdict }, required: ['claim', 'result'] },
    },
    skipped: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          sentence: { type: 'string' },
          sentenceIndex: { type: 'integer' },
          reason: { type: 'string' },
        },
        required: ['sentence', 'reason'],
      },
    },
    notChecked: { type: 'integer' },
    claimCap: { type: 'integer' },
    anchorDate: nullableString,
    counts: { type: 'object', additionalProperties: { type: 'integer' } },
    notes: { type: 'array', items: { type: 'string' } },
    tookMs: { type: 'number' },
  },
  required: ['source', 'claims', 'skipped', 'counts', 'notes', 'notChecked', 'claimCap'],
};
