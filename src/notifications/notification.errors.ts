import { registerErrors } from '../common/domain-error';

export enum NotificationErrorCode {
  NotFound = 'NOTIFICATION_NOT_FOUND',
}

registerErrors<NotificationErrorCode>({
  [NotificationErrorCode.NotFound]: { status: 404, message: 'Notification not found' },
});
