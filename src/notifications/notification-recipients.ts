import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AbilityFactory } from '../authorization/ability.factory';
import { caseSubject } from '../authorization/rules/case-subject';
import { toAuthUser } from '../auth/auth.service';
import { CommitteeMembership, User, UserRole } from '../users/user.entity';
import { Audience, NotificationEvent } from './notification-events';

/** The facts about a case that say who may see it (see caseSubject). */
export type CaseForRecipients = Parameters<typeof caseSubject>[0];

/**
 * Turns an event's audiences into people: active users only, and of those only the ones the case
 * rules (the same CASL abilities as the API) let read the case, or its confidential part for a
 * confidential event. A recused reviewer, an inactive user or, for a confidential event, the
 * applicant is never told.
 */
@Injectable()
export class NotificationRecipients {
  constructor(private readonly abilities: AbilityFactory) {}

  /** The recipients of each event, in the order of `events`, each person once per event. */
  async resolve(manager: EntityManager, kase: CaseForRecipients, events: readonly NotificationEvent[]) {
    const idsByAudience = await this.members(
      manager,
      events.flatMap((e) => e.audiences),
    );
    const allIds = [...new Set([...idsByAudience.values()].flat())];
    const users = allIds.length ? await manager.find(User, { where: { id: In(allIds), active: true } }) : [];
    const subject = caseSubject(kase);
    const mayRead = new Map(
      users.map((user) => {
        const ability = this.abilities.createFor(toAuthUser(user));
        return [
          user.id,
          { read: ability.can('read', subject), confidential: ability.can('read_confidential', subject) },
        ];
      }),
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    return events.map((event) => {
      const ids = new Set(event.audiences.flatMap((a) => idsByAudience.get(audienceKey(a)) ?? []));
      return [...ids]
        .filter((id) => {
          const may = mayRead.get(id);
          return may !== undefined && (event.confidential ? may.confidential : may.read);
        })
        .map((id) => byId.get(id)!);
    });
  }

  private async members(manager: EntityManager, audiences: Audience[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (const audience of audiences) {
      const key = audienceKey(audience);
      if (found.has(key)) continue;
      if (audience.kind === 'users') found.set(key, audience.userIds);
      else if (audience.kind === 'role') {
        const rows = await manager.find(UserRole, { where: { role: audience.role }, select: { userId: true } });
        found.set(
          key,
          rows.map((r) => r.userId),
        );
      } else {
        const rows = await manager.find(CommitteeMembership, {
          where: { committeeKey: audience.committee, chair: true },
          select: { userId: true },
        });
        found.set(
          key,
          rows.map((r) => r.userId),
        );
      }
    }
    return found;
  }
}

const audienceKey = (audience: Audience) =>
  audience.kind === 'users'
    ? `users:${audience.userIds.join(',')}`
    : audience.kind === 'role'
      ? `role:${audience.role}`
      : `chairs:${audience.committee}`;
