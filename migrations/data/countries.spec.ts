import data from './countries.json';

const REGIONS = ['africa', 'asia', 'europe', 'latin_america', 'middle_east', 'north_america', 'oceania'];
const SECURITY_RISKS = ['low', 'medium', 'high', 'very_high'];
const RISK_ATTRIBUTES = ['travelAdvice', 'securityRisk', 'sanctioned', 'armsEmbargo'];

describe('countries seed data (migrations/data/countries.json)', () => {
  const countries = data.countries;

  it('documents itself: about text, asOf date', () => {
    expect(typeof data.about).toBe('string');
    expect(data.about).toContain('PUT /api/countries/:code');
    expect(data.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has exactly the 249 ISO 3166-1 alpha-2 entries', () => {
    expect(countries).toHaveLength(249);
  });

  it('has unique, two upper-case letter codes sorted by code', () => {
    const codes = countries.map((c) => c.code);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
    expect(codes).not.toContain('XK');
  });

  it('gives every entry a non-empty name and a valid region', () => {
    for (const c of countries) {
      expect(typeof c.name).toBe('string');
      expect(c.name.trim().length).toBeGreaterThan(0);
      expect(REGIONS).toContain(c.region);
    }
  });

  it('has travelAdvice as an integer 1..4', () => {
    for (const c of countries) {
      expect(Number.isInteger(c.travelAdvice)).toBe(true);
      expect(c.travelAdvice).toBeGreaterThanOrEqual(1);
      expect(c.travelAdvice).toBeLessThanOrEqual(4);
    }
  });

  it('has securityRisk in the four allowed values', () => {
    for (const c of countries) expect(SECURITY_RISKS).toContain(c.securityRisk);
  });

  it('has booleans for sanctioned and armsEmbargo', () => {
    for (const c of countries) {
      expect(typeof c.sanctioned).toBe('boolean');
      expect(typeof c.armsEmbargo).toBe('boolean');
    }
  });

  it('has the expected defaults for NL', () => {
    const nl = countries.find((c) => c.code === 'NL');
    expect(nl).toMatchObject({
      region: 'europe',
      travelAdvice: 1,
      securityRisk: 'low',
      sanctioned: false,
      armsEmbargo: false,
    });
  });

  it('lists at least one source for each risk attribute', () => {
    for (const attribute of RISK_ATTRIBUTES) {
      expect(data.sources.map((s) => s.usedFor)).toContain(attribute);
      const sources = data.sources.filter((s) => s.usedFor === attribute);
      for (const s of sources) {
        expect(s.id).toBeTruthy();
        expect(s.name).toBeTruthy();
        expect(s.url).toMatch(/^https:\/\//);
      }
    }
  });
});
