import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CalendarModule } from '../calendar/calendar.module';
import { MailModule } from '../mail/mail.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { CommitteesModule } from '../committees/committees.module';
import { CountriesModule } from '../countries/countries.module';
import { ReportsModule } from '../reports/reports.module';
import { ScreeningModule } from '../screening/screening.module';
import { ScreeningSearchModule } from '../screening/screening-search.module';
import { UsersModule } from '../users/users.module';
import { AccountPagesController } from './account-pages.controller';
import { AuthPagesController } from './auth-pages.controller';
import { ClosurePagesController } from './closure-pages.controller';
import { MailPagesController } from './mail-pages.controller';
import { CaseLists } from './case-lists';
import { CasePagesController } from './case-pages.controller';
import { HomePagesController } from './home-pages.controller';
import { PageContexts } from './page-context';
import { PageData } from './page-data';
import { PageExceptionFilter } from './page-exception.filter';
import { PageRenderer } from './page-renderer';
import { QueuePagesController } from './queue-pages.controller';
import { ReferencePagesController } from './reference-pages.controller';
import { ReportPagesController } from './report-pages.controller';
import { UserPagesController } from './user-pages.controller';
import { UnreadNotificationsInterceptor } from './unread-notifications.interceptor';

/** The pages' controllers: served outside the API's `/api` prefix (see `pageRouteExclusions`). */
export const PAGE_CONTROLLERS = [
  AuthPagesController,
  HomePagesController,
  CasePagesController,
  QueuePagesController,
  ReferencePagesController,
  ReportPagesController,
  UserPagesController,
  AccountPagesController,
  ClosurePagesController,
  MailPagesController,
];

/** Server-rendered pages for people, over the same services and rules as the API. */
@Module({
  imports: [
    AuthModule,
    UsersModule,
    CommitteesModule,
    CountriesModule,
    CasesModule,
    ScreeningModule,
    ScreeningSearchModule,
    ReportsModule,
    NotificationsModule,
    AttachmentsModule,
    CalendarModule,
    MailModule,
  ],
  controllers: PAGE_CONTROLLERS,
  providers: [PageContexts, PageRenderer, PageData, CaseLists, PageExceptionFilter, UnreadNotificationsInterceptor],
})
export class PagesModule {}
