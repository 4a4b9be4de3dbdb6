/**
 * Reading gold files: one JSON object a line, with errors that name the file and line.
 */
import { readFile } from 'node:fs/promises';

export async function readJsonLines(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const rows: unknown[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      throw new Error(
        `${path}:${index + 1}: not valid JSON (${(error as Error).message}); fix or remove the line.`,
      );
    }
  }
  return rows;
}
