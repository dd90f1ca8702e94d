import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Report } from './report.entity';

@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Report | null> {
    return this.dataSource.getRepository(Report).findOne({ where: { id } });
  }

  /** Newest first; only published ones when `publishedOnly`. */
  list(publishedOnly: boolean, skip: number, take: number): Promise<[Report[], number]> {
    return this.dataSource.getRepository(Report).findAndCount({
      where: publishedOnly ? { published: true } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      skip,
      take,
    });
  }

  async insert(manager: EntityManager, report: Report): Promise<void> {
    await manager.insert(Report, report);
  }

  /** Publishes the report if it is not yet; false when it already was (or does not exist). */
  async publish(manager: EntityManager, id: string, by: string, at: Date): Promise<boolean> {
    const result = await manager.update(
      Report,
      { id, published: false },
      { published: true, publishedAt: at, publishedById: by },
    );
    return result.affected === 1;
  }
}
