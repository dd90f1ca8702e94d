import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { accessTokenOptions } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginFailure } from './login-failure.entity';
import { LoginLimiter } from './login-limiter';
import { OidcController } from './oidc/oidc.controller';
import { OidcStrategy } from './oidc/oidc.strategy';
import { RequestAuthenticator } from './request-authenticator';
import { Session } from './sessions/session.entity';
import { SessionsService } from './sessions/sessions.service';
import { IdentityLinker } from './sign-in/identity-linker';
import { PendingSignIns } from './sign-in/pending-sign-ins';
import { SignInService } from './sign-in/sign-in.service';
import { TokenHolders } from './token-holders';
import { UserIdentity } from './sign-in/user-identity.entity';

@Module({
  imports: [
    UsersModule,
    TypeOrmModule.forFeature([LoginFailure, Session, UserIdentity]),
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: accessTokenOptions }),
  ],
  controllers: [AuthController, OidcController],
  providers: [
    AuthService,
    LoginLimiter,
    SessionsService,
    RequestAuthenticator,
    PendingSignIns,
    IdentityLinker,
    SignInService,
    OidcStrategy,
    TokenHolders,
  ],
  exports: [AuthService, SessionsService, RequestAuthenticator, SignInService],
})
export class AuthModule {}
