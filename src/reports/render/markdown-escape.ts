/**
 * Makes text safe to place inline in Markdown (a paragraph, a list item, a table cell): no line
 * breaks (one would end a table row or start a block), inline metacharacters backslash-escaped,
 * `<` and `>` written as entities so that no HTML reaches a renderer that passes HTML through, and
 * `&` too where it would otherwise start an entity. What cannot start a block or span stays as it is,
 * so figures and references read plainly in the raw text: 36.8, +9, IRR-2025-00042, R&D.
 */
export function escapeMarkdown(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return (
    text
      .replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_{}[\]()#!|~]/g, (ch) => `\\${ch}`)
      // A list item, a thematic break or a setext underline when the text comes first on a line.
      .replace(/^(\s*)([-+=])(?=\s|$|[-+=])/, '$1\\$2')
      // An ordered list item ("2025. ", "1) ").
      .replace(
        /^(\s*\d{1,9})(\.|\\\))(?=\s|$)/,
        (_m, digits: string, mark: string) => `${digits}${mark === '.' ? '\\.' : mark}`,
      )
  );
}
