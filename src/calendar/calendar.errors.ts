import { registerErrors } from '../common/domain-error';

export enum CalendarErrorCode {
  ClosureNotFound = 'CLOSURE_NOT_FOUND',
}

registerErrors<CalendarErrorCode>({
  [CalendarErrorCode.ClosureNotFound]: { status: 404, message: 'No closure day on this date' },
});
