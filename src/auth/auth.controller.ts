import { Body, Controller, Get, HttpCode, Ip, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, Public } from '../authorization/policy.decorators';
import { AuthUser } from '../authorization/auth-user';
import { CurrentSession, CurrentUser } from '../authorization/current-user.decorator';
import { ApiErrors } from '../common/openapi';
import { UnchangedAnswers } from '../common/unchanged-answers.interceptor';
import { UserResponse } from '../users/dto/user.response';
import { UsersService } from '../users/users.service';
import { AuthErrorCode } from './auth.errors';
import { AuthService } from './auth.service';
import { AccessTokenResponse, ChangePasswordDto, LoginDto, SessionResponse } from './dto/login.dto';
import { ActiveSession, SessionsService } from './sessions/sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      'Log in with e-mail and password; returns a bearer access token, and with `session: true` also sets a session cookie',
  })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (the same message for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this e-mail or from this address' })
  @ApiErrors(AuthErrorCode.LoginFailed, AuthErrorCode.LoginRateLimited, AuthErrorCode.PasswordLoginDisabled)
  login(
    @Body() body: LoginDto,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    return this.auth.login(body.email, body.password, ip, body.session ? reply : undefined);
  }

  @Get('me')
  @Allow('read', 'User')
  @UseInterceptors(UnchangedAnswers)
  @ApiOperation({ summary: 'The current user' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() actor: AuthUser): Promise<UserResponse> {
    return this.users.getOwn(actor);
  }

  @Get('session')
  @Allow('read', 'User')
  @ApiOperation({ summary: 'The browser session of the cookie: its user, its CSRF token and when it ends' })
  @ApiOkResponse({ type: SessionResponse })
  session(@CurrentSession() session: ActiveSession | null): SessionResponse {
    return this.sessions.describe(session);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({
    summary: "End the cookie's session and clear the cookie (needs X-CSRF-Token while the session lives)",
  })
  @ApiNoContentResponse({ description: 'Ended (also when there was no live session)' })
  @ApiForbiddenResponse({ description: 'A live session, but the request lacks its CSRF token' })
  @ApiErrors(AuthErrorCode.CsrfTokenInvalid)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.logout(request, reply);
  }

  @Post('password')
  @HttpCode(204)
  @Allow('read', 'User')
  @ApiOperation({
    summary:
      'Change your own password; every token and session issued before ends (wrong tries count as failed logins)',
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
