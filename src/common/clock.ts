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

/**
 * Runs `offsetMs` ahead of (or behind) the system clock (TEST_CLOCK_START): the process's clock
 * starts at `start` when the process starts, and runs on in real time. Every clock of one process
 * has the same offset, and a test can hand it to another process (a test identity provider).
 */
export class ShiftedClock extends Clock {
  readonly offsetMs: number;

  constructor(start: Date, processStart = performance.timeOrigin) {
    super();
    this.offsetMs = start.getTime() - processStart;
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
