import { ReportResponse } from './dto/report.dto';
import { Report } from './report.entity';

/** A stored report as the API answers it. Every reader sees the same fields: the snapshot holds nothing confidential. */
export function toReportResponse(report: Report): ReportResponse {
  return {
    id: report.id,
    from: report.from,
    to: report.to,
    language: report.language,
    createdAt: report.createdAt.toISOString(),
    sha256: report.sha256,
    published: report.published,
    publishedAt: report.publishedAt ? report.publishedAt.toISOString() : null,
    data: report.data,
  };
}
