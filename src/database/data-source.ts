import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

/** For the TypeORM CLI (`typeorm -d dist/src/database/data-source.js migration:run`). */
export default new DataSource(databaseOptions(process.env.DATABASE_URL ?? 'sqlite:data/app.sqlite'));
