/**
 * The steps every ingested document goes through after its reader.
 */
import type { Enricher } from './pipeline.js';

export const defaultEnrichers: readonly Enricher[] = [];
