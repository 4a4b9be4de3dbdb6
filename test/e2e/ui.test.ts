/**
 * The web UI in Chromium, end to end: search → open a document at a passage → copy a
 * citation; a person page; the timeline; hostile markup in a record stays inert; keyboard and
 * narrow screens. Screenshots go to artifacts/e2e/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, startSite, type Site } from './browser.js';
import { readFileSync } from 'node:fs';
import { EXAMPLE_ARTICLE, HOSTILE_DOCUMENT, TEST_VOLUME } from '../server/fixture.js';

let site: Site;

before(async () => {
  site = await startSite();
});

after(async () => {
  await site?.close();
});

test('search, open a document at a passage, and copy its citation', async () => {
  const { page, problems, close } = await openPage(site);
  try {
    await page.goto('/search');
    await page.fill('#q', 'Dobrynin "strategic arms"');
    await page.press('#q', 'Enter');
    await page.waitForSelector('.hit');
    assert.match(page.url(), /\/search\?q=Dobrynin/);
    assert.ok((await page.locator('.hit mark').count()) > 0, 'matches are highlighted');
    assert.ok((await page.locator('.facets li').count()) > 0, 'facets are listed with counts');
    assert.ok((await page.locator('.hit .badge').count()) > 0, 'classification badges are shown');
    await screenshot(page, 'search');

    // Follow the first passage link into the reader.
    const passageLink = page.locator('.hit .passage-link').first();
    const href = (await passageLink.getAttribute('href'))!;
    const [, documentId, ordinal] = /^\/d\/(.+)#p(\d+)$/.exec(href)!;
    await passageLink.click();
    await page.waitForSelector('.reader h1');
    assert.equal(new URL(page.url()).pathname, `/d/${documentId}`);
    const target = page.locator(`#p${ordinal}`);
    assert.match((await target.getAttribute('class')) ?? '', /targeted/);
    assert.ok(await target.isVisible());
    assert.ok((await page.locator('.banner').textContent())?.length, 'the classification banner is shown');

    // A passage link inside the reader moves the highlight.
    const otherPilcrow = page.locator('.doc-body .pilcrow').nth(1);
    const otherHref = (await otherPilcrow.getAttribute('href'))!;
    await otherPilcrow.click();
    await page.waitForSelector(`${otherHref}.targeted`);
    await screenshot(page, 'reader');

    // Cite the document and copy the Chicago note.
    await page.click('.doc-actions button:has-text("Cite")');
    const note = page.locator('[data-testid="chicago-note"]');
    await note.waitFor();
    const noteText = (await note.textContent())!;
    assert.match(noteText, /Foreign Relations of the United States/);
    assert.match(noteText, /history\.state\.gov/);
    assert.ok((await page.locator('.chicago-note i').count()) >= 1, 'published titles are in italics');
    await page.click('button:has-text("Copy note")');
    await page.waitForSelector('.copy-status:has-text("Copied")');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    assert.equal(copied, noteText);
    await screenshot(page, 'cite');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('dialog[open]').count(), 0, 'Escape closes the dialog');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a malformed query shows where it broke', async () => {
  const { page, problems, close } = await openPage(site);
  try {
    await page.goto(`/search?q=${encodeURIComponent('Berlin (access')}`);
    const alert = page.locator('.error[role="alert"]');
    await alert.waitFor();
    assert.match((await alert.textContent())!, /\^/);
    // The 400 itself is logged by Chromium as a failed resource load; nothing else may be.
    assert.deepEqual(
      problems.filter((p) => !/status of 400/.test(p)),
      [],
    );
  } finally {
    await close();
  }
});

test('a person page shows their documents and links into the reader', async () => {
  const persons = await site.archive.archive.listPersons(TEST_VOLUME);
  const kissinger = persons.find((p) => p.name.startsWith('Kissinger'))!;
  const { page, problems, close } = await openPage(site);
  try {
    await page.goto(`/person/${kissinger.id}`);
    await page.waitForSelector('.person h1');
    assert.match((await page.locator('.person h1').textContent())!, /Kissinger/);
    const documents = page.locator('.person-documents li');
    assert.ok((await documents.count()) > 0);
    await screenshot(page, 'person');
    await documents.first().locator('a').first().click();
    await page.waitForSelector('.reader h1');
    await screenshot(page, 'reader-top');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the timeline charts documents per year and a bar filters the search', async () => {
  const { page, problems, close } = await openPage(site);
  try {
    await page.goto(`/timeline?q=${encodeURIComponent(`collection:${TEST_VOLUME}`)}`);
    await page.waitForSelector('.bar-link');
    await screenshot(page, 'timeline');
    await page.click('.bar-link[aria-label^="1970:"]');
    await page.waitForSelector('.hit');
    const query = new URL(page.url()).searchParams.get('q');
    assert.match(query!, /date:1970/);
    assert.ok(
      (await page.locator('.hit .meta time').allTextContents()).every((date) => date.includes('1970')),
    );
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a claim check of the example article shows a misattributed card linked into the reader', async () => {
  const { page, problems, close } = await openPage(site);
  try {
    await page.goto('/check');
    await page.fill('#check-text', readFileSync(EXAMPLE_ARTICLE, 'utf8'));
    await page.click('button:has-text("Check claims")');
    const card = page.locator('.claim-card[data-verdict="misattributed"]', {
      hasText: 'domestic political considerations',
    });
    await card.waitFor({ timeout: 60_000 });
    assert.match((await card.locator('.citations').textContent())!, /Clinton/);
    assert.ok((await page.locator('.claim-card[data-verdict="contradicted"]').count()) >= 1);
    await screenshot(page, 'check');
    // The evidence links into the reader at the cited passage.
    const link = card.locator('.citations a').first();
    const href = (await link.getAttribute('href'))!;
    assert.match(href, /^\/d\/clinton-putin-2000\/memcon-excerpts#p\d+$/);
    await link.click();
    await page.waitForSelector('.reader h1');
    assert.match(
      (await page.locator(href.slice(href.indexOf('#'))).textContent())!,
      /domestic considerations/,
    );
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('markup inside a record is shown as text and never runs', async () => {
  const { page, problems, close } = await openPage(site);
  try {
    await page.goto(`/d/${HOSTILE_DOCUMENT}`);
    await page.waitForSelector('.reader h1');
    await page.locator('.doc-body').hover();
    const body = (await page.locator('.reader').textContent())!;
    assert.ok(
      body.includes(`<img src=x onerror="window.__declassXss = 'img'">`),
      'the img tag is shown as text',
    );
    assert.ok(
      body.includes(`<script>window.__declassXss = 'script'</script>`),
      'the script tag is shown as text',
    );
    assert.equal(await page.locator('.reader img, .reader script, .reader b').count(), 0);
    assert.equal(await page.evaluate<unknown>('window.__declassXss'), undefined);

    await page.goto(`/search?q=onerror`);
    await page.waitForSelector('.hit');
    assert.equal(await page.locator('.results img, .results script').count(), 0);
    assert.equal(await page.evaluate<unknown>('window.__declassXss'), undefined);
    await screenshot(page, 'hostile-record');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('keyboard and a narrow screen', async () => {
  const { page, problems, close } = await openPage(site, { width: 375, height: 740 });
  try {
    await page.goto(`/search?q=${encodeURIComponent('Dobrynin Berlin')}`);
    await page.waitForSelector('.hit');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await screenshot(page, 'search-narrow');

    // Skip link first, then the query box is reachable and a result opens with Enter.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate<string>('document.activeElement?.className'), 'skip-link');
    await page.focus('.hit-title');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.reader h1');
    const readerOverflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    assert.ok(readerOverflow <= 1, `the reader fits a phone (overflow ${readerOverflow}px)`);
    await screenshot(page, 'reader-narrow');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
