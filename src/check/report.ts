/**
 * Renderings of a check report a journalist can read: plain text for the terminal, JSON for
 * programs, Markdown for a story file, HTML for the browser. Article text is untrusted: the
 * HTML rendering escapes every string it prints.
 */
import type { CheckedClaim, CheckReport, Citation, Verdict, WordDiff } from './types.js';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'html'];

const LABELS: Record<Verdict['verdict'], string> = {
  supported: 'SUPPORTED',
  misattributed: 'MISATTRIBUTED',
  altered_quote: 'ALTERED QUOTE',
  contradicted: 'CONTRADICTED',
  not_in_record: 'NOT IN RECORD',
};

export function renderReport(report: CheckReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    default:
      return renderText(report);
  }
}

function summaryLine(report: CheckReport): string {
  const counts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} ${label.replace(/_/g, ' ')}`)
    .join(', ');
  return `${report.claims.length} claims checked${counts ? ` (${counts})` : ''}; ${report.skipped.length} sentences skipped; ${report.tookMs} ms`;
}

function diffText(diff: readonly WordDiff[], mark: (op: WordDiff['op'], text: string) => string): string {
  return diff.map((d) => mark(d.op, d.text)).join(' ');
}

function renderText(report: CheckReport): string {
  const lines = [`Claim check of ${report.source}`, summaryLine(report)];
  for (const note of report.notes) lines.push(`note: ${note}`);
  for (const { claim, result } of report.claims) {
    lines.push('', `[${claim.id}] ${LABELS[result.verdict]} (confidence ${result.confidence.toFixed(2)})`);
    lines.push(`  claim:  ${claim.text}`);
    lines.push(`  why:    ${result.reason}`);
    for (const step of result.computation ?? []) lines.push(`  calc:   ${step}`);
    if (result.diff)
      lines.push(
        `  diff:   ${diffText(result.diff, (op, t) => (op === 'same' ? t : op === 'added' ? `{+${t}+}` : `[-${t}-]`))}`,
      );
    for (const citation of result.citations) lines.push(`  cite:   ${citationText(citation)}`);
  }
  if (report.skipped.length > 0) {
    lines.push('', 'Skipped sentences:');
    for (const skipped of report.skipped) lines.push(`  - ${skipped.sentence}  (${skipped.reason})`);
  }
  return lines.join('\n');
}

function citationText(citation: Citation): string {
  const who = citation.speaker ?? citation.speakerLabel;
  return `${citation.link}${citation.documentDate ? ` (${citation.documentDate})` : ''}${who ? ` — ${who}` : ''}: "${citation.quote}" [${citation.role}]`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function renderMarkdown(report: CheckReport): string {
  const lines = [`# Claim check: ${escapeMarkdown(report.source)}`, '', summaryLine(report), ''];
  for (const note of report.notes) lines.push(`> ${escapeMarkdown(note)}`, '');
  for (const checked of report.claims) lines.push(...markdownClaim(checked), '');
  if (report.skipped.length > 0) {
    lines.push('## Skipped sentences', '');
    for (const skipped of report.skipped)
      lines.push(`- ${escapeMarkdown(skipped.sentence)} — *${skipped.reason}*`);
  }
  return lines.join('\n').trimEnd() + '\n';
}

function markdownClaim({ claim, result }: CheckedClaim): string[] {
  const lines = [
    `## ${claim.id} · ${LABELS[result.verdict]} (confidence ${result.confidence.toFixed(2)})`,
    '',
    `> ${escapeMarkdown(claim.text)}`,
    '',
    `**Why:** ${escapeMarkdown(result.reason)}`,
  ];
  if (result.computation) {
    lines.push('', `**Computation** (${result.reference ?? 'reference table'}):`, '');
    for (const step of result.computation) lines.push(`- ${escapeMarkdown(step)}`);
  }
  if (result.diff) {
    const marked = diffText(result.diff, (op, t) =>
      op === 'same'
        ? escapeMarkdown(t)
        : op === 'added'
          ? `**+${escapeMarkdown(t)}+**`
          : `~~${escapeMarkdown(t)}~~`,
    );
    lines.push('', `**Record vs claim:** ${marked}`);
  }
  if (result.citations.length > 0) {
    lines.push('', '**Passages:**', '');
    for (const c of result.citations) {
      const who = c.speaker ?? c.speakerLabel;
      lines.push(
        `- \`${c.link}\`${c.documentDate ? ` (${c.documentDate})` : ''}${who ? `, ${escapeMarkdown(who)}` : ''} — ${escapeMarkdown(c.role)}: “${escapeMarkdown(c.quote)}”`,
      );
    }
  }
  return lines;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function renderHtml(report: CheckReport): string {
  const e = escapeHtml;
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>Claim check: ${e(report.source)}</title>`,
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}' +
      '.v{font-weight:700}.supported{color:#176b2c}.misattributed,.altered_quote,.contradicted{color:#a01818}' +
      '.not_in_record{color:#6b5517}blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid #ccc}' +
      'ins{background:#fdd;text-decoration:none}del{background:#dfd}</style></head><body>',
    `<h1>Claim check: ${e(report.source)}</h1>`,
    `<p>${e(summaryLine(report))}</p>`,
    ...report.notes.map((note) => `<p><em>${e(note)}</em></p>`),
  ];
  for (const { claim, result } of report.claims) {
    parts.push(
      `<section><h2>${e(claim.id)} · <span class="v ${e(result.verdict)}">${e(LABELS[result.verdict])}</span> <small>(confidence ${result.confidence.toFixed(2)})</small></h2>`,
      `<blockquote>${e(claim.text)}</blockquote>`,
      `<p><strong>Why:</strong> ${e(result.reason)}</p>`,
    );
    if (result.computation)
      parts.push(`<ul>${result.computation.map((step) => `<li>${e(step)}</li>`).join('')}</ul>`);
    if (result.diff)
      parts.push(
        `<p><strong>Record vs claim:</strong> ${diffText(result.diff, (op, t) => (op === 'same' ? e(t) : op === 'added' ? `<ins>${e(t)}</ins>` : `<del>${e(t)}</del>`))}</p>`,
      );
    if (result.citations.length > 0) {
      parts.push('<ul>');
      for (const c of result.citations) {
        const who = c.speaker ?? c.speakerLabel;
        parts.push(
          `<li><a href="/d/${e(c.link.replace('#', '#'))}">${e(c.link)}</a>${c.documentDate ? ` (${e(c.documentDate)})` : ''}${who ? `, ${e(who)}` : ''} — ${e(c.role)}: “${e(c.quote)}”</li>`,
        );
      }
      parts.push('</ul>');
    }
    parts.push('</section>');
  }
  if (report.skipped.length > 0) {
    parts.push('<h2>Skipped sentences</h2><ul>');
    for (const s of report.skipped) parts.push(`<li>${e(s.sentence)} — <em>${e(s.reason)}</em></li>`);
    parts.push('</ul>');
  }
  parts.push('</body></html>');
  return parts.join('\n');
}
