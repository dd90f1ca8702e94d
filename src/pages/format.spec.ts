import { PageFormat } from './format';

describe('PageFormat', () => {
  const nl = new PageFormat('nl', 'Europe/Brussels');

  it('writes dates the Belgian way, in the service time zone, whatever the process time zone', () => {
    // 23:30 UTC on 28 November is already 29 November in Brussels.
    expect(nl.date('2026-11-28T23:30:00Z')).toBe('29/11/2026');
    expect(nl.dateTime('2026-11-28T23:30:00Z')).toBe('29/11/2026 00:30');
    expect(new PageFormat('en', 'Pacific/Kiritimati').date('2026-11-28T09:30:00Z')).toBe('28/11/2026');
    expect(new PageFormat('en', 'Pacific/Kiritimati').date('2026-11-28T10:30:00Z')).toBe('29/11/2026');
  });

  it('writes calendar dates without shifting them, and scores with the decimal sign of the language', () => {
    expect(nl.calendarDate('2027-01-05')).toBe('05/01/2027');
    expect(nl.score(0.734)).toBe('0,73');
    expect(new PageFormat('en', 'UTC').score(0.734)).toBe('0.73');
  });

  it('writes file sizes in B, KB and MB with the decimal sign of the language', () => {
    const en = new PageFormat('en', 'UTC');
    expect(en.size(0)).toBe('0 B');
    expect(en.size(1023)).toBe('1023 B');
    expect(en.size(1536)).toBe('1.5 KB');
    expect(nl.size(25 * 1024 * 1024)).toBe('25,0 MB');
    expect(nl.size(1024 * 1024 + 104858)).toBe('1,1 MB');
  });
});
