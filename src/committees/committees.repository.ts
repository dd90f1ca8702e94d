import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { Committee } from './committee.entity';

@Injectable()
export class CommitteesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  private get committees() {
    return this.dataSource.getRepository(Committee);
  }

  all(): Promise<Committee[]> {
    return this.committees.find({ order: { key: 'ASC' } });
  }

  async keys(): Promise<string[]> {
    return (await this.all()).map((c) => c.key);
  }

  findByKey(key: string): Promise<Committee | null> {
    return this.committees.findOne({ where: { key } });
  }

  save(committee: Committee): Promise<Committee> {
    return this.transactions.run((manager) => manager.save(committee));
  }
}
