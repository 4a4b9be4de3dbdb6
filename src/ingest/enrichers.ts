/**
 * The steps every ingested document goes through after its reader.
 */
import { attributeDocument } from '../extract/attribution/index.js';
import { resolveTitledParticipants } from '../extract/titled-participants.js';
import type { Enricher } from './pipeline.js';

/** "The President" in a participants list without a persons list → who held the office that day. */
const nameTitledParticipants: Enricher = (document) => resolveTitledParticipants(document);

/** Who says each sentence, for conversation records (memcons, telcons, minutes, dialogues). */
const attributeSpeakers: Enricher = (document, { persons }) => attributeDocument(document, persons);

export const defaultEnrichers: readonly Enricher[] = [nameTitledParticipants, attributeSpeakers];
