import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, TestApp, TestUser } from './test-app';

/** A sample document from test/fixtures/attachments/ (see scripts/generate-attachment-fixtures.ts). */
export const fixture = (name: string): Buffer => readFileSync(join(__dirname, '..', 'fixtures', 'attachments', name));

/** A benign partnership: no rule fires, the proposed route is empty. */
export function benignPartnership(overrides: Record<string, unknown> = {}) {
  return {
    type: 'partnership',
    title: 'Joint PhD programme in hydrology',
    summary: 'A joint doctoral programme on river delta hydrology with shared supervision.',
    department: 'Civil Engineering',
    partners: [{ name: 'Technische Universität München', country: 'DE', type: 'university' }],
    technologyAreas: [],
    dualUse: { annexICategories: [], militaryEndUse: false, misusePotential: false },
    funding: [{ source: 'NWO', type: 'national' }],
    startDate: '2027-01-01',
    endDate: '2029-12-31',
    ...overrides,
  };
}

/** Routes to knowledge_security (AI with a very-high-risk country) and dual_use_ethics (Annex I, arms embargo). */
export function sensitivePartnership(overrides: Record<string, unknown> = {}) {
  return benignPartnership({
    title: 'Machine learning for radar signal processing',
    summary: 'Joint research on machine learning methods for synthetic aperture radar signal processing.',
    partners: [{ name: 'Harbin Institute of Technology', country: 'CN', type: 'university' }],
    technologyAreas: ['artificial_intelligence', 'advanced_sensing'],
    dualUse: { annexICategories: [6], militaryEndUse: false, misusePotential: false },
    ...overrides,
  });
}

/** A mobility proposal to a country with travel advice 4: routes to risk_destinations. */
export function riskyMobility(overrides: Record<string, unknown> = {}) {
  return benignPartnership({
    type: 'mobility',
    title: 'Field work on post-war reconstruction',
    summary: 'Two weeks of interviews with municipal engineers on the reconstruction of water networks.',
    partners: [{ name: 'Kyiv Polytechnic Institute', country: 'UA', type: 'university' }],
    destinations: [{ country: 'UA', city: 'Kyiv', from: '2027-04-01', to: '2027-04-14' }],
    ...overrides,
  });
}

/** Users for every role, and a reviewer and a chair in each committee. */
export class CaseWorld {
  researcher!: TestUser;
  otherResearcher!: TestUser;
  io!: TestUser;
  leadership!: TestUser;
  council!: TestUser;
  admin!: string;
  ksChair!: TestUser;
  ksMember!: TestUser;
  ksMember2!: TestUser;
  dueChair!: TestUser;
  dueMember!: TestUser;
  rdChair!: TestUser;
  rdMember!: TestUser;

  constructor(readonly t: TestApp) {}

  static async create(t: TestApp): Promise<CaseWorld> {
    const w = new CaseWorld(t);
    const reviewer = (committee: string, chair: boolean) => t.createUser(['reviewer'], [{ committee, chair }]);
    [w.researcher, w.otherResearcher, w.io, w.leadership, w.council] = await Promise.all([
      t.createUser(['researcher']),
      t.createUser(['researcher']),
      t.createUser(['international_office']),
      t.createUser(['leadership']),
      t.createUser(['council']),
    ]);
    [w.ksChair, w.ksMember, w.ksMember2, w.dueChair, w.dueMember, w.rdChair, w.rdMember] = await Promise.all([
      reviewer('knowledge_security', true),
      reviewer('knowledge_security', false),
      reviewer('knowledge_security', false),
      reviewer('dual_use_ethics', true),
      reviewer('dual_use_ethics', false),
      reviewer('risk_destinations', true),
      reviewer('risk_destinations', false),
    ]);
    w.admin = await t.adminToken();
    return w;
  }

  get(user: TestUser | string, path: string) {
    return this.t
      .http()
      .get(`/api${path}`)
      .set(bearer(typeof user === 'string' ? user : user.token));
  }

  post(user: TestUser | string, path: string, body: object = {}) {
    return this.t
      .http()
      .post(`/api${path}`)
      .set(bearer(typeof user === 'string' ? user : user.token))
      .send(body);
  }

  patch(user: TestUser | string, path: string, body: object = {}) {
    return this.t
      .http()
      .patch(`/api${path}`)
      .set(bearer(typeof user === 'string' ? user : user.token))
      .send(body);
  }

  /** Uploads a document (`kind` first, then the file) and returns the raw response. */
  upload(user: TestUser | string, caseId: string, kind: string, content: Buffer, filename: string) {
    return this.t
      .http()
      .post(`/api/cases/${caseId}/attachments`)
      .set(bearer(typeof user === 'string' ? user : user.token))
      .field('kind', kind)
      .attach('file', content, filename);
  }

  /** Uploads a fixture as `user`, failing loudly unless it is stored; returns the document. */
  async attach(user: TestUser, caseId: string, kind: string, name = 'notes.txt', filename = name) {
    return this.expectOk(await this.upload(user, caseId, kind, fixture(name), filename), 201);
  }

  /** Creates a draft as `by` and returns its body, failing loudly otherwise. */
  async draft(body: object, by: TestUser = this.researcher) {
    const res = await this.post(by, '/cases', body);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async expectOk(res: { status: number; body: unknown }, status = 200) {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>;
  }

  /** A case submitted and triaged into review with its proposed route. */
  async inReview(body: object, by: TestUser = this.researcher) {
    const draft = await this.draft(body, by);
    await this.expectOk(await this.post(by, `/cases/${draft.id}/submit`));
    return this.expectOk(await this.post(this.io, `/cases/${draft.id}/triage`, {}));
  }

  /** Assigns `member`, records their opinion and lets `chair` decide the committee's stage. */
  async decideStage(caseId: string, committee: string, chair: TestUser, member: TestUser, decision: object) {
    await this.expectOk(
      await this.post(chair, `/cases/${caseId}/stages/${committee}/reviewers`, { reviewerIds: [member.id] }),
    );
    await this.expectOk(
      await this.post(member, `/cases/${caseId}/stages/${committee}/opinions`, {
        recommendation: 'approve',
        comment: 'Fine by me',
      }),
      201,
    );
    return this.expectOk(await this.post(chair, `/cases/${caseId}/stages/${committee}/decision`, decision));
  }
}
