/**
 * The HTML reader: a FRUS telcon saved as a web page with navigation, scripts, styles and
 * event handlers around it. The record's text and turns come back; nothing else does.
 */
import assert from 'node:assert/strict';
import { attributeDocument } from '../../src/extract/attribution/index.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readHtml } from '../../src/ingest/html/index.js';
import { chooseReader, defaultReaders } from '../../src/ingest/registry.js';
import { scratchDir } from '../helpers/paths.js';
import { bodyText, documentsOf } from './fixtures/collect.js';
import { expectedBodyText, loadFixtureRecords } from './fixtures/records.js';

const scratch = scratchDir('declass-html-');
after(() => scratch.cleanup());

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

test('a telcon web page gives its text and speakers; scripts, styles and menus are dropped', async () => {
  const record = (await loadFixtureRecords()).find((each) => each.kind === 'telcon')!;
  const html = `<!DOCTYPE html>
<html><head><title>Telcon, October 9, 1970</title>
<style>body { color: red } p::after { content: "STYLE-TEXT" }</style>
<script>document.write("SCRIPT-TEXT"); fetch("https://example.org/track")</script></head>
<body onload="alert('ONLOAD-TEXT')">
<nav><a href="/">Home</a> <a href="/search">MENU-TEXT</a></nav>
<main>
<p>SECRET</p>
<pre>${record.headerLines.map(escape).join('\n')}</pre>
${record.body.map((paragraph) => `<p>${escape(paragraph ?? '(b)(1)')}</p>`).join('\n')}
<p><img src="x" onerror="alert('IMG-TEXT')">SECRET</p>
</main>
<footer>FOOTER-TEXT &copy; 2024</footer>
<script>SCRIPT-TWO</script>
</body></html>`;
  const path = join(scratch.dir, 'telcon.htm');
  writeFileSync(path, html);
  assert.equal(chooseReader(defaultReaders, Buffer.from(html.slice(0, 200)), 'telcon.bin').format, 'html');
  const [document] = await documentsOf(readHtml(path));
  assert.ok(document);
  const all = document.passages.map((passage) => passage.text).join('\n');
  assert.doesNotMatch(all, /SCRIPT|STYLE|ONLOAD|MENU|FOOTER|IMG-TEXT|alert|fetch/);
  assert.equal(bodyText(document), expectedBodyText(record));
  assert.equal(document.type, 'telcon');
  assert.equal(document.classification.level, 'SECRET');
  assert.deepEqual(document.date, { start: '1970-10-09', end: '1970-10-09', precision: 'day' });
  assert.ok(
    attributeDocument(document, [])
      .passages.filter((passage) => passage.kind === 'turn')
      .every((turn) => turn.speakers[0]?.label),
  );
});

test('markup inside the text stays text: an escaped <script> is words, never code', async () => {
  const path = join(scratch.dir, 'note.html');
  writeFileSync(
    path,
    '<html><body><p>The cable said &lt;script&gt;alert(1)&lt;/script&gt; verbatim.</p></body></html>',
  );
  const [document] = await documentsOf(readHtml(path));
  assert.equal(document!.passages[0]!.text, 'The cable said <script>alert(1)</script> verbatim.');
});
