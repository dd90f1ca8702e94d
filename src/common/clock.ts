/**
 * Where the time comes from. Code that needs "now" asks the injected Clock, never `new Date()`,
 * so a test can hold the whole application on a chosen day and hour.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Starts at `start` and runs on in real time (TEST_CLOCK_START). */
export class ShiftedClock extends Clock {
  private readonly offsetMs: number;

  constructor(start: Date, realNow = Date.now()) {
    super();
    this.offsetMs = start.getTime() - realNow;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** Stands still until moved: for unit tests. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date): void {
    this.current = new Date(at.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function clockFor(config: { testClockStart?: string }): Clock {
  return config.testClockStart ? new ShiftedClock(new Date(config.testClockStart)) : new SystemClock();
}
