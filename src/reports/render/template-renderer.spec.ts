import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_LANGUAGES, ReportData } from '../data/report-data';
import { REPORT_FORMATS, ReportRenderer, templateName } from './report-renderer';
import { buildReportView, ReportView } from './report-view';
import { findTemplatesDir, TemplateRenderer } from './template-renderer';

const root = findTemplatesDir();
const templates = new TemplateRenderer(root, 'reports');

function templateFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templateFiles(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : [],
  );
}

const HOSTILE = '<script>alert("x")</script> {{constructor}} | *bold* _it_ [a](http://evil) `tick` & &lt;';

/** A view in which every string is hostile text. */
function hostileView(view: ReportView): ReportView {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return HOSTILE;
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(view) as ReportView;
}

const zero = {
  submitted: 0,
  approved: 0,
  approvedWithConditions: 0,
  rejected: 0,
  withdrawn: 0,
  clearedWithoutReview: 0,
  escalated: 0,
  openAtEnd: 0,
};
const fullData: ReportData = {
  totals: { ...zero, submitted: 1 },
  byType: [{ type: 'partnership', ...zero, submitted: 1 }],
  byCommittee: [
    {
      committee: 'x',
      name: 'X',
      targetWorkingDays: 1,
      reviewed: 1,
      decisions: { approve: 1, approve_with_conditions: 0, reject: 0, request_information: 0, escalate: 0 },
      turnaroundDays: { median: 1, p90: 1 },
      withinTargetShare: 1,
      overdueOpen: 0,
    },
  ],
  byRegion: [{ region: 'europe', cases: 5, countries: [{ country: 'DE', name: 'Germany', cases: 5 }] }],
  conditions: { imposed: 0, met: 0, waived: 0, open: 0 },
  notable: [
    {
      reference: 'R',
      type: 'partnership',
      region: 'europe',
      country: 'DE',
      countryName: 'Germany',
      partnerTypes: [],
      technologyAreas: [],
      outcome: 'rejected',
      escalated: false,
      rationale: 'why',
    },
  ],
  notableTotal: 2,
  previous: { from: '2024-01-01', to: '2024-12-31', totals: zero },
};
const view = (language: 'en' | 'nl') =>
  buildReportView({
    from: '2025-01-01',
    to: '2025-12-31',
    language,
    createdAt: new Date(0),
    sha256: 'a'.repeat(64),
    data: fullData,
  });

describe('report templates', () => {
  it('has one template per language and format', () => {
    // templates/ also holds the mail templates (templates/mail/), which are not the reports'.
    expect(templates.names().filter((name) => name.startsWith('reports/'))).toEqual([
      'reports/report.en.html',
      'reports/report.en.md',
      'reports/report.nl.html',
      'reports/report.nl.md',
    ]);
  });

  it('render at start in every language and format (strict mode finds no missing field)', () => {
    expect(() => new ReportRenderer(templates).onModuleInit()).not.toThrow();
  });

  it('refuse a view that lacks a field (strict mode)', () => {
    const { sha256: _gone, ...partial } = view('en');
    expect(() => templates.render('reports/report.en.html', partial)).toThrow(/sha256/);
  });

  it('never use triple-stash, and pass every value of a Markdown template through the md helper', () => {
    for (const file of templateFiles()) {
      const source = readFileSync(file, 'utf8');
      expect({ file, tripleStash: source.includes('{{{') || source.includes('{{&') }).toEqual({
        file,
        tripleStash: false,
      });
      if (!file.endsWith('.md.hbs')) continue;
      const unescaped = [...source.matchAll(/{{~?\s*([^}]*)}}/g)]
        .map((m) => m[1].trim())
        .filter((expr) => !/^(md\s|#|\/|>|else\b|!)/.test(expr));
      expect({ file, unescaped }).toEqual({ file, unescaped: [] });
    }
  });

  it.each(REPORT_LANGUAGES.flatMap((language) => REPORT_FORMATS.map((format) => [language, format] as const)))(
    'escape hostile text everywhere (%s, %s)',
    (language, format) => {
      const out = templates.render(templateName(language, format), hostileView(view(language)));
      expect(out).not.toContain('<script');
      if (format === 'html') {
        expect(out).toContain(
          '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{constructor}} | *bold* _it_ [a](http://evil) &#x60;tick&#x60; &amp; &amp;lt;',
        );
      } else {
        expect(out).not.toContain('*bold*');
        expect(out).not.toContain('[a](http');
        expect(out).toContain(
          '&lt;script&gt;alert\\("x"\\)&lt;/script&gt; \\{\\{constructor\\}\\} \\| \\*bold\\* \\_it\\_ \\[a\\]\\(http://evil\\) \\`tick\\` & &amp;lt;',
        );
        // No row of a table gains or loses a cell through the data: every | in it is the template's.
        const lines = out.split('\n');
        for (const [i, line] of lines.entries()) {
          if (!line.startsWith('| ') || !lines[i - 1]?.startsWith('| ')) continue;
          const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
          expect({ line, cells: cells(line) }).toEqual({ line, cells: cells(lines[i - 1]) });
        }
      }
    },
  );
});
