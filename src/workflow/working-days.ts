const DAY_MS = 24 * 60 * 60 * 1000;

/** `start` plus `days` working days (Monday-Friday, UTC), keeping the time of day. */
export function addWorkingDays(start: Date, days: number): Date {
  let date = new Date(start.getTime());
  let remaining = days;
  while (remaining > 0) {
    date = new Date(date.getTime() + DAY_MS);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining--;
  }
  return date;
}
