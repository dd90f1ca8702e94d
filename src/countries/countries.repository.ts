import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { CountryChange } from './country-change.entity';
import { Country } from './country.entity';

@Injectable()
export class CountriesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  all(): Promise<Country[]> {
    return this.dataSource.getRepository(Country).find({ order: { code: 'ASC' } });
  }

  findByCode(code: string): Promise<Country | null> {
    return this.dataSource.getRepository(Country).findOne({ where: { code } });
  }

  history(code: string): Promise<CountryChange[]> {
    return this.dataSource.getRepository(CountryChange).find({
      where: { countryCode: code },
      relations: { changedBy: true },
      order: { changedAt: 'DESC' },
    });
  }

  /** Runs `work` in one transaction with the country row re-read inside it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }
}
