import type { Classification } from '../../../src/records/schema.js';

/** The level as stamped on the record, with its caveats; "unmarked" when the record says nothing. */
export function classificationText(classification: Classification): string {
  if (classification.level === null) return 'Unmarked';
  if (classification.level === 'NONE') return 'No classification marking';
  return [classification.level, ...classification.caveats].join(' · ');
}

export function levelClass(classification: Classification): string {
  const level = classification.level ?? 'unknown';
  return `level-${level.toLowerCase().replace(/\s+/g, '-')}`;
}

export function ClassificationBadge({ classification }: { classification: Classification }) {
  return (
    <span className={`badge ${levelClass(classification)}`} title={classification.printed ?? undefined}>
      {classificationText(classification)}
    </span>
  );
}

/** The banner across the top of a document, as the original carries its marking. */
export function ClassificationBanner({ classification }: { classification: Classification }) {
  return (
    <div className={`banner ${levelClass(classification)}`} role="note" aria-label="Classification">
      {classificationText(classification)}
      {classification.printed && classification.level !== null ? (
        <span className="banner-printed"> — printed: “{classification.printed}”</span>
      ) : null}
    </div>
  );
}
