import { Attachment } from '../attachments/attachment.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { ScreeningHitDecisionRecord } from '../cases/screening-hit-decision.entity';
import {
  Case,
  CaseCondition,
  CaseConflict,
  CaseCountry,
  CaseReferenceCounter,
  CaseStage,
  Opinion,
  StageReviewer,
} from '../cases/case.entity';
import { ScreeningEntry, ScreeningList, ScreeningListVersion } from '../screening/screening-list.entity';
import { ScreeningSource } from '../screening/screening-source.entity';
import { LoginFailure } from '../auth/login-failure.entity';
import { Session } from '../auth/sessions/session.entity';
import { UserIdentity } from '../auth/sign-in/user-identity.entity';
import { Committee } from '../committees/committee.entity';
import { CountryChange } from '../countries/country-change.entity';
import { Country } from '../countries/country.entity';
import { Report } from '../reports/report.entity';
import { CommitteeMembership, User, UserRole } from '../users/user.entity';
import { ClosureDay } from '../calendar/closure-day.entity';
import { Job } from '../jobs/job.entity';
import { MailDelivery } from '../mail/mail-delivery.entity';
import { Notification } from '../notifications/notification.entity';
import { StageReminder } from '../notifications/stage-reminder.entity';

export const ENTITIES = [
  User,
  UserRole,
  CommitteeMembership,
  Committee,
  Country,
  CountryChange,
  LoginFailure,
  Session,
  UserIdentity,
  Case,
  CaseStage,
  StageReviewer,
  Opinion,
  CaseConflict,
  CaseCondition,
  CaseReferenceCounter,
  CaseCountry,
  CaseEvent,
  ScreeningHitDecisionRecord,
  ScreeningList,
  ScreeningListVersion,
  ScreeningEntry,
  ScreeningSource,
  Report,
  Attachment,
  Notification,
  MailDelivery,
  StageReminder,
  Job,
  ClosureDay,
];
