/**
 * `npm run seed:demo`: demo users for every role (printed with their passwords) and a dozen
 * realistic cases in every status, so a newcomer can explore the pages and the API at once.
 * Refuses to run when NODE_ENV=production.
 */
process.env.TZ = 'UTC';

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { toAuthUser } from '../src/auth/auth.service';
import { AuthUser } from '../src/authorization/auth-user';
import { ProposalService } from '../src/cases/proposal.service';
import { ReviewService } from '../src/cases/review.service';
import { TriageService } from '../src/cases/triage.service';
import { CreateCaseDto } from '../src/cases/dto/case-input.dto';
import { Role } from '../src/users/role';
import { UsersRepository } from '../src/users/users.repository';
import { UsersService } from '../src/users/users.service';

const DOMAIN = 'demo.partnership-review.example';

const DEMO_USERS: { key: string; name: string; roles: Role[]; committees?: { committee: string; chair: boolean }[] }[] =
  [
    { key: 'researcher', name: 'Dr. Anna de Vries', roles: ['researcher'] },
    { key: 'researcher2', name: 'Prof. Pieter Jansen', roles: ['researcher'] },
    { key: 'io', name: 'Sanne Bakker (International Office)', roles: ['international_office'] },
    { key: 'leadership', name: 'Rector Magnificus', roles: ['leadership'] },
    { key: 'council', name: 'Council Secretary', roles: ['council'] },
    { key: 'admin', name: 'Demo Administrator', roles: ['admin'] },
    {
      key: 'ks-chair',
      name: 'Prof. Kees Smit',
      roles: ['reviewer'],
      committees: [{ committee: 'knowledge_security', chair: true }],
    },
    {
      key: 'ks-member',
      name: 'Dr. Eva Mulder',
      roles: ['reviewer'],
      committees: [{ committee: 'knowledge_security', chair: false }],
    },
    {
      key: 'rd-chair',
      name: 'Prof. Lotte Visser',
      roles: ['reviewer'],
      committees: [{ committee: 'risk_destinations', chair: true }],
    },
    {
      key: 'rd-member',
      name: 'Dr. Joris Meijer',
      roles: ['reviewer'],
      committees: [{ committee: 'risk_destinations', chair: false }],
    },
    {
      key: 'due-chair',
      name: 'Prof. Fatima El Amrani',
      roles: ['reviewer'],
      committees: [{ committee: 'dual_use_ethics', chair: true }],
    },
    {
      key: 'due-member',
      name: 'Dr. Tom de Boer',
      roles: ['reviewer'],
      committees: [{ committee: 'dual_use_ethics', chair: false }],
    },
  ];

const base = (
  title: string,
  summary: string,
  partners: CreateCaseDto['partners'],
  extra: Partial<CreateCaseDto> = {},
): CreateCaseDto =>
  Object.assign(new CreateCaseDto(), {
    type: 'partnership',
    title,
    summary,
    department: 'Faculty of Science',
    partners,
    technologyAreas: [],
    dualUse: { annexICategories: [], militaryEndUse: false, misusePotential: false },
    funding: [{ source: 'NWO', type: 'national' }],
    startDate: '2027-01-01',
    endDate: '2028-12-31',
    ...extra,
  });

