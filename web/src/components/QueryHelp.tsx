/** The query language, documented where it is typed. */
const ROWS: [string, string][] = [
  ['Dobrynin Kissinger', 'passages with both words (stemmed: talks finds talk)'],
  ['"strategic arms"', 'the exact phrase'],
  ['NATO OR Warsaw · Berlin AND access · NOT France · -France', 'boolean logic; (parentheses) group'],
  ['detent*', 'words starting with detent'],
  ['type:memcon', 'memcon, telcon, cable, memo, letter, minutes, report, editorial-note, other'],
  ['date:1969 · date:1969..1970-06 · date:..1965', 'documents dated in that interval'],
  ['class:secret · class:"top secret" · caveat:nodis', 'classification level and handling caveats'],
  ['collection:frus1969-76v12', 'one collection'],
  ['person:Kissinger · person:p_KHA1', 'documents where the person takes part or is mentioned'],
  ['speaker:Gromyko', 'passages in which that person speaks'],
];

export function QueryHelp() {
  return (
    <details className="query-help">
      <summary>How to write a query</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">You type</th>
            <th scope="col">It finds</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([example, meaning]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
