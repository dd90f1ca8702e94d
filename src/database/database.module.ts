import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { databaseOptions } from './database-options';
import { ReadConnection } from './read-connection';
import { TransactionRunner } from './transaction-runner';
import { NestTypeOrmLogger } from './typeorm-logger';

/** The one DataSource (and the fast reads' connection); pending migrations run before the app accepts requests. */
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
  providers: [TransactionRunner, ReadConnection],
  exports: [TransactionRunner, ReadConnection],
})
export class DatabaseModule {}
