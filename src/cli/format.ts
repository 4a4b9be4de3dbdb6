/**
 * Terminal formatting shared by the commands.
 */
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

export const style = {
  bold: (text: string) => (useColour ? `\x1b[1m${text}\x1b[22m` : text),
  dim: (text: string) => (useColour ? `\x1b[2m${text}\x1b[22m` : text),
  mark: (text: string) => (useColour ? `\x1b[1;33m${text}\x1b[0m` : `[${text}]`),
};

/** Turns the engine's «« »» match markers into terminal highlighting. */
export function renderSnippet(snippet: string): string {
  return snippet.replace(/««(.*?)»»/gs, (_, inner: string) => style.mark(inner));
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
