import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Allow, Public } from '../authorization/policy.decorators';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { ApiErrors } from '../common/openapi';
import { UserResponse } from '../users/dto/user.response';
import { UsersService } from '../users/users.service';
import { AuthErrorCode } from './auth.errors';
import { AuthService } from './auth.service';
import { AccessTokenResponse, ChangePasswordDto, LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Log in with e-mail and password; returns a bearer access token' })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (the same message for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this e-mail or from this address' })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<AccessTokenResponse> {
    return this.auth.login(body.email, body.password, ip);
  }

  @Get('me')
  @Allow('read', 'User')
  @ApiOperation({ summary: 'The current user' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return this.users.get(actor, actor.id);
  }

  @Post('password')
  @HttpCode(204)
  @Allow('read', 'User')
  @ApiOperation({
    summary: 'Change your own password; every token issued before stops working (wrong tries count as failed logins)',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(AuthErrorCode.WrongCurrentPassword, AuthErrorCode.LoginRateLimited)
  async changePassword(
    @CurrentUser() actor: AuthUser,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    await this.auth.changeOwnPassword(actor, body.currentPassword, body.newPassword, ip);
  }
}
