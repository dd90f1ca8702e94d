import { Injectable } from '@nestjs/common';
import { CaseReadingService } from '../cases/case-reading.service';
import { CaseResponse } from '../cases/case-response.mapper';
import { CaseQuery } from '../cases/dto/case-query.dto';
import { CaseStatus } from '../domain/case.types';
import { fill } from './i18n';
import { PageContext, SignedInContext } from './page-context';
import { PageData } from './page-data';
import { waitsFor } from './views/case-view';

export const LIST_PAGE_SIZE = 25;

export interface CaseRow {
  href: string;
  reference: string;
  title: string;
  type: string;
  status: string;
  statusClass: string;
  waitsFor: string;
  updated: string;
}

/** Lists of cases for the pages, through the same service (and visibility) as `GET /api/cases`. */
@Injectable()
export class CaseLists {
  constructor(
    private readonly reading: CaseReadingService,
    private readonly data: PageData,
  ) {}

  async page(
    ctx: SignedInContext,
    filter: { mine?: boolean; status?: CaseStatus; committee?: string },
    page: string | undefined,
    pageSize = LIST_PAGE_SIZE,
  ) {
    const pageNumber = pageParam(page);
    const result = await this.reading.list(
      ctx.user,
      Object.assign(new CaseQuery(), { ...filter, page: pageNumber, pageSize }),
    );
    return {
      items: result.items,
      total: result.total,
      pagination: pagination(ctx, result.total, pageNumber, pageSize),
    };
  }

  /** Rows as the case tables show them. */
  async rows(ctx: SignedInContext, cases: CaseResponse[]): Promise<CaseRow[]> {
    const committees = await this.data.committees(ctx.language);
    const names = new Map(committees.map((c) => [c.key, c.name]));
    return cases.map((k) => ({
      href: `/cases/${k.id}`,
      reference: k.reference,
      title: k.title,
      type: ctx.t.caseType[k.type],
      status: ctx.t.status[k.status],
      statusClass: k.status,
      waitsFor: waitsFor(ctx.t, ctx.format, k, (key) => names.get(key) ?? key),
      updated: ctx.format.date(k.updatedAt),
    }));
  }
}

export function pageParam(page: string | undefined): number {
  return Math.min(Math.max(Number.parseInt(page ?? '1', 10) || 1, 1), 100_000);
}

/** Previous/next links for a list page. */
export function pagination(ctx: PageContext, total: number, page: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const url = (n: number) => {
    const [path, query] = ctx.request.originalUrl.split('?');
    const params = new URLSearchParams(query ?? '');
    params.set('page', String(n));
    return `${path}?${params.toString()}`;
  };
  return {
    show: pages > 1,
    text: fill(ctx.t.app.pageOf, { page, pages }),
    previous: page > 1 ? url(page - 1) : null,
    next: page < pages ? url(page + 1) : null,
  };
}
