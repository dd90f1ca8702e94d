import { registerErrors } from '../common/domain-error';

export enum ReportErrorCode {
  NotFound = 'REPORT_NOT_FOUND',
  AlreadyPublished = 'REPORT_ALREADY_PUBLISHED',
}

registerErrors<ReportErrorCode>({
  [ReportErrorCode.NotFound]: { status: 404, message: 'Report not found' },
  [ReportErrorCode.AlreadyPublished]: { status: 409, message: 'The report is already published' },
});
