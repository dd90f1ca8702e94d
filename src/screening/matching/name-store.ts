import { IntList, StringTable } from './compact-store';
import { NameToken, NormalizedName, TokenKind, distinctiveCount, lookupKey } from './normalize';
import { Script } from './text';
import { nicknameGroups } from './vocabulary';

const KINDS: readonly TokenKind[] = ['word', 'generic', 'legal', 'particle', 'initial', 'number'];
const SCRIPTS: readonly Script[] = [
  'latin',
  'cyrillic',
  'greek',
  'han',
  'hangul',
  'kana',
  'arabic',
  'hebrew',
  'thai',
  'other',
];
const KIND_CODE = new Map(KINDS.map((kind, code) => [kind, code]));
const SCRIPT_CODE = new Map(SCRIPTS.map((script, code) => [script, code]));

// Token flags, above the kind's three bits.
const BRACKETED = 1 << 3;
const NICKNAMES = 1 << 4;
const EXTRAS = 1 << 5;
const REORDERED = 1 << 4;
/** Ints per token in the pool: flags and kind, then the ids of text, latin and surface. */
const TOKEN_INTS = 4;

interface TokenExtras {
  parts?: NameToken[];
  acronymOf?: number[];
}

/**
 * Normalised names kept as numbers: each token is four ints in one pool (kind and flags, and the interned
 * text, latin and surface forms), a name is where its tokens start and how many there are. The rare
 * subject-phrase parts and acronym positions stay objects, by token. `get` rebuilds the NormalizedName
 * that compareNormalized takes, for the few names a search scores.
 */
export class NameStore {
  private pool = new IntList(4096);
  private readonly start = new IntList();
  private readonly count = new IntList();
  /** Script code, and REORDERED. */
  private readonly meta = new IntList();
  private extras = new Map<number, TokenExtras>();
  private liveTokens = 0;

  constructor(private readonly strings: StringTable) {}

  put(id: number, norm: NormalizedName): void {
    if (this.pool.length - this.liveTokens > Math.max(1 << 16, this.liveTokens)) this.compact();
    const first = this.pool.length / TOKEN_INTS;
    norm.tokens.forEach((token, i) => {
      let flags = KIND_CODE.get(token.kind)!;
      if (token.bracketed) flags |= BRACKETED;
      if (token.nick) flags |= NICKNAMES;
      if (token.parts || token.acronymOf) {
        flags |= EXTRAS;
        this.extras.set(first + i, { parts: token.parts, acronymOf: token.acronymOf });
      }
      this.pool.push(flags);
      this.pool.push(this.strings.intern(token.text));
      this.pool.push(this.strings.intern(token.latin));
      this.pool.push(this.strings.intern(token.surface));
    });
    this.start.set(id, first);
    this.count.set(id, norm.tokens.length);
    this.meta.set(id, SCRIPT_CODE.get(norm.script)! | (norm.reordered ? REORDERED : 0));
    this.liveTokens += norm.tokens.length * TOKEN_INTS;
  }

  /** Forgets a name; its pool space is reclaimed by a later compaction. */
  delete(id: number): void {
    const first = this.start.at(id);
    const size = this.count.at(id);
    for (let i = 0; i < size; i++) this.extras.delete(first + i);
    this.liveTokens -= size * TOKEN_INTS;
    this.start.set(id, -1);
    this.count.set(id, 0);
  }

  tokenCount(id: number): number {
    return this.count.at(id);
  }

  get(id: number, raw: string): NormalizedName {
    const first = this.start.at(id);
    const pool = this.pool.data;
    const tokens: NameToken[] = [];
    for (let i = 0; i < this.count.at(id); i++) {
      const at = (first + i) * TOKEN_INTS;
      const flags = pool[at];
      const token: NameToken = {
        kind: KINDS[flags & 7],
        text: this.strings.get(pool[at + 1]),
        latin: this.strings.get(pool[at + 2]),
        surface: this.strings.get(pool[at + 3]),
      };
      if (flags & BRACKETED) token.bracketed = true;
      if (flags & NICKNAMES) token.nick = nicknameGroups(token.latin);
      if (flags & EXTRAS) {
        const extras = this.extras.get(first + i)!;
        if (extras.parts) token.parts = extras.parts;
        if (extras.acronymOf) token.acronymOf = extras.acronymOf;
      }
      tokens.push(token);
    }
    const meta = this.meta.at(id);
    return {
      raw,
      script: SCRIPTS[meta & 15],
      tokens,
      key: lookupKey(tokens),
      distinctive: distinctiveCount(tokens),
      reordered: (meta & REORDERED) !== 0,
    };
  }

  /** Copies the tokens of live names into a fresh pool, in id order. */
  private compact(): void {
    const pool = new IntList(Math.max(4096, this.liveTokens));
    const extras = new Map<number, TokenExtras>();
    for (let id = 0; id < this.start.length; id++) {
      const first = this.start.at(id);
      if (first < 0) continue;
      const moved = pool.length / TOKEN_INTS;
      for (let i = 0; i < this.count.at(id); i++) {
        for (let k = 0; k < TOKEN_INTS; k++) pool.push(this.pool.at((first + i) * TOKEN_INTS + k));
        const extra = this.extras.get(first + i);
        if (extra) extras.set(moved + i, extra);
      }
      this.start.set(id, moved);
    }
    this.pool = pool;
    this.extras = extras;
  }
}
