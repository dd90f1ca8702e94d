import { registerErrors } from '../common/domain-error';

export enum JobErrorCode {
  NotFound = 'JOB_NOT_FOUND',
}

registerErrors<JobErrorCode>({
  [JobErrorCode.NotFound]: { status: 404, message: 'Job not found' },
});
