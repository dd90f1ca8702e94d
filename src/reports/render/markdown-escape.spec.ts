import { escapeMarkdown } from './markdown-escape';

describe('escapeMarkdown', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['a | b', 'a \\| b'],
    ['*bold* and _it_', '\\*bold\\* and \\_it\\_'],
    ['{{title}}', '\\{\\{title\\}\\}'],
    ['[link](http://x)', '\\[link\\]\\(http://x\\)'],
    ['`code` ~strike~ #tag !img', '\\`code\\` \\~strike\\~ \\#tag \\!img'],
    ['back\\slash', 'back\\\\slash'],
    ['line\nbreak\r\nand\ttab', 'line break and tab'],
    ['&lt; stays literal', '&amp;lt; stays literal'],
    ['R&D and AT&T', 'R&D and AT&T'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('escapes what would start a block, and leaves figures and references readable', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('---')).toBe('\\---');
    expect(escapeMarkdown('===')).toBe('\\===');
    expect(escapeMarkdown('2025. A year')).toBe('2025\\. A year');
    expect(escapeMarkdown('1) first')).toBe('1\\) first');
    expect(escapeMarkdown('+9')).toBe('+9');
    expect(escapeMarkdown('36.8')).toBe('36.8');
    expect(escapeMarkdown('IRR-2025-00042')).toBe('IRR-2025-00042');
    expect(escapeMarkdown('−2')).toBe('−2');
  });

  it('writes nothing for null', () => {
    expect(escapeMarkdown(null)).toBe('');
  });
});
