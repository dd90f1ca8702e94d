import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { databaseOptions } from './database-options';
import { TransactionRunner } from './transaction-runner';
import { NestTypeOrmLogger } from './typeorm-logger';

/** The one DataSource; pending migrations run before the app accepts requests. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.databaseUrl),
        migrationsRun: true,
        logger: new NestTypeOrmLogger(),
        maxQueryExecutionTime: 1000,
      }),
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
