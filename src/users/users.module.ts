import { Module } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { CommitteesModule } from '../committees/committees.module';
import { AdminBootstrap } from './admin-bootstrap';
import { OwnSettingsController } from './own-settings.controller';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [CommitteesModule],
  controllers: [UsersController, OwnSettingsController],
  providers: [UsersRepository, UsersService, PasswordHasher, AdminBootstrap],
  exports: [UsersRepository, UsersService, PasswordHasher],
})
export class UsersModule {}
