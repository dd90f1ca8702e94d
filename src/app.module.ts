import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
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

/** The settings are loaded once, before the modules are built (see `loadConfig`). */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config),
        DatabaseModule,
        AuthorizationModule,
        AuthModule,
        UsersModule,
        CommitteesModule,
        CountriesModule,
        CasesModule,
        ScreeningModule,
        ReportsModule,
      ],
      controllers: [HealthController],
    };
  }
}
