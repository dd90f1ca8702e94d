import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../common/columns';

/**
 * A failed login. Kept in the database (not in process memory) so the limits hold across
 * several instances behind a load balancer.
 */
@Entity('login_failures')
@Index('IDX_login_failures_email', ['email', 'at'])
@Index('IDX_login_failures_ip', ['ip', 'at'])
export class LoginFailure {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @TimestampColumn()
  at: Date;
}
