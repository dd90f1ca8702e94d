// Compact building blocks for the match index: numbers in typed arrays instead of an object, a Set or a
// Map entry per name, word and neighbour, so about 100,000 listed names fit in a few tens of megabytes.

/** Growable array of 32-bit integers; also usable as a column indexed by id (`at`, `set`). */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length] = value;
    return this.length++;
  }

  at(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) this.reserve(index + 1);
    this.data[index] = value;
    if (index >= this.length) this.length = index + 1;
  }

  reserve(size: number): void {
    if (size <= this.data.length) return;
    const next = new Int32Array(Math.max(size, Math.ceil(this.data.length * 1.5)));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** Every distinct string once, numbered in order of first sight; ids are never reused. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  /** The string's id, numbering it if new. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The string's id, or -1 if it was never interned. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  get(id: number): string {
    return this.values[id];
  }

  get size(): number {
    return this.values.length;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over UTF-16 code units, from `from` to the end, continuing `hash`. */
function fnv(text: string, from = 0, hash = FNV_OFFSET): number {
  for (let i = from; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

export const hashOf = (text: string): number => fnv(text);

/** Hashes of `word` with one character deleted, without building the shorter strings. */
export function deletionHashes(word: string, out: (hash: number) => void): void {
  let prefix = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    out(fnv(word, i + 1, prefix));
    prefix = Math.imul(prefix ^ word.charCodeAt(i), FNV_PRIME);
  }
}

/** True when deleting one character of `word` gives `shorter`. */
export function isDeletionOf(word: string, shorter: string): boolean {
  if (word.length !== shorter.length + 1) return false;
  let i = 0;
  while (i < shorter.length && word.charCodeAt(i) === shorter.charCodeAt(i)) i++;
  for (let j = i; j < shorter.length; j++) if (word.charCodeAt(j + 1) !== shorter.charCodeAt(j)) return false;
  return true;
}

/**
 * Multimap from 32-bit hashes to non-negative integers, open addressing in two typed arrays. Entries are
 * never removed: hashes collide, so callers check what they get back.
 */
export class HashMultimap {
  private keys: Uint32Array;
  private values: Int32Array;
  private used = 0;

  constructor(capacity = 1024) {
    this.keys = new Uint32Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.used;
  }

  add(key: number, value: number): void {
    if ((this.used + 1) * 2 > this.values.length) this.grow();
    this.place(key, value);
    this.used++;
  }

  forEach(key: number, visit: (value: number) => void): void {
    const mask = this.values.length - 1;
    for (let slot = key & mask; this.values[slot] !== -1; slot = (slot + 1) & mask) {
      if (this.keys[slot] === key) visit(this.values[slot]);
    }
  }

  private place(key: number, value: number): void {
    const mask = this.values.length - 1;
    let slot = key & mask;
    while (this.values[slot] !== -1) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(values.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    for (let slot = 0; slot < values.length; slot++) if (values[slot] !== -1) this.place(keys[slot], values[slot]);
  }
}