/** Seeds the demo users and cases through the services; returns the users' credentials, or null if already seeded. */
export async function seedDemo(
  app: INestApplicationContext,
  log: (text: string) => void = () => undefined,
): Promise<string[][] | null> {
  {
    const usersRepo = app.get(UsersRepository);
    const usersService = app.get(UsersService);
    const proposals = app.get(ProposalService);
    const office = app.get(TriageService);
    const committees = app.get(ReviewService);
    if (await usersRepo.findByEmail(`researcher@${DOMAIN}`)) {
      return null;
    }
    const system: AuthUser = {
      id: 'seed',
      email: 'seed',
      name: 'seed',
      roles: ['admin'],
      committees: [],
      language: 'en',
    };
    const u: Record<string, AuthUser> = {};
    const printed: string[][] = [];
    for (const demo of DEMO_USERS) {
      const password = randomBytes(9).toString('base64url');
      const email = `${demo.key}@${DOMAIN}`;
      const created = await usersService.create(system, {
        email,
        name: demo.name,
        password,
        roles: demo.roles,
        committees: demo.committees,
      });
      u[demo.key] = toAuthUser((await usersRepo.findById(created.id))!);
      printed.push([
        email,
        password,
        demo.roles.join(', ') +
          (demo.committees
            ? ` (${demo.committees.map((c) => c.committee + (c.chair ? ', chair' : '')).join('; ')})`
            : ''),
      ]);
    }
    log('Creating demo cases');
    const step = async <T>(work: Promise<T>) => {
      log('.');
      return work;
    };
    const benign = () =>
      base(
        'Joint PhD programme in coastal hydrology',
        'A joint doctoral programme on coastal flood modelling with shared supervision and exchange of PhD candidates.',
        [{ name: 'Technische Universität München', country: 'DE', type: 'university' }],
      );
    const sensitive = () =>
      base(
        'Machine learning for synthetic aperture radar',
        'Joint research on machine learning methods for processing synthetic aperture radar images for sea-ice monitoring.',
        [{ name: 'Harbin Institute of Technology', country: 'CN', type: 'university' }],
        {
          technologyAreas: ['artificial_intelligence', 'advanced_sensing'],
          dualUse: { annexICategories: [6], militaryEndUse: false, misusePotential: false },
        },
      );
    const mobility = () =>
      base(
        'Field work on water network reconstruction',
        'Two weeks of interviews with municipal engineers on the reconstruction of damaged water networks.',
        [{ name: 'Kyiv Polytechnic Institute', country: 'UA', type: 'university' }],
        { type: 'mobility', destinations: [{ country: 'UA', city: 'Kyiv', from: '2027-04-01', to: '2027-04-14' }] },
      );

    const researcher = u['researcher'];
    const submit = async (dto: CreateCaseDto, by = researcher) => {
      const draft = await step(proposals.create(by, dto));
      await step(proposals.submit(by, draft.id));
      return draft.id;
    };
    const review = async (dto: CreateCaseDto, by = researcher) => {
      const id = await submit(dto, by);
      await step(office.triage(u['io'], id, {}));
      return id;
    };
    const decide = async (
      id: string,
      committee: string,
      chair: string,
      member: string,
      decision: Parameters<ReviewService['decide']>[3],
    ) => {
      await step(committees.assignReviewers(u[chair], id, committee, { reviewerIds: [u[member].id] }));
      await step(
        committees.giveOpinion(u[member], id, committee, {
          recommendation: decision.decision,
          comment: 'Reviewed the proposal and the partner profile.',
        }),
      );
      await step(committees.decide(u[chair], id, committee, decision));
    };

    await step(proposals.create(researcher, benign())); // draft
    await submit(mobility()); // triage
    await review(sensitive()); // in review
    const asked = await submit(mobility(), u['researcher2']);
    await step(
      office.requestInformation(u['io'], asked, { questions: 'Who is your local contact, and where will you stay?' }),
    ); // information requested
    const cleared = await submit(benign(), u['researcher2']);
    await step(office.triage(u['io'], cleared, {})); // approved, no review required
    const approved = await review(mobility());
    await decide(approved, 'risk_destinations', 'rd-chair', 'rd-member', {
      decision: 'approve',
      rationale: 'Western Ukraine, with the university security protocol.',
    });
    const conditional = await review(sensitive(), u['researcher2']);
    await decide(conditional, 'knowledge_security', 'ks-chair', 'ks-member', {
      decision: 'approve_with_conditions',
      rationale: 'Acceptable with safeguards.',
      conditions: ['No access to the radar test facility', 'Annual report to the committee'],
    });
    await decide(conditional, 'dual_use_ethics', 'due-chair', 'due-member', {
      decision: 'approve',
      rationale: 'Civil application only.',
    });
    const rejected = await review(
      base(
        'Hypersonic flow control',
        'Wind tunnel experiments on flow control at hypersonic speeds with a defence research partner.',
        [{ name: 'Defence Research Institute', country: 'RU', type: 'defence_industry' }],
        {
          technologyAreas: ['space_propulsion'],
          dualUse: { annexICategories: [9], militaryEndUse: true, misusePotential: true },
        },
      ),
    );
    await decide(rejected, 'dual_use_ethics', 'due-chair', 'due-member', {
      decision: 'reject',
      rationale: 'Military end use under an arms embargo.',
    });
    const escalated = await review(sensitive());
    await decide(escalated, 'knowledge_security', 'ks-chair', 'ks-member', {
      decision: 'escalate',
      rationale: 'A strategic question for the Executive Board.',
    });
    await decide(escalated, 'dual_use_ethics', 'due-chair', 'due-member', {
      decision: 'approve',
      rationale: 'No dual-use concern beyond category 6.',
    });
    const withdrawn = await review(mobility(), u['researcher2']);
    await step(proposals.withdraw(u['researcher2'], withdrawn, { reason: 'The trip was cancelled.' }));
    const leadership = await review(sensitive(), u['researcher2']);
    await decide(leadership, 'knowledge_security', 'ks-chair', 'ks-member', {
      decision: 'escalate',
      rationale: 'Board decision needed.',
    });
    await decide(leadership, 'dual_use_ethics', 'due-chair', 'due-member', {
      decision: 'approve',
      rationale: 'Civil use.',
    });
    await step(
      committees.leadershipDecide(u['leadership'], leadership, {
        decision: 'approve_with_conditions',
        rationale: 'Strategically important.',
        conditions: ['Board review after one year'],
      }),
    );
    const referred = await review(mobility());
    await step(
      committees.refer(u['rd-chair'], referred, 'risk_destinations', {
        committee: 'dual_use_ethics',
        reason: 'Drones are part of the field work.',
      }),
    );
    log(' done: 12 cases.\n');
    return printed;
  }
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.error('seed:demo refuses to run with NODE_ENV=production: it creates users with printed passwords.');
    process.exit(1);
  }
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger: ['error', 'warn'],
  });
  try {
    const printed = await seedDemo(app, (text) => process.stdout.write(text));
    if (!printed) {
      console.log(`The demo data is already there (researcher@${DOMAIN} exists); nothing done.`);
      return;
    }
    console.log(`\nDemo users (sign in at ${config.publicUrl}/ with \`npm start\`, or with POST /api/auth/login):`);
    for (const [email, password, roles] of printed)
      console.log(`  ${email.padEnd(46)} ${password.padEnd(14)} ${roles}`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
