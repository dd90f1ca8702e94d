import { Slicer } from './slicer';

describe('Slicer', () => {
  it('lets a loop run on until it has done 64 units of work and used up its slice', async () => {
    const slicer = new Slicer(0);
    for (let i = 0; i < 63; i++) expect(slicer.tick()).toBeUndefined();
    const pause = slicer.tick();
    expect(pause).toBeInstanceOf(Promise);
    await pause;
    expect(slicer.pauses).toBe(1);
    expect(slicer.tick(64)).toBeInstanceOf(Promise);
    expect(new Slicer(60_000).tick(1_000)).toBeUndefined();
  });

  it('gives the event loop a turn at each pause', async () => {
    const slicer = new Slicer(0);
    let turns = 0;
    let running = true;
    const spin = (): void => {
      if (!running) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    for (let i = 0; i < 64 * 20; i++) {
      const pause = slicer.tick();
      if (pause) await pause;
    }
    running = false;
    expect(slicer.pauses).toBe(20);
    expect(turns).toBeGreaterThanOrEqual(19);
  });
});
