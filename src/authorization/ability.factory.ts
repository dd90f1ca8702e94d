import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { AppAbility } from './ability';
import { AuthUser } from './auth-user';
import { authenticatedRules, RULES_BY_ROLE } from './rules';

/** The one place that turns a user's roles into what they may do. */
@Injectable()
export class AbilityFactory {
  createFor(user: AuthUser): AppAbility {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    authenticatedRules(user, builder);
    for (const role of user.roles) RULES_BY_ROLE[role](user, builder);
    return builder.build();
  }
}
