import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, clockFor } from '../common/clock';
import { AppConfig } from './app-config';

/** The settings loaded once at start (see `loadConfig`) and the clock they choose, for every module. */
@Global()
@Module({})
export class AppConfigModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clockFor(config) },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
