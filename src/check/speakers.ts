/**
 * Titles standing for people ("The President", "the Secretary") resolved by the record's
 * date with the office-holder table, for passages whose speaker label attribution left
 * unresolved (a plain-text record has no persons list to resolve it from).
 */
import { holderOn, officeForTitle } from '../records/offices.js';

export function titleResolver(): (label: string, date: string | null) => string | null {
  return (label, date) => {
    if (!date || !officeForTitle(label)) return null;
    return holderOn(label, date)?.person ?? null;
  };
}
