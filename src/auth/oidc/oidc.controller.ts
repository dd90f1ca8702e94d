import { Controller, Get, Query, Redirect, Req, Res } from '@nestjs/common';
import {
  ApiOperation,
  ApiPropertyOptional,
  ApiQuery,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Public } from '../../authorization/policy.decorators';
import { ApiErrors } from '../../common/openapi';
import { AuthErrorCode } from '../auth.errors';
import { SignInService } from '../sign-in/sign-in.service';
import { OidcStrategy } from './oidc.strategy';

export class OidcLoginQuery {
  @ApiPropertyOptional({
    description: 'A path of this service to return to after sign-in; anything else means /',
    example: '/cases',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  returnTo?: string;
}

const UNREACHABLE = 'The identity provider cannot be reached';
const LOCATION = { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } };

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly signIn: SignInService,
    private readonly oidc: OidcStrategy,
  ) {}

  @Get('login')
  @Public()
  @Redirect()
  @ApiOperation({ summary: 'Start single sign-on: redirects the browser to the identity provider' })
  @ApiResponse({
    status: 302,
    description: 'To the identity provider (authorization code flow with PKCE)',
    headers: LOCATION,
  })
  @ApiServiceUnavailableResponse({ description: UNREACHABLE })
  @ApiErrors(AuthErrorCode.SsoDisabled, AuthErrorCode.SsoUnavailable)
  async login(
    @Query() query: OidcLoginQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string; statusCode: number }> {
    return { url: await this.signIn.start(this.oidc, query.returnTo, reply), statusCode: 302 };
  }

  @Get('callback')
  @Public()
  @Redirect()
  @ApiOperation({
    summary: 'Where the identity provider sends the browser back; opens a session and redirects to returnTo',
  })
  @ApiQuery({ name: 'code', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'state', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'iss', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'error', required: false, schema: { type: 'string' } })
  @ApiResponse({ status: 302, description: 'Signed in: to returnTo, with the session cookie', headers: LOCATION })
  @ApiResponse({ status: 401, description: 'The sign-in failed; the code says why, without detail' })
  @ApiServiceUnavailableResponse({ description: UNREACHABLE })
  @ApiErrors(
    AuthErrorCode.SsoDisabled,
    AuthErrorCode.SsoUnavailable,
    AuthErrorCode.SsoStateMismatch,
    AuthErrorCode.SsoFailed,
    AuthErrorCode.SsoEmailNotVerified,
    AuthErrorCode.SsoNoAccount,
    AuthErrorCode.LoginRateLimited,
  )
  async callback(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string; statusCode: number }> {
    const response = new URL(request.url, 'http://callback.invalid').searchParams;
    return { url: await this.signIn.finish(this.oidc, response, request, reply), statusCode: 302 };
  }
}
