/**
 * The steps every ingested document goes through after its reader.
 */
import { attributeDocument } from '../extract/attribution/index.js';
import type { Enricher } from './pipeline.js';

/** Who says each sentence, for conversation records (memcons, telcons, minutes, dialogues). */
const attributeSpeakers: Enricher = (document, { persons }) => attributeDocument(document, persons);

export const defaultEnrichers: readonly Enricher[] = [attributeSpeakers];
