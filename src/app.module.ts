import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { AuthorizationModule } from './authorization/authorization.module';
import { CommitteesModule } from './committees/committees.module';
import { AppConfigModule } from './config/config.module';
import { CountriesModule } from './countries/countries.module';
import { DatabaseModule } from './database/database.module';
import { ScreeningModule } from './screening/screening.module';
import { ReportsModule } from './reports/reports.module';
import { HealthController } from './health/health.controller';
import { UsersModule } from './users/users.module';
import { CalendarModule } from './calendar/calendar.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PagesModule } from './pages/pages.module';

/** The settings are loaded once, before the modules are built (see `loadConfig`). */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config),
        DatabaseModule,
        JobsModule,
        AuthorizationModule,
        AuthModule,
        UsersModule,
        CommitteesModule,
        CountriesModule,
        CasesModule,
        AttachmentsModule,
        ScreeningModule,
        ReportsModule,
        CalendarModule,
        MailModule,
        NotificationsModule,
        PagesModule,
      ],
      controllers: [HealthController],
    };
  }
}
