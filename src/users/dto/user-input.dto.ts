import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '../../common/validation';
import { LANGUAGES, Language } from '../language';
import { ROLES, Role } from '../role';

export class CommitteeMembershipInput {
  @ApiProperty({ example: 'knowledge_security' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'committee must be a committee key' })
  committee: string;

  @ApiProperty()
  @IsBoolean()
  chair: boolean;
}

/** A user's own settings: set by the admin with the account, or by the user (PATCH /api/auth/me). */
export class UserSettingsDto {
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'Notifications and mails in this language (default en)' })
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ description: 'Also send notifications by e-mail (default true)' })
  @Omittable()
  @IsBoolean()
  emailNotifications?: boolean;
}

export class CreateUserDto extends UserSettingsDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: [CommitteeMembershipInput], description: 'Only with role reviewer' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CommitteeMembershipInput)
  committees?: CommitteeMembershipInput[];
}

export class UpdateUserDto extends UserSettingsDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: [CommitteeMembershipInput] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CommitteeMembershipInput)
  committees?: CommitteeMembershipInput[];

  @ApiPropertyOptional({
    description: 'false deactivates the account: its login and all its tokens stop working at once',
  })
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 12, description: 'Sets a new password; every token issued before stops working' })
  @Omittable()
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password?: string;
}
