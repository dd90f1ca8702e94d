import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const REGIONS = ['africa', 'asia', 'europe', 'latin_america', 'middle_east', 'north_america', 'oceania'] as const;
export type Region = (typeof REGIONS)[number];
export const SECURITY_RISKS = ['low', 'medium', 'high', 'very_high'] as const;
export type SecurityRisk = (typeof SECURITY_RISKS)[number];

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
