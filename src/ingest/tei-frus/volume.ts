/**
 * The volume-level records: the collection from the teiHeader and the persons list from the
 * front matter (`<div xml:id="persons">`).
 */
import type { Collection, Person } from '../../records/schema.js';
import { descendants, firstChild, textOf, type XmlElement } from './xml-tree.js';

export function collectionFromHeader(header: XmlElement, sourcePath: string): Collection {
  const titles = descendants(header, 'title');
  const titleOf = (type: string): string | null => {
    const found = titles.find((title) => title.attrs['type'] === type);
    return found ? textOf(found) || null : null;
  };
  const idnos = descendants(header, 'idno');
  const id = idnos.find((idno) => idno.attrs['type'] === 'frus');
  const publication = descendants(header, 'publicationStmt')[0];
  const volumeId = id ? textOf(id) : '';
  return {
    id: volumeId,
    title: titleOf('complete') ?? (titles[0] ? textOf(titles[0]) : volumeId),
    series: titleOf('series'),
    subseries: titleOf('subseries'),
    volumeNumber: titleOf('volumenumber'),
    volumeTitle: titleOf('volume'),
    editors: descendants(header, 'editor')
      .map((editor) => textOf(editor))
      .filter(Boolean),
    publishedYear: publication ? textOrNull(firstChild(publication, 'date')) : null,
    publisher: publication ? textOrNull(firstChild(publication, 'publisher')) : null,
    format: 'frus-tei',
    sourcePath,
    published: true,
  };
}

function textOrNull(element: XmlElement | undefined): string | null {
  return element ? textOf(element) || null : null;
}

/**
 * Persons list items read "<persName xml:id="p_KHA1">Kissinger, Henry A.</persName>, Assistant to
 * the President …"; the description is the item's text after the name and its comma.
 */
export function personsFromList(list: XmlElement, volumeId: string): Person[] {
  const persons: Person[] = [];
  for (const item of descendants(list, 'item')) {
    const name = descendants(item, 'persName').find((persName) => persName.attrs['xml:id']);
    if (!name) continue;
    const localId = name.attrs['xml:id']!;
    const nameText = textOf(name);
    const whole = textOf(item);
    const at = whole.indexOf(nameText);
    const description = (at >= 0 ? whole.slice(at + nameText.length) : whole)
      .replace(/^[\s,;:.—–-]+/, '')
      .trim();
    persons.push({
      id: `${volumeId}/${localId}`,
      collectionId: volumeId,
      localId,
      name: nameText,
      description: description || null,
      canonicalId: null,
    });
  }
  return persons;
}
