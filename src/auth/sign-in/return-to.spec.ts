import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  const publicUrl = 'https://review.uni.example';

  it.each([
    ['/cases', '/cases'],
    ['/cases/42?tab=history#opinions', '/cases/42?tab=history#opinions'],
    ['/', '/'],
    ['/cases/../review', '/review'],
  ])('keeps the same-origin path %s', (given, expected) => {
    expect(safeReturnTo(given, publicUrl)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['cases'],
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['javascript:alert(1)'],
    ['https://review.uni.example/cases'],
    [['/cases']],
  ])('falls back to / for %j', (given) => {
    expect(safeReturnTo(given, publicUrl)).toBe('/');
  });
});
