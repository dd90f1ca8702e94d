import { EntityManager } from 'typeorm';
import { AbilityFactory } from '../../authorization/ability.factory';
import { AuthUser } from '../../authorization/auth-user';
import { FixedClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { TransitionCheck } from '../../workflow/case.checks';
import { CASE_TRANSITIONS, CaseAction, Transition } from '../../workflow/case-transitions';
import { WorkingDayCalendar } from '../../workflow/working-day-calendar';
import { CaseAuditTrail } from '../case-audit-trail';
import { Case } from '../case.entity';
import { CaseErrorCode } from '../case.errors';
import { CasesRepository } from '../cases.repository';
import { CaseActionObservers } from './case-action-observers';
import { CaseActionRunner } from './case-action-runner';
import { ReferenceDataLoader } from './reference-data';

/** Everyone may do everything: these tests are about the workflow table, not the rules. */
class PermissiveAbilities extends AbilityFactory {
  override createFor(): ReturnType<AbilityFactory['createFor']> {
    return { can: () => true } as unknown as ReturnType<AbilityFactory['createFor']>;
  }
}

const actor: AuthUser = { id: 'actor', email: 'a@x', name: 'A', roles: ['researcher'], committees: [], language: 'en' };

function caseIn(status: Case['status']): Case {
  return Object.assign(new Case(), {
    id: 'case-1',
    status,
    version: 3,
    type: 'partnership',
    applicantId: 'applicant',
    submittedAt: new Date(0),
    partners: [{ name: 'P', country: 'NL', type: 'university' }],
    destinations: [],
    route: [],
    stages: [
      {
        committeeKey: 'knowledge_security',
        status: 'open',
        reviewers: [{ reviewerId: 'actor' }, { reviewerId: 'colleague' }],
        opinions: [{ reviewerId: 'colleague' }],
      },
    ],
    conflicts: [],
    conditions: [{ id: 'cond-1', status: 'open' }],
  });
}

function runnerWith(table: Readonly<Record<CaseAction, Transition>>, kase: Case) {
  const writes: string[] = [];
  const manager = {
    update: (entity: { name: string }) => {
      writes.push(`update ${entity.name}`);
      return Promise.resolve({ affected: 1 });
    },
  } as unknown as EntityManager;
  const cases = Object.assign(Object.create(CasesRepository.prototype) as CasesRepository, {
    findById: () => Promise.resolve(kase),
  });
  const transactions = { run: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as TransactionRunner;
  const audit = {
    append: () => {
      writes.push('audit');
      return Promise.resolve();
    },
  } as unknown as CaseAuditTrail;
  const reference = {
    load: () => Promise.resolve({ committees: new Map(), countries: new Map() }),
  } as unknown as ReferenceDataLoader;
  const runner = new CaseActionRunner(
    cases,
    transactions,
    audit,
    new PermissiveAbilities(),
    reference,
    new FixedClock(new Date('2026-11-28T22:30:00Z')),
    new CaseActionObservers(),
    new WorkingDayCalendar(),
    table,
  );
  return { runner, writes };
}

const REQUEST = {
  committee: 'knowledge_security',
  decision: 'approve',
  referTo: 'dual_use_ethics',
  conditionId: 'cond-1',
} as const;

const alwaysRefuses = Object.assign(() => CaseErrorCode.ReasonRequired, {
  needs: [],
  code: CaseErrorCode.ReasonRequired,
}) as unknown as TransitionCheck;

describe('CaseActionRunner', () => {
  const actions = Object.keys(CASE_TRANSITIONS) as CaseAction[];

  it.each(actions)('runs a check added to the table entry of %s, before anything is changed', async (action) => {
    const table = {
      ...CASE_TRANSITIONS,
      [action]: { ...CASE_TRANSITIONS[action], checks: [...CASE_TRANSITIONS[action].checks, alwaysRefuses] },
    };
    const { runner, writes } = runnerWith(table, caseIn(CASE_TRANSITIONS[action].from[0]));
    const change = jest.fn();

    const refused = runner.run(actor, 'case-1', action, REQUEST, change);

    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: CaseErrorCode.ReasonRequired });
    expect(change).not.toHaveBeenCalled();
    expect(writes.filter((w) => w !== 'update Case')).toEqual([]);
  });

  it.each(actions)('lets %s through when its checks pass, and audits it', async (action) => {
    const passes = { ...CASE_TRANSITIONS[action], checks: [] };
    const { runner, writes } = runnerWith({ ...CASE_TRANSITIONS, [action]: passes }, caseIn(passes.from[0]));
    const change = jest.fn(() => ({ action: 'x', fromStatus: passes.from[0], toStatus: passes.from[0] }));

    await runner.run(actor, 'case-1', action, REQUEST, change);

    expect(change).toHaveBeenCalledTimes(1);
    expect(writes).toEqual(['update Case', 'update Case', 'audit']);
  });

  it('refuses an action the status does not allow with 409 before any check', async () => {
    const { runner } = runnerWith(CASE_TRANSITIONS, caseIn('withdrawn'));
    await expect(runner.run(actor, 'case-1', 'submit', {}, jest.fn())).rejects.toMatchObject({
      code: CaseErrorCode.InvalidState,
    });
  });

  it('refuses a change that leads to a status the table does not allow', async () => {
    const { runner } = runnerWith(CASE_TRANSITIONS, caseIn('draft'));
    const change = () => ({ action: 'submitted', fromStatus: 'draft', toStatus: 'approved' });
    await expect(runner.run(actor, 'case-1', 'update', {}, change)).rejects.toThrow('Workflow bug');
  });

  it('prepares expensive work only after the checks pass, outside the transaction', async () => {
    const table = {
      ...CASE_TRANSITIONS,
      submit: { ...CASE_TRANSITIONS.submit, checks: [alwaysRefuses] },
    };
    const { runner } = runnerWith(table, caseIn('draft'));
    const prepare = jest.fn(() => Promise.resolve([]));
    await expect(runner.run(actor, 'case-1', 'submit', {}, jest.fn(), { prepare })).rejects.toMatchObject({
      code: CaseErrorCode.ReasonRequired,
    });
    expect(prepare).not.toHaveBeenCalled();
  });
});
