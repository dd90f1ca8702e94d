import { DynamicModule, Module } from '@nestjs/common';
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

/** `register()` reads and validates the environment when called, not when this file is imported. */
@Module({})
export class AppModule {
  static register(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(),
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
