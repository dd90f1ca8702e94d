import { bearer, TestApp, TestUser } from '../support/test-app';

describe('countries (e2e)', () => {
  let t: TestApp;
  let io: TestUser;
  let researcher: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    io = await t.createUser(['international_office']);
    researcher = await t.createUser(['researcher']);
  });

  afterAll(async () => {
    await t.close();
  });

  const getCountry = async (code: string) =>
    (await t.http().get(`/api/countries/${code}`).set(bearer(researcher.token))).body;

  it('lists every ISO 3166-1 country with region and risk attributes to any signed-in user', async () => {
    const res = await t.http().get('/api/countries').set(bearer(researcher.token));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(249);
    expect(res.body.find((c: { code: string }) => c.code === 'NL')).toEqual({
      code: 'NL',
      name: 'Netherlands',
      region: 'europe',
      travelAdvice: 1,
      securityRisk: 'low',
      sanctioned: false,
      armsEmbargo: false,
    });
    const regions = new Set(res.body.map((c: { region: string }) => c.region));
    expect([...regions].sort()).toEqual([
      'africa',
      'asia',
      'europe',
      'latin_america',
      'middle_east',
      'north_america',
      'oceania',
    ]);
    expect((await t.http().get('/api/countries')).status).toBe(401);
  });

  it('lets the International Office change risk attributes with a reason, kept as history', async () => {
    const before = await getCountry('BR');
    const res = await t
      .http()
      .put('/api/countries/BR')
      .set(bearer(io.token))
      .send({ travelAdvice: 3, sanctioned: before.sanctioned, reason: 'Unrest after the elections' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'BR', travelAdvice: 3, securityRisk: before.securityRisk });
    expect((await getCountry('BR')).travelAdvice).toBe(3);

    const second = await t
      .http()
      .put('/api/countries/br')
      .set(bearer(io.token))
      .send({ securityRisk: 'medium', reason: 'New assessment' });
    expect(second.status).toBe(200);

    const history = await t.http().get('/api/countries/BR/history').set(bearer(io.token));
    expect(history.status).toBe(200);
    expect(history.body).toEqual([
      {
        id: expect.any(String),
        country: 'BR',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        actor: { id: io.id, name: io.name },
        before: { securityRisk: before.securityRisk },
        after: { securityRisk: 'medium' },
        reason: 'New assessment',
      },
      {
        id: expect.any(String),
        country: 'BR',
        at: expect.any(String),
        actor: { id: io.id, name: io.name },
        before: { travelAdvice: before.travelAdvice },
        after: { travelAdvice: 3 },
        reason: 'Unrest after the elections',
      },
    ]);
  });

  it('refuses the change to a researcher (403) and changes nothing', async () => {
    const before = await getCountry('FR');
    const res = await t
      .http()
      .put('/api/countries/FR')
      .set(bearer(researcher.token))
      .send({ travelAdvice: 4, reason: 'Because I can' });
    expect(res.status).toBe(403);
    expect(await getCountry('FR')).toEqual(before);
    expect((await t.http().get('/api/countries/FR/history').set(bearer(researcher.token))).status).toBe(403);
  });

  it.each([
    ['no reason', { travelAdvice: 2 }, 'reason'],
    ['travel advice out of range', { travelAdvice: 5, reason: 'Typo' }, 'travelAdvice'],
    ['an unknown security risk', { securityRisk: 'extreme', reason: 'Typo' }, 'securityRisk'],
    ['an unknown field', { name: 'Holland', reason: 'Rename' }, 'name'],
    ['no attribute at all', { reason: 'Nothing' }, 'travelAdvice'],
    ['a null travel advice', { travelAdvice: null, reason: 'Unknown' }, 'travelAdvice'],
    ['a null sanctions flag', { sanctioned: null, reason: 'Unknown' }, 'sanctioned'],
  ])('rejects %s with a 400 naming the field and changes nothing', async (_label, body, field) => {
    const before = await getCountry('DE');
    const res = await t.http().put('/api/countries/DE').set(bearer(io.token)).send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await getCountry('DE')).toEqual(before);
    expect((await t.http().get('/api/countries/DE/history').set(bearer(io.token))).body).toEqual([]);
  });

  it('answers 404 for an unknown country code', async () => {
    expect(
      (await t.http().put('/api/countries/ZZ').set(bearer(io.token)).send({ travelAdvice: 2, reason: 'Nowhere' }))
        .status,
    ).toBe(404);
    expect((await t.http().get('/api/countries/ZZ').set(bearer(io.token))).status).toBe(404);
  });
});
