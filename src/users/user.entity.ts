import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { UuidEntity } from '../common/columns';
import { Committee } from '../committees/committee.entity';
import { Language } from './language';
import { Role } from './role';

@Entity('users')
export class User extends UuidEntity {
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department: string | null;

  /** Empty for someone who signs in only through an identity provider: no password matches it. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'boolean' })
  active: boolean;

  /** Raised on deactivation and password change; a token carrying an older version is refused. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  /** Notifications and mails reach the user in this language. */
  @Column({ type: 'varchar', length: 2, default: 'en' })
  language: Language;

  /** Notifications are also mailed (when SMTP_URL is set). */
  @Column({ type: 'boolean', default: true })
  emailNotifications: boolean;

  @OneToMany(() => UserRole, (role) => role.user, { eager: true, cascade: ['insert'] })
  roles: Relation<UserRole>[];

  @OneToMany(() => CommitteeMembership, (membership) => membership.user, { eager: true, cascade: ['insert'] })
  committees: Relation<CommitteeMembership>[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;

  roleNames(): Role[] {
    return this.roles.map((r) => r.role);
  }
}

@Entity('user_roles')
export class UserRole {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  role: Role;

  @ManyToOne(() => User, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: Relation<User>;
}

@Entity('committee_memberships')
export class CommitteeMembership {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  committeeKey: string;

  @Column({ type: 'boolean' })
  chair: boolean;

  @ManyToOne(() => User, (user) => user.committees, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: Relation<User>;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committeeKey' })
  committee: Relation<Committee>;
}
