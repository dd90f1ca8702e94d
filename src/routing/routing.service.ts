import { Injectable } from '@nestjs/common';
import { defaultRuleSet, RoutingEngine } from './routing-engine';
import { ProposedRoute, RoutingCountry, RoutingInput } from './routing.types';

/** The rule of the shipped rule set that fires on screening hits (its reasons name lists and entities). */
export const SCREENING_RULE_ID =
  defaultRuleSet.rules.find((r) => r.kind === 'screening-hit')?.id ?? 'screening-list-match';

/** Proposes a route with the shipped, versioned rule set (validated when the app starts). */
@Injectable()
export class RoutingService {
  private readonly engine = new RoutingEngine(defaultRuleSet);

  propose(countries: ReadonlyMap<string, RoutingCountry>, input: RoutingInput): ProposedRoute {
    return this.engine.propose(input, countries);
  }
}
