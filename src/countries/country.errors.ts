import { registerErrors } from '../common/domain-error';

export enum CountryErrorCode {
  NotFound = 'COUNTRY_NOT_FOUND',
}

registerErrors<CountryErrorCode>({
  [CountryErrorCode.NotFound]: { status: 404, message: 'Country not found' },
});
