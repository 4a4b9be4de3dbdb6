/**
 * Documents, their passages and their citations. Document ids hold a slash
 * (`frus1969-76v12/d86`), so the id is spelled as two path segments.
 */
import type { FastifyInstance } from 'fastify';
import { citeDocument, type Citation } from '../../publish/citation.js';
import type { Document } from '../../records/schema.js';
import type { Archive } from '../../store/archive.js';
import type { PassageApiResponse } from '../api-types.js';
import { notFound } from '../errors.js';
import { citationResponse, documentParams, errorResponses, passageResponse } from '../schemas.js';

interface DocumentParams {
  collection: string;
  doc: string;
}

export interface DocumentRouteOptions {
  archive: Archive;
  /** Where the site is published; citations link to it. Defaults to the address the request came to. */
  publicUrl?: string;
}

export async function documentRoutes(app: FastifyInstance, options: DocumentRouteOptions): Promise<void> {
  const { archive } = options;

  async function loadDocument({ collection, doc }: DocumentParams): Promise<Document> {
    const id = `${collection}/${doc}`;
    const document = await archive.getDocument(id);
    // The archive the routes get hides what the viewer may not see (embargoed records).
    if (!document) {
      throw notFound(`no document "${id}" in the archive; search for it with /api/search?q=…`);
    }
    return document;
  }

  app.get<{ Params: DocumentParams }>(
    '/api/documents/:collection/:doc',
    {
      schema: {
        summary: 'A document with its metadata, passages, footnotes, redactions and speakers',
        tags: ['documents'],
        params: documentParams,
        response: { 200: { $ref: 'Document#' }, ...errorResponses },
      },
    },
    async (request) => loadDocument(request.params),
  );

  app.get<{ Params: DocumentParams & { ordinal: number } }>(
    '/api/documents/:collection/:doc/passages/:ordinal',
    {
      schema: {
        summary: 'One passage (the target of a passage link `/d/<doc-id>#p<n>`) and the notes anchored in it',
        tags: ['documents'],
        params: {
          ...documentParams,
          properties: { ...documentParams.properties, ordinal: { type: 'integer', minimum: 1 } },
          required: [...documentParams.required, 'ordinal'],
        },
        response: { 200: passageResponse, ...errorResponses },
      },
    },
    async (request): Promise<PassageApiResponse> => {
      const document = await loadDocument(request.params);
      const { ordinal } = request.params;
      const passage = document.passages.find((p) => p.ordinal === ordinal);
      if (!passage) {
        throw notFound(
          `document "${document.id}" has no passage ${ordinal}; its passages run from 1 to ${document.passages.length}.`,
        );
      }
      return {
        documentId: document.id,
        title: document.title,
        link: `${document.id}#p${ordinal}`,
        passage,
        footnotes: document.passages.filter((p) => p.anchor?.ordinal === ordinal),
      };
    },
  );

  app.get<{ Params: DocumentParams; Querystring: { ordinal?: number } }>(
    '/api/documents/:collection/:doc/cite',
    {
      schema: {
        summary: 'Cite a document or one passage: Chicago note, CSL-JSON and RIS',
        tags: ['documents'],
        params: documentParams,
        querystring: {
          type: 'object',
          properties: { ordinal: { type: 'integer', minimum: 1, description: 'Cite this passage.' } },
          additionalProperties: false,
        },
        response: { 200: citationResponse, ...errorResponses },
      },
    },
    async (request): Promise<Citation> => {
      const document = await loadDocument(request.params);
      const { ordinal } = request.query;
      if (ordinal !== undefined && !document.passages.some((p) => p.ordinal === ordinal)) {
        throw notFound(`document "${document.id}" has no passage ${ordinal}.`);
      }
      return citeDocument({
        document,
        collection: await archive.getCollection(document.collectionId),
        ordinal,
        baseUrl: options.publicUrl ?? `${request.protocol}://${request.host}`,
      });
    },
  );
}
