/**
 * A minimal element tree for one captured part of a volume (the header, the persons list or
 * one document). Only these parts are ever held in memory, never the whole volume.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** Child elements with the given name. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) found.push(child);
  }
  return found;
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.name === name) return child;
  }
  return undefined;
}

/** Every descendant element with the given name, in document order (not looking inside a match). */
export function descendants(
  element: XmlElement,
  name: string,
  skip?: (el: XmlElement) => boolean,
): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      if (skip?.(child)) continue;
      if (child.name === name) found.push(child);
      else visit(child);
    }
  };
  visit(element);
  return found;
}

/** The raw text of a subtree; notes are left out unless asked for. */
export function rawText(node: XmlNode, withNotes = false): string {
  if (typeof node === 'string') return node;
  if (!withNotes && node.name === 'note') return '';
  if (node.name === 'lb') return ' ';
  let out = '';
  for (const child of node.children) out += rawText(child, withNotes);
  return out;
}

/** Folded text of a subtree without its notes. */
export function textOf(node: XmlNode, withNotes = false): string {
  return rawText(node, withNotes).replace(/\s+/g, ' ').trim();
}

/** Skip predicate for `descendants`: notes are not part of the text they annotate. */
export const isNote = (element: XmlElement): boolean => element.name === 'note';

/**
 * Every element outside notes whose name is in `names`, grouped by name, in document order,
 * from a single walk of the tree (matches are searched inside too: lists hold lists).
 */
export function elementsByName(root: XmlElement, names: ReadonlySet<string>): Map<string, XmlElement[]> {
  const found = new Map<string, XmlElement[]>();
  for (const name of names) found.set(name, []);
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string' || child.name === 'note') continue;
      if (names.has(child.name)) found.get(child.name)!.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}
