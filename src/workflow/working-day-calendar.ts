import { Injectable } from '@nestjs/common';
import { addWorkingDays } from './working-days';

/** Due dates of stages: `days` working days after `start`. */
@Injectable()
export class WorkingDayCalendar {
  // Async so that a calendar reading holidays and closure days from the database fits the same call.
  addWorkingDays(start: Date, days: number): Promise<Date> {
    return Promise.resolve(addWorkingDays(start, days));
  }
}
