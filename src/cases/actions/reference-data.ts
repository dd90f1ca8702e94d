import { Injectable } from '@nestjs/common';
import { Committee } from '../../committees/committee.entity';
import { CommitteesRepository } from '../../committees/committees.repository';
import { CountriesRepository } from '../../countries/countries.repository';
import { Country } from '../../countries/country.entity';

/** The committees and countries a case action reads. */
export interface ReferenceData {
  committees: ReadonlyMap<string, Committee>;
  countries: ReadonlyMap<string, Country>;
}

/**
 * Reads the reference data before an action's transaction opens: a transaction holds one pooled
 * connection, and asking the pool for another inside it could exhaust the pool under load.
 */
@Injectable()
export class ReferenceDataLoader {
  constructor(
    private readonly committees: CommitteesRepository,
    private readonly countries: CountriesRepository,
  ) {}

  async load(): Promise<ReferenceData> {
    const [committees, countries] = await Promise.all([this.committees.all(), this.countries.all()]);
    return {
      committees: new Map(committees.map((c) => [c.key, c])),
      countries: new Map(countries.map((c) => [c.code, c])),
    };
  }
}
