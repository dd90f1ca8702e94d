import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Region, SecurityRisk } from './country.types';

export { REGIONS, SECURITY_RISKS } from './country.types';
export type { Region, SecurityRisk } from './country.types';

/** ISO 3166-1 country with the risk attributes the routing rules read. */
@Entity('countries')
export class Country {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  region: Region;

  /** 1 normal, 2 increased vigilance, 3 non-essential travel discouraged, 4 all travel discouraged. */
  @Column({ type: 'integer' })
  travelAdvice: number;

  @Column({ type: 'varchar', length: 10 })
  securityRisk: SecurityRisk;

  /** Under EU restrictive measures. */
  @Column({ type: 'boolean' })
  sanctioned: boolean;

  @Column({ type: 'boolean' })
  armsEmbargo: boolean;

  @UpdateDateColumn()
  updatedAt: Date;
}

export const COUNTRY_RISK_FIELDS = ['travelAdvice', 'securityRisk', 'sanctioned', 'armsEmbargo'] as const;
export type CountryRisk = Pick<Country, (typeof COUNTRY_RISK_FIELDS)[number]>;
