import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../authorization/auth-user';
import { Page, pageOf } from '../common/pagination';
import { MailDeliveryQuery, MailDeliveryResponse, toMailDeliveryResponse } from './dto/mail-delivery.dto';
import { MailDelivery } from './mail-delivery.entity';

@Injectable()
export class MailDeliveriesService {
  constructor(private readonly dataSource: DataSource) {}

  /** Deliveries, newest first, optionally of one status. */
  async list(_actor: AuthUser, query: MailDeliveryQuery): Promise<Page<MailDeliveryResponse>> {
    const [mails, total] = await this.dataSource.getRepository(MailDelivery).findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return pageOf(mails.map(toMailDeliveryResponse), total, query);
  }
}
