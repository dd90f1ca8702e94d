import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../../common/columns';
import { User } from '../../users/user.entity';

/** How a session was opened. */
export type SignInMethod = 'password' | 'oidc' | 'saml';

/**
 * A browser session. Kept in the database so that it can be revoked and several instances share
 * it; only a hash of the secret in the cookie is stored, so a copy of the table opens no session.
 */
@Entity('sessions')
@Index('IDX_sessions_user', ['userId'])
export class Session extends UuidEntity {
  /** SHA-256 (hex) of the secret in the cookie. */
  @Index('UQ_sessions_secret_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: Relation<User>;

  /** The user's token version at sign-in: deactivation and a password change raise it, which ends the session. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  @Column({ type: 'varchar', length: 16 })
  method: SignInMethod;

  @TimestampColumn()
  createdAt: Date;

  /** The last request seen, to the minute: the idle timeout counts from here. */
  @TimestampColumn()
  lastSeenAt: Date;

  /** The absolute end, however active the session is. */
  @TimestampColumn()
  expiresAt: Date;
}
