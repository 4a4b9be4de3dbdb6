/**
 * JSON schemas for every route's input and output. The records are described once, by the
 * zod schemas in src/records, and converted here, so the API can never drift from the model.
 * Fastify validates inputs with these and serialises outputs through them (which also drops
 * any field a route did not declare).
 */
import { z } from 'zod';
import {
  Classification,
  Collection,
  DOCUMENT_TYPES,
  Document,
  PASSAGE_KINDS,
  Passage,
  Person,
  SpeakerSpan,
} from '../records/schema.js';

type JsonSchema = Record<string, unknown>;

function fromZod(schema: z.ZodType, id: string): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' });
  return { $id: id, ...json };
}

/** Shared schemas, registered once with `addSchema` and listed under components in the OpenAPI. */
export const sharedSchemas: JsonSchema[] = [
  fromZod(Document, 'Document'),
  fromZod(Passage, 'Passage'),
  fromZod(Collection, 'Collection'),
  fromZod(Person, 'Person'),
  fromZod(Classification, 'Classification'),
  fromZod(SpeakerSpan, 'SpeakerSpan'),
  {
    $id: 'Error',
    type: 'object',
    description:
      'Every error answer: a short name, a message that says what to fix, and for a query its position.',
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string' },
      message: { type: 'string' },
      position: {
        type: 'integer',
        description: 'For a query syntax error: where the query broke (0-based).',
      },
    },
    required: ['statusCode', 'error', 'message'],
  },
  {
    $id: 'PassageHit',
    type: 'object',
    properties: {
      documentId: { type: 'string' },
      ordinal: { type: 'integer' },
      kind: { type: 'string', enum: [...PASSAGE_KINDS] },
      link: { type: 'string', description: 'The stable passage link, `<doc-id>#p<ordinal>`.' },
      snippet: { type: 'string', description: 'Passage text with matches wrapped in «« and »».' },
      score: { type: 'number' },
      speakers: { type: 'array', items: { $ref: 'SpeakerSpan#' } },
    },
    required: ['documentId', 'ordinal', 'kind', 'link', 'snippet', 'score', 'speakers'],
  },
  {
    $id: 'DocumentHit',
    type: 'object',
    properties: {
      documentId: { type: 'string' },
      collectionId: { type: 'string' },
      title: { type: 'string' },
      type: { type: 'string', enum: [...DOCUMENT_TYPES] },
      date: { type: ['string', 'null'] },
      classification: { $ref: 'Classification#' },
      score: { type: 'number' },
      passages: { type: 'array', items: { $ref: 'PassageHit#' } },
    },
    required: ['documentId', 'collectionId', 'title', 'type', 'date', 'classification', 'score', 'passages'],
  },
];

const facetCounts = {
  type: 'object',
  additionalProperties: {
    type: 'array',
    items: {
      type: 'object',
      properties: { value: { type: 'string' }, count: { type: 'integer' } },
      required: ['value', 'count'],
    },
  },
};

export const searchResponse = {
  type: 'object',
  properties: {
    query: { type: 'string', description: 'The query as received.' },
    total: {
      type: 'integer',
      description: 'Documents matching; at least this many when totalExact is false.',
    },
    totalExact: {
      type: 'boolean',
      description:
        'False when counting stopped early on a very common query: total and every facet count are then lower bounds ("at least").',
    },
    rankingExact: {
      type: 'boolean',
      description:
        'False when the words were too common to score every match: the hits are the best of a bounded set of candidates.',
    },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    hits: { type: 'array', items: { $ref: 'DocumentHit#' } },
    facets: facetCounts,
    tookMs: { type: 'number' },
  },
  required: ['query', 'total', 'totalExact', 'rankingExact', 'limit', 'offset', 'hits', 'tookMs'],
};

export const errorResponses = {
  400: { $ref: 'Error#' },
  404: { $ref: 'Error#' },
  500: { $ref: 'Error#' },
};

