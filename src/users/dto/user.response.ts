import { ApiProperty } from '@nestjs/swagger';
import { PageCounts } from '../../common/pagination';
import { LANGUAGES, Language } from '../language';
import { ROLES, Role } from '../role';
import { User } from '../user.entity';

export class CommitteeMembershipResponse {
  @ApiProperty({ example: 'knowledge_security' })
  committee: string;

  @ApiProperty()
  chair: boolean;
}

/** A user as the API shows it: never the password or its hash. */
export class UserResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  department: string | null;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({ type: [CommitteeMembershipResponse] })
  committees: CommitteeMembershipResponse[];

  @ApiProperty()
  active: boolean;

  @ApiProperty({ enum: LANGUAGES, description: 'The language of notifications and mails' })
  language: Language;

  @ApiProperty({ description: 'Notifications are also sent by e-mail' })
  emailNotifications: boolean;
}

export class UserPageResponse extends PageCounts {
  @ApiProperty({ type: [UserResponse] })
  items: UserResponse[];
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    department: user.department,
    roles: [...user.roleNames()].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
    committees: user.committees
      .map((m) => ({ committee: m.committeeKey, chair: m.chair }))
      .sort((a, b) => a.committee.localeCompare(b.committee)),
    active: user.active,
    language: user.language,
    emailNotifications: user.emailNotifications,
  };
}
