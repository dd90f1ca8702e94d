import { Injectable } from '@nestjs/common';
import { AuthUser } from '../authorization/auth-user';
import { DomainError } from '../common/domain-error';
import { CommitteeErrorCode } from './committee.errors';
import { Committee } from './committee.entity';
import { CommitteeDto, CommitteeResponse, toCommitteeResponse, UpdateCommitteeDto } from './committee.dto';
import { CommitteesRepository } from './committees.repository';

@Injectable()
export class CommitteesService {
  constructor(private readonly committees: CommitteesRepository) {}

  async list(_actor: AuthUser): Promise<CommitteeResponse[]> {
    return (await this.committees.all()).map(toCommitteeResponse);
  }

  async create(_actor: AuthUser, input: CommitteeDto): Promise<CommitteeResponse> {
    if (await this.committees.findByKey(input.key))
      throw new DomainError(CommitteeErrorCode.Exists, `Committee ${input.key} already exists`);
    return toCommitteeResponse(await this.committees.save(Object.assign(new Committee(), input)));
  }

  async update(_actor: AuthUser, key: string, input: UpdateCommitteeDto): Promise<CommitteeResponse> {
    const committee = await this.committees.findByKey(key);
    if (!committee) throw new DomainError(CommitteeErrorCode.NotFound);
    return toCommitteeResponse(await this.committees.save(Object.assign(committee, input)));
  }
}
