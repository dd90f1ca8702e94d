import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { UuidEntity } from '../common/columns';
import { User } from '../users/user.entity';
import { Country, CountryRisk } from './country.entity';

/** One edit of a country's risk attributes: who, when, what it was, what it became, and why. */
@Entity('country_changes')
@Index('IDX_country_changes_country', ['countryCode', 'changedAt'])
export class CountryChange extends UuidEntity {
  @Column({ type: 'varchar', length: 2 })
  countryCode: string;

  @ManyToOne(() => Country, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'countryCode' })
  country: Relation<Country>;

  @Column('uuid')
  changedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changedById' })
  changedBy: Relation<User>;

  @CreateDateColumn()
  changedAt: Date;

  @Column({ type: 'simple-json' })
  before: Partial<CountryRisk>;

  @Column({ type: 'simple-json' })
  after: Partial<CountryRisk>;

  @Column({ type: 'text' })
  reason: string;
}
