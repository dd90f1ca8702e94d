import { Foundation1764000000000 } from './1764000000000-foundation';
import { Cases1764100000000 } from './1764100000000-cases';
import { Reports1764200000000 } from './1764200000000-reports';
import { Screening1764300000000 } from './1764300000000-screening';
import { Sessions1764400000000 } from './1764400000000-sessions';
import { Notifications1764500000000 } from './1764500000000-notifications';
import { Attachments1764600000000 } from './1764600000000-attachments';
import { CaseReadIndexes1764700000000 } from './1764700000000-case-read-indexes';
import { ScreeningHitDecisions1764800000000 } from './1764800000000-screening-hit-decisions';
import { ScreeningSources1764810000000 } from './1764810000000-screening-sources';

/** Every migration, in order. Listed explicitly so the app, the CLI and Jest load the same set. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Cases1764100000000,
  Reports1764200000000,
  Screening1764300000000,
  Sessions1764400000000,
  Notifications1764500000000,
  Attachments1764600000000,
  CaseReadIndexes1764700000000,
  ScreeningHitDecisions1764800000000,
  ScreeningSources1764810000000,
];
