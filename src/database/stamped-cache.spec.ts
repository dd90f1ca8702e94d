import { StampedCache } from './stamped-cache';

describe('StampedCache', () => {
  it('gives a value back only while the stamp is the one it was kept with', () => {
    const cache = new StampedCache<string>({ entries: 10 });
    cache.set('a', '1', 'first');
    expect(cache.get('a', '1')).toBe('first');
    expect(cache.get('a', '2')).toBeUndefined();
    // A stale entry is dropped, not revived by its old stamp.
    expect(cache.get('a', '1')).toBeUndefined();
  });

  it('keeps nothing without a stamp', () => {
    const cache = new StampedCache<string>({ entries: 10 });
    cache.set('a', null, 'value');
    expect(cache.get('a', null)).toBeUndefined();
    cache.set('a', '1', 'value');
    expect(cache.get('a', null)).toBeUndefined();
  });

  it('lets the least recently used go first, by count and by size', () => {
    const byCount = new StampedCache<string>({ entries: 2 });
    byCount.set('a', '1', 'A');
    byCount.set('b', '1', 'B');
    expect(byCount.get('a', '1')).toBe('A'); // now b is the least recently used
    byCount.set('c', '1', 'C');
    expect(byCount.get('b', '1')).toBeUndefined();
    expect([byCount.get('a', '1'), byCount.get('c', '1')]).toEqual(['A', 'C']);

    const bySize = new StampedCache<string>({ entries: 100, size: 10 });
    bySize.set('a', '1', 'aaaa', 4);
    bySize.set('b', '1', 'bbbb', 4);
    bySize.set('c', '1', 'cccc', 4);
    expect(bySize.get('a', '1')).toBeUndefined();
    expect(bySize.get('b', '1')).toBe('bbbb');
    // A value larger than the whole cache is not kept, and evicts nothing.
    bySize.set('d', '1', 'd'.repeat(11), 11);
    expect(bySize.get('d', '1')).toBeUndefined();
    expect(bySize.get('c', '1')).toBe('cccc');
  });

  it('keeps nothing when its limit is zero', () => {
    const cache = new StampedCache<string>({ entries: 0, size: 0 });
    cache.set('a', '1', 'value', 0);
    expect(cache.get('a', '1')).toBeUndefined();
  });

  it('replaces a key, counting only the new size', () => {
    const cache = new StampedCache<string>({ entries: 10, size: 8 });
    cache.set('a', '1', 'x', 6);
    cache.set('a', '2', 'y', 6);
    cache.set('b', '2', 'z', 2);
    expect(cache.get('a', '2')).toBe('y');
    expect(cache.get('b', '2')).toBe('z');
  });
});
