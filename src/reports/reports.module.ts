import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module';
import { CountriesModule } from '../countries/countries.module';
import { UsersModule } from '../users/users.module';
import { ReportFiguresRepository } from './data/report-figures.repository';
import { REPORT_TEMPLATES, ReportRenderer } from './render/report-renderer';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { COUNTRY_NAMES, intlCountryNames, ReportsService } from './reports.service';
import { findTemplatesDir, TemplateRenderer } from './render/template-renderer';

@Module({
  imports: [CommitteesModule, CountriesModule, UsersModule],
  controllers: [ReportsController],
  providers: [
    ReportsService,
    ReportsRepository,
    ReportFiguresRepository,
    ReportRenderer,
    { provide: REPORT_TEMPLATES, useFactory: () => new TemplateRenderer(findTemplatesDir(), 'reports') },
    { provide: COUNTRY_NAMES, useFactory: intlCountryNames },
  ],
  exports: [ReportsService],
})
export class ReportsModule {}
