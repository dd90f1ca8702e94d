import { helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  it("gives Helmet's headers for its options, the policy included", () => {
    const headers = helmetHeaders({
      contentSecurityPolicy: { directives: { scriptSrc: ["'self'", 'https://x.example'] } },
    });
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers['content-security-policy']).toContain("script-src 'self' https://x.example");
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('leaves out what Helmet is told to leave out', () => {
    const headers = helmetHeaders({ contentSecurityPolicy: false, xFrameOptions: false });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['x-frame-options']).toBeUndefined();
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
