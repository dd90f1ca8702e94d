import { Body, Controller, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { UserSettingsDto } from './dto/user-input.dto';
import { UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

/** The signed-in user's own settings, beside GET /api/auth/me (which the auth module serves). */
@ApiTags('auth')
@Controller('auth')
export class OwnSettingsController {
  constructor(private readonly users: UsersService) {}

  @Patch('me')
  @Allow('read', 'User')
  @ApiOperation({ summary: 'Set your own language and whether notifications are mailed to you' })
  @ApiOkResponse({ type: UserResponse })
  updateMe(@CurrentUser() actor: AuthUser, @Body() body: UserSettingsDto): Promise<UserResponse> {
    return this.users.updateOwnSettings(actor, body);
  }
}
