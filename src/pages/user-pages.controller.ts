import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { PageQuery } from '../common/pagination';
import { CreateUserDto, UpdateUserDto } from '../users/dto/user-input.dto';
import { UserResponse } from '../users/dto/user.response';
import { ROLES } from '../users/role';
import { UsersService } from '../users/users.service';
import { pageParam, pagination } from './case-lists';
import { FieldBuilder, FormValues, formValues, list, text } from './forms/fields';
import { fieldErrorsOf, FormErrors, formErrorsOf, validationErrors } from './forms/form-errors';
import { fill } from './i18n';
import { AllowPage } from './navigation';
import { PageContexts, SignedInContext } from './page-context';
import { PageData } from './page-data';
import { PageRenderer } from './page-renderer';
import { PageController } from './page-controller.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type FormBody = Record<string, unknown>;

/**
 * Accounts, for administrators: roles and committee memberships. (Failed mail deliveries join
 * these pages when e-mail is part of the service.)
 */
@PageController('users')
export class UserPagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly data: PageData,
    private readonly users: UsersService,
  ) {}

  @Get()
  @AllowPage('users')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('page') page?: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const t = ctx.t;
    const pageNumber = pageParam(page);
    const result = await this.users.list(ctx.user, Object.assign(new PageQuery(), { page: pageNumber, pageSize: 50 }));
    const committees = new Map((await this.data.committees(ctx.language)).map((c) => [c.key, c.name]));
    this.renderer.send(ctx, 'users', t.users.title, {
      users: result.items.map((u) => ({
        href: `/users/${u.id}`,
        name: u.name,
        email: u.email,
        roles: u.roles.map((r) => t.role[r]).join(', '),
        committees: u.committees
          .map((m) =>
            fill(m.chair ? t.users.chairOf : t.users.memberOf, {
              committee: committees.get(m.committee) ?? m.committee,
            }),
          )
          .join('; '),
        active: u.active ? t.users.active : t.users.inactive,
      })),
      pagination: pagination(ctx, result.total, pageNumber, 50),
    });
  }

  @Get('new')
  @AllowPage('users')
  async newForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.showForm(ctx, null, { active: 'yes' }, null);
  }

  @Post('new')
  @AllowPage('users')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const values = formValues(body);
    const input = { ...accountInput(values), email: text(values, 'email'), password: text(values, 'password') };
    const { active: _active, ...createInput } = input;
    await this.save(
      ctx,
      null,
      values,
      plainToInstance(CreateUserDto, createInput),
      (dto) => this.users.create(ctx.user, dto),
      'userCreated',
    );
  }

  @Get(':userId')
  @AllowPage('users')
  async editForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('userId') id: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const user = await this.users.get(ctx.user, userId(id));
    await this.showForm(ctx, user, valuesOf(user), null);
  }

  @Post(':userId')
  @AllowPage('users')
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('userId') id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const user = await this.users.get(ctx.user, userId(id));
    const values = formValues(body);
    const password = text(values, 'password');
    const input = { ...accountInput(values), ...(password ? { password } : {}) };
    await this.save(
      ctx,
      user,
      values,
      plainToInstance(UpdateUserDto, input),
      (dto) => this.users.update(ctx.user, user.id, dto),
      'userUpdated',
    );
  }

  private async save<D extends object>(
    ctx: SignedInContext,
    user: UserResponse | null,
    values: FormValues,
    dto: D,
    run: (dto: D) => Promise<UserResponse>,
    flash: 'userCreated' | 'userUpdated',
  ): Promise<void> {
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length) {
      await this.showForm(ctx, user, values, validationErrors(ctx.t, fieldErrorsOf(ctx.t, invalid)), 400);
      return;
    }
    try {
      await run(dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      await this.showForm(ctx, user, values, formErrorsOf(ctx.t, error), error.status);
      return;
    }
    this.contexts.flash(ctx.reply, flash);
    void ctx.reply.redirect('/users', 303);
  }

  private async showForm(
    ctx: SignedInContext,
    user: UserResponse | null,
    values: FormValues,
    errors: FormErrors | null,
    status = 200,
  ): Promise<void> {
    const t = ctx.t;
    const f = new FieldBuilder(values, errors?.fields ?? {});
    const committees = await this.data.committees(ctx.language);
    this.renderer.send(
      ctx,
      'user-form',
      user ? fill(t.users.edit, { name: user.name }) : t.users.create,
      {
        action: user ? `/users/${user.id}` : '/users/new',
        errors,
        isNew: user === null,
        email: f.input('email', t.users.email, { type: 'email', required: true }),
        name: f.input('name', t.users.name, { required: true }),
        department: f.input('department', t.users.department),
        password: f.input('password', t.users.password, {
          type: 'password',
          hint: user ? t.users.passwordHint : t.users.newPasswordHint,
          required: !user,
          autocomplete: 'new-password',
        }),
        roles: f.choices(
          'roles',
          t.users.roles,
          ROLES.map((r) => ({ value: r, label: t.role[r] })),
          'checkbox',
          { required: true },
        ),
        committees: f.choices(
          'committees',
          t.users.committees,
          committees.flatMap((c) => [
            { value: `${c.key}:member`, label: fill(t.users.memberOf, { committee: c.name }) },
            { value: `${c.key}:chair`, label: fill(t.users.chairOf, { committee: c.name }) },
          ]),
          'checkbox',
        ),
        active: f.choices('active', t.users.activeField, [{ value: 'yes', label: t.users.activeField }], 'checkbox'),
        later: t.users.later,
      },
      status,
    );
  }
}

/** The form's account fields in the API's shape; a committee ticked as chair is a chair membership. */
function accountInput(values: FormValues) {
  const memberships = new Map<string, boolean>();
  for (const entry of list(values, 'committees')) {
    const [committee, as] = entry.split(':');
    memberships.set(committee, (memberships.get(committee) ?? false) || as === 'chair');
  }
  const department = text(values, 'department');
  return {
    name: text(values, 'name'),
    department: department === '' ? null : department,
    roles: list(values, 'roles'),
    committees: [...memberships].map(([committee, chair]) => ({ committee, chair })),
    active: text(values, 'active') === 'yes',
  };
}

function valuesOf(user: UserResponse): FormValues {
  return {
    email: user.email,
    name: user.name,
    department: user.department ?? '',
    roles: user.roles,
    committees: user.committees.map((m) => `${m.committee}:${m.chair ? 'chair' : 'member'}`),
    active: user.active ? 'yes' : '',
  };
}

function userId(id: string): string {
  if (!UUID.test(id)) throw new DomainError('USER_NOT_FOUND');
  return id;
}
