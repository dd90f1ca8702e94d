import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { AppAbility } from './ability';
import { AuthUser } from './auth-user';
import { authenticatedRules, RULES_BY_ROLE } from './rules';

/** The one place that turns a user's roles into what they may do. */
@Injectable()
export class AbilityFactory {
  /**
   * Abilities of the users seen lately, by object: the user behind a token is the same object from
   * request to request while nothing is committed (TokenHolders), and an ability never changes.
   */
  private readonly built = new WeakMap<AuthUser, AppAbility>();

  createFor(user: AuthUser): AppAbility {
    let ability = this.built.get(user);
    if (!ability) {
      ability = this.build(user);
      this.built.set(user, ability);
    }
    return ability;
  }

  private build(user: AuthUser): AppAbility {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    authenticatedRules(user, builder);
    for (const role of user.roles) RULES_BY_ROLE[role](user, builder);
    return builder.build();
  }
}
