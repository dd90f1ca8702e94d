import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { Page, PageQuery } from '../common/pagination';
import { CreateUserDto, UpdateUserDto } from './dto/user-input.dto';
import { UserPageResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';
import { ApiErrors } from '../common/openapi';
import { UserErrorCode } from './user.errors';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Allow('create', 'User')
  @ApiOperation({ summary: 'Create a user with roles and committee memberships (admin)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBadRequestResponse({ description: 'Invalid input; the message names the fields' })
  @ApiConflictResponse({ description: 'The e-mail address is taken' })
  @ApiErrors(UserErrorCode.EmailTaken)
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, body);
  }

  @Get()
  @Allow('list', 'User')
  @ApiOperation({ summary: 'List users, paginated (admin)' })
  @ApiOkResponse({ type: UserPageResponse })
  list(@CurrentUser() actor: AuthUser, @Query() query: PageQuery): Promise<Page<UserResponse>> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Allow('read', 'User')
  @ApiOperation({ summary: 'Read a user (admin, or the user themself)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ description: 'No such user, or not visible to you' })
  @ApiErrors(UserErrorCode.NotFound)
  get(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @Allow('update', 'User')
  @ApiOperation({ summary: 'Update name, department, roles, committees, active or password (admin)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'The last active admin cannot be deactivated or lose the admin role' })
  @ApiErrors(UserErrorCode.NotFound, UserErrorCode.LastAdmin)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, body);
  }
}
