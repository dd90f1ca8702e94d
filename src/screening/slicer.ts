import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How often a long loop checks the clock: after this many units of work (a name parsed or indexed). */
const CHECK_EVERY = 64;

/**
 * Cuts long synchronous work (parsing a large list, building the match index) into slices, so the event
 * loop serves other requests in between: a loop calls `tick(units)` after each step with the units of work
 * it did (names parsed or indexed) and awaits what it returns. Once a slice has run for `sliceMs`, the returned promise resolves on the next turn of the event
 * loop, after pending I/O; otherwise tick() returns undefined and costs nothing.
 */
export class Slicer {
  /** How many times the work gave the event loop a turn. */
  pauses = 0;
  private started = performance.now();
  private units = 0;

  constructor(private readonly sliceMs = 10) {}

  tick(units = 1): Promise<void> | undefined {
    this.units += units;
    if (this.units < CHECK_EVERY) return undefined;
    this.units = 0;
    if (performance.now() - this.started < this.sliceMs) return undefined;
    return this.pause();
  }

  async pause(): Promise<void> {
    await nextTurn();
    this.pauses++;
    this.started = performance.now();
  }
}
