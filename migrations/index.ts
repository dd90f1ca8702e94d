import { Foundation1764000000000 } from './1764000000000-foundation';
import { Cases1764100000000 } from './1764100000000-cases';
import { Reports1764200000000 } from './1764200000000-reports';
import { Screening1764300000000 } from './1764300000000-screening';
import { Sessions1764400000000 } from './1764400000000-sessions';
import { ScreeningHitDecisions1764800000000 } from './1764800000000-screening-hit-decisions';
import { ScreeningSources1764810000000 } from './1764810000000-screening-sources';

/** Every migration, in order. Listed explicitly so the app, the CLI and Jest load the same set. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Cases1764100000000,
  Reports1764200000000,
  Screening1764300000000,
  Sessions1764400000000,
  ScreeningHitDecisions1764800000000,
  ScreeningSources1764810000000,
];
