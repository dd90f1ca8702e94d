import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { UserResponse } from '../../users/dto/user.response';

export class LoginDto {
  @ApiProperty({ example: 'io@university.example' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({
    description:
      'Also open a browser session: the answer sets an HttpOnly session cookie (see GET /api/auth/session). The bearer token is returned either way.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  session?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword: string;
}

export class AccessTokenResponse {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Lifetime of the token in seconds' })
  expiresIn: number;
}

export class SessionResponse {
  @ApiProperty({ type: UserResponse })
  user: UserResponse;

  @ApiProperty({
    description: 'Send it in the X-CSRF-Token header with every POST, PUT, PATCH and DELETE made with the cookie',
  })
  csrfToken: string;

  @ApiProperty({ format: 'date-time', description: 'When the session ends unless a request comes first' })
  expiresAt: string;
}
