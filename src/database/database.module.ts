import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { databaseOptions } from './database-options';

/** The one DataSource; pending migrations run before the app accepts requests. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...databaseOptions(config.databaseUrl), migrationsRun: true, logging: ['error', 'migration'] }),
    }),
  ],
})
export class DatabaseModule {}
