/**
 * A search snippet: the API wraps matches in «« and »»; they become <mark> elements. The text
 * is always passed to React as text, so markup inside a record is shown, never run.
 */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/««|»»/);
  return (
    <>
      {parts.map((part, index) =>
        // Odd parts sit between an opening and a closing marker.
        index % 2 === 1 ? <mark key={index}>{part}</mark> : <span key={index}>{part}</span>,
      )}
    </>
  );
}
