// The parse-only floor for bench/ingest: the same streaming XML parser the FRUS reader uses
// (saxes), over the same files, doing nothing but counting elements. Plain JavaScript, so the
// process starts as fast as Node can.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

let elements = 0;
for (const file of process.argv.slice(2)) {
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('opentag', () => elements++);
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    parser.write(chunk);
  }
  parser.close();
}
console.log(elements);
