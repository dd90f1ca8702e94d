import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../../common/columns';
import { User } from '../../users/user.entity';

/**
 * A person's account at an identity provider, linked to their user: `provider` names the provider
 * (an OpenID Connect issuer URL; a SAML entity id later), `subject` is the provider's stable id for
 * the person. A user has at most one identity per provider.
 */
@Entity('user_identities')
@Index('UQ_user_identities_provider_subject', ['provider', 'subject'], { unique: true })
@Index('UQ_user_identities_user_provider', ['userId', 'provider'], { unique: true })
export class UserIdentity extends UuidEntity {
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: Relation<User>;

  @Column({ type: 'varchar', length: 500 })
  provider: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  /** The e-mail address the provider gave at the last sign-in (for admins; linking uses the subject). */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  lastSignInAt: Date;
}
