/**
 * One colour per person in a document, assigned in order of appearance so that the same
 * document always shows the same colours. The palette keeps contrast on white and in print.
 */
import type { SpeakerSpan } from '../../../src/records/schema.js';

const PALETTE = ['#1f5fa8', '#a8321f', '#2e7d32', '#7b3fa0', '#b26a00', '#00796b', '#ad1457', '#4e5d6c'];

export type SpeakerColours = Map<string, string>;

/** The key that identifies a speaker: the resolved person, else the label as written. */
export function speakerKey(span: Pick<SpeakerSpan, 'personId' | 'label'>): string | null {
  return span.personId ?? span.label;
}

export function speakerName(span: SpeakerSpan): string | null {
  return span.personName ?? span.label;
}

export function assignColours(keys: Iterable<string | null>): SpeakerColours {
  const colours: SpeakerColours = new Map();
  for (const key of keys) {
    if (key !== null && !colours.has(key)) colours.set(key, PALETTE[colours.size % PALETTE.length]!);
  }
  return colours;
}

export function SpeakerChip({ name, colour }: { name: string; colour?: string }) {
  return (
    <span className="speaker-chip" style={colour ? { borderColor: colour, color: colour } : undefined}>
      {name}
    </span>
  );
}

/** The distinct speakers of a passage, in order. */
export function distinctSpeakers(spans: readonly SpeakerSpan[]): SpeakerSpan[] {
  const seen = new Set<string>();
  return spans.filter((span) => {
    const key = speakerKey(span);
    if (key === null || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
