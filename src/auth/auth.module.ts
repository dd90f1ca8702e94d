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

@Module({
  imports: [
    UsersModule,
    TypeOrmModule.forFeature([LoginFailure]),
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: accessTokenOptions }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginLimiter],
  exports: [AuthService],
})
export class AuthModule {}
