import { Injectable } from '@nestjs/common';
import { AuthUser } from '../authorization/auth-user';
import { invalidInput } from '../common/common.errors';
import { DomainError } from '../common/domain-error';
import { CountryErrorCode } from './country.errors';
import { CountriesRepository } from './countries.repository';
import { CountryChange } from './country-change.entity';
import { Country, COUNTRY_RISK_FIELDS, CountryRisk } from './country.entity';
import { CountryChangeResponse, CountryResponse, UpdateCountryDto } from './dto/country.dto';

@Injectable()
export class CountriesService {
  constructor(private readonly countries: CountriesRepository) {}

  async list(_actor: AuthUser): Promise<CountryResponse[]> {
    return (await this.countries.all()).map(toCountryResponse);
  }

  async get(_actor: AuthUser, code: string): Promise<CountryResponse> {
    const country = await this.countries.findByCode(code.toUpperCase());
    if (!country) throw new DomainError(CountryErrorCode.NotFound);
    return toCountryResponse(country);
  }

  /** Changes risk attributes and keeps who, when, old, new and why as one history row, atomically. */
  async updateRisk(actor: AuthUser, code: string, input: UpdateCountryDto): Promise<CountryResponse> {
    if (!COUNTRY_RISK_FIELDS.some((field) => input[field] !== undefined)) {
      throw invalidInput(`at least one of ${COUNTRY_RISK_FIELDS.join(', ')} must be given`);
    }
    return this.countries.transaction(async (manager) => {
      const country = await manager.findOne(Country, { where: { code: code.toUpperCase() } });
      if (!country) throw new DomainError(CountryErrorCode.NotFound);
      const before: Partial<CountryRisk> = {};
      const after: Partial<CountryRisk> = {};
      for (const field of COUNTRY_RISK_FIELDS) {
        const next = input[field];
        if (next !== undefined && next !== country[field]) {
          Object.assign(before, { [field]: country[field] });
          Object.assign(after, { [field]: next });
        }
      }
      if (Object.keys(after).length === 0) return toCountryResponse(country);
      Object.assign(country, after);
      await manager.save(country);
      await manager.save(
        Object.assign(new CountryChange(), {
          countryCode: country.code,
          changedById: actor.id,
          before,
          after,
          reason: input.reason.trim(),
        }),
      );
      return toCountryResponse(country);
    });
  }

  async history(_actor: AuthUser, code: string): Promise<CountryChangeResponse[]> {
    const country = await this.countries.findByCode(code.toUpperCase());
    if (!country) throw new DomainError(CountryErrorCode.NotFound);
    return (await this.countries.history(country.code)).map((change) => ({
      id: change.id,
      country: change.countryCode,
      at: change.changedAt.toISOString(),
      actor: { id: change.changedBy.id, name: change.changedBy.name },
      before: change.before,
      after: change.after,
      reason: change.reason,
    }));
  }
}

export function toCountryResponse(country: Country): CountryResponse {
  return {
    code: country.code,
    name: country.name,
    region: country.region,
    travelAdvice: country.travelAdvice,
    securityRisk: country.securityRisk,
    sanctioned: country.sanctioned,
    armsEmbargo: country.armsEmbargo,
  };
}
