import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeptAnswers } from '../common/unchanged-answers.interceptor';
import { AppConfig } from '../config/app-config';
import { databaseOptions } from './database-options';
import { ReadConnection } from './read-connection';
import { TransactionRunner } from './transaction-runner';
import { NestTypeOrmLogger } from './typeorm-logger';

/**
 * The one DataSource, the fast reads' connection and the answers kept with its change stamp;
 * pending migrations run before the app accepts requests.
 */
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
  providers: [TransactionRunner, ReadConnection, KeptAnswers],
  exports: [TransactionRunner, ReadConnection, KeptAnswers],
})
export class DatabaseModule {}
