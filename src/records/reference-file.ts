/**
 * Locating and parsing the CSV reference tables shipped in `src/records/reference/`. The
 * compiled build (dist/records) has no copy of the CSV files, so the source folder is looked
 * up as well: the tables are data of the project, not of the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export function referenceTablePath(fileName: string): string {
  const candidates = [
    join(HERE, 'reference', fileName),
    resolve(HERE, '..', '..', 'src', 'records', 'reference', fileName),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Reference table ${fileName} not found; looked in ${candidates.join(', ')}.`);
  return found;
}

/** RFC 4180 CSV (quoted fields with doubled quotes) → rows of named fields. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) records.push([...row, field]);
  const [header, ...body] = records.filter((record) => record.some((value) => value !== ''));
  if (!header) return [];
  return body.map((values) => Object.fromEntries(header.map((name, index) => [name, values[index] ?? ''])));
}

export function readReferenceTable(fileName: string): Record<string, string>[] {
  return parseCsv(readFileSync(referenceTablePath(fileName), 'utf8'));
}
