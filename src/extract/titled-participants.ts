/**
 * Participants listed by title alone ("The President", "the Secretary") in records that carry
 * no persons list: the office-holder table names who held the office on the record's date, so
 * `person:Clinton` finds the memcon whose participants read "The President".
 */
import { holderOn } from '../records/offices.js';
import type { Document } from '../records/schema.js';
import { titleOnly } from './attribution/cast.js';

export function resolveTitledParticipants(document: Document): Document {
  const date = document.date?.start.slice(0, 10);
  if (!date || document.participants.every((participant) => participant.personId !== null)) return document;
  let changed = false;
  const participants = document.participants.map((participant) => {
    if (participant.personId !== null) return participant;
    const title = titleOnly(participant.label.trim());
    const holder = title ? holderOn(title, date) : null;
    if (!holder) return participant;
    changed = true;
    return { ...participant, name: holder.person, description: participant.description ?? holder.office };
  });
  return changed ? { ...document, participants } : document;
}