export const documentParams = {
  type: 'object',
  properties: {
    collection: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. frus1969-76v12' },
    doc: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. d86' },
  },
  required: ['collection', 'doc'],
};

export const passageResponse = {
  type: 'object',
  properties: {
    documentId: { type: 'string' },
    title: { type: 'string' },
    link: { type: 'string' },
    passage: { $ref: 'Passage#' },
    footnotes: { type: 'array', items: { $ref: 'Passage#' }, description: 'Notes anchored in this passage.' },
  },
  required: ['documentId', 'title', 'link', 'passage', 'footnotes'],
};

export const citationResponse = {
  type: 'object',
  properties: {
    chicago: { type: 'string' },
    chicagoSegments: {
      type: 'array',
      items: {
        type: 'object',
        properties: { text: { type: 'string' }, italic: { type: 'boolean' } },
        required: ['text', 'italic'],
      },
    },
    csl: { type: 'object', additionalProperties: true },
    ris: { type: 'string' },
    link: { type: 'string' },
  },
  required: ['chicago', 'chicagoSegments', 'csl', 'ris', 'link'],
};

export const collectionsResponse = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      collection: { $ref: 'Collection#' },
      documents: { type: 'integer' },
    },
    required: ['collection', 'documents'],
  },
};

const countMap = { type: 'object', additionalProperties: { type: 'integer' } };
export const statsResponse = {
  type: 'object',
  properties: {
    documents: { type: 'integer' },
    passages: { type: 'integer' },
    persons: { type: 'integer' },
    collections: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, title: { type: 'string' }, documents: { type: 'integer' } },
        required: ['id', 'title', 'documents'],
      },
    },
    types: countMap,
    classifications: countMap,
    decades: countMap,
    redactions: { type: 'integer' },
  },
  required: [
    'documents',
    'passages',
    'persons',
    'collections',
    'types',
    'classifications',
    'decades',
    'redactions',
  ],
};

export const personResponse = {
  type: 'object',
  properties: {
    person: { $ref: 'Person#' },
    /** Entries for the same person in other collections (merged through canonicalId). */
    sameAs: { type: 'array', items: { $ref: 'Person#' } },
    /** Offices held, from the office-holder reference table. */
    offices: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          office: { type: 'string' },
          person: { type: 'string' },
          start: { type: 'string' },
          end: { type: ['string', 'null'] },
          country: { type: 'string' },
          source: { type: 'string' },
        },
        required: ['office', 'person', 'start', 'end', 'country', 'source'],
      },
    },
    documents: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        hits: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              documentId: { type: 'string' },
              title: { type: 'string' },
              type: { type: 'string' },
              date: { type: ['string', 'null'] },
              classification: { $ref: 'Classification#' },
              roles: { type: 'array', items: { type: 'string' } },
            },
            required: ['documentId', 'title', 'type', 'date', 'classification', 'roles'],
          },
        },
      },
      required: ['total', 'hits'],
    },
    quotes: {
      type: 'object',
      properties: {
        total: { type: 'integer', description: 'Documents in which the person speaks.' },
        hits: { type: 'array', items: { $ref: 'PassageHit#' } },
      },
      required: ['total', 'hits'],
    },
  },
  required: ['person', 'sameAs', 'offices', 'documents', 'quotes'],
};

export const timelineResponse = {
  type: 'object',
  properties: {
    query: { type: 'string' },
    by: { type: 'string', enum: ['year', 'month'] },
    total: { type: 'integer', description: 'Documents matching the query.' },
    undated: { type: 'integer', description: 'Matching documents with no date (not in any bucket).' },
    buckets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          period: { type: 'string', description: '"1969" or "1969-03".' },
          count: { type: 'integer' },
        },
        required: ['period', 'count'],
      },
    },
  },
  required: ['query', 'by', 'total', 'undated', 'buckets'],
};
