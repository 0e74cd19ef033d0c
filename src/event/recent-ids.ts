/**
 * The ids of the last `capacity` events a hub received, to drop re-deliveries
 * (a publisher that lost its connection sends its unacknowledged events again).
 *
 * Nearly every event id is a lowercase canonical UUID (the Python client, ours
 * and `@ftrack/api` all make them so). Those are kept as four 32-bit words in
 * typed arrays: a ring of slots, chained from hash buckets. Keeping the id
 * strings instead (a Set and a ring of strings) made every received id survive
 * the young-generation GC and be copied and promoted. Measured in
 * bench/hub/multiprocess.ts: with the strings, a subscriber's scavenges took
 * about 1.7 ms instead of 0.7 and it spent 6.8 µs of CPU per event instead of
 * 4.2. Any other id (another format, uppercase hex) goes into a Set and ring
 * of strings of the same capacity. So "the last `capacity` ids" holds per kind.
 */
const EMPTY = -1;

const NONE = new Int32Array(0);

export class RecentIds {
  readonly #capacity: number;
  // The tables (about 37 bytes per id of capacity) are allocated at the first id, so a hub
  // that never receives anything costs nothing.
  /** Slot i holds words [4i, 4i + 4) of a UUID. */
  #words = new Uint32Array(0);
  /** Next slot in the same bucket's chain, or EMPTY. */
  #next = NONE;
  /** Bucket of each used slot (to unlink it when the ring overwrites it), or EMPTY. */
  #bucketOf = NONE;
  /** First slot of each bucket's chain, or EMPTY. */
  #buckets = NONE;
  #mask = 0;
  #pos = 0;
  /** Scratch for the words of the id being looked up. */
  readonly #id = new Uint32Array(4);
  /** Ids that are not lowercase canonical UUIDs. */
  readonly #others = new Set<string>();
  readonly #otherRing: Array<string | undefined> = [];
  #otherPos = 0;

  constructor(capacity: number) {
    const value = Math.floor(capacity);
    this.#capacity = Number.isFinite(value) ? Math.max(0, value) : 0;
  }

  #allocate(): void {
    const slots = this.#capacity;
    this.#words = new Uint32Array(slots * 4);
    this.#next = new Int32Array(slots).fill(EMPTY);
    this.#bucketOf = new Int32Array(slots).fill(EMPTY);
    let buckets = 1;
    while (buckets < slots * 2) buckets *= 2;
    this.#buckets = new Int32Array(buckets).fill(EMPTY);
    this.#mask = buckets - 1;
  }

  /** True when `id` is among the recent ids (a re-delivery); otherwise remembers it and returns false. */
  seen(id: string): boolean {
    if (this.#capacity === 0) return false;
    return this.#parse(id) ? this.#seenUuid() : this.#seenOther(id);
  }

  #seenUuid(): boolean {
    if (this.#buckets.length === 0) this.#allocate();
    const id = this.#id;
    const a = id[0]!;
    const b = id[1]!;
    const c = id[2]!;
    const d = id[3]!;
    const bucket = (Math.imul(a ^ c, 0x9e3779b1) ^ b ^ d) & this.#mask;
    const words = this.#words;
    for (let slot = this.#buckets[bucket]!; slot !== EMPTY; slot = this.#next[slot]!) {
      const at = slot * 4;
      if (words[at] === a && words[at + 1] === b && words[at + 2] === c && words[at + 3] === d) return true;
    }
    const slot = this.#pos;
    this.#pos = slot + 1 === this.#capacity ? 0 : slot + 1;
    this.#unlink(slot);
    const at = slot * 4;
    words[at] = a;
    words[at + 1] = b;
    words[at + 2] = c;
    words[at + 3] = d;
    this.#next[slot] = this.#buckets[bucket]!;
    this.#buckets[bucket] = slot;
    this.#bucketOf[slot] = bucket;
    return false;
  }

  /** Removes the oldest id, held by `slot`, from its bucket's chain. */
  #unlink(slot: number): void {
    const bucket = this.#bucketOf[slot]!;
    if (bucket === EMPTY) return;
    let previous = EMPTY;
    for (let current = this.#buckets[bucket]!; current !== EMPTY; current = this.#next[current]!) {
      if (current === slot) {
        if (previous === EMPTY) this.#buckets[bucket] = this.#next[slot]!;
        else this.#next[previous] = this.#next[slot]!;
        break;
      }
      previous = current;
    }
    this.#bucketOf[slot] = EMPTY;
    this.#next[slot] = EMPTY;
  }

  #seenOther(id: string): boolean {
    if (this.#others.has(id)) return true;
    const evicted = this.#otherRing[this.#otherPos];
    if (evicted !== undefined) this.#others.delete(evicted);
    this.#otherRing[this.#otherPos] = id;
    this.#otherPos = (this.#otherPos + 1) % this.#capacity;
    this.#others.add(id);
    return false;
  }

  /**
   * Reads a lowercase canonical UUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`)
   * into `#id`; false for anything else.
   */
  #parse(text: string): boolean {
    if (text.length !== 36) return false;
    if (text.charCodeAt(8) !== DASH || text.charCodeAt(13) !== DASH || text.charCodeAt(18) !== DASH || text.charCodeAt(23) !== DASH) return false;
    const p0 = hex4(text, 0);
    const p1 = hex4(text, 4);
    const p2 = hex4(text, 9);
    const p3 = hex4(text, 14);
    const p4 = hex4(text, 19);
    const p5 = hex4(text, 24);
    const p6 = hex4(text, 28);
    const p7 = hex4(text, 32);
    if ((p0 | p1 | p2 | p3 | p4 | p5 | p6 | p7) < 0) return false;
    const id = this.#id;
    id[0] = (p0 << 16) | p1;
    id[1] = (p2 << 16) | p3;
    id[2] = (p4 << 16) | p5;
    id[3] = (p6 << 16) | p7;
    return true;
  }
}

const DASH = 45;
/** Value of each UTF-16 code unit as a lowercase hex digit, -1 when it is not one. */
const HEX = new Int8Array(65_536).fill(-1);
for (let digit = 0; digit < 16; digit++) HEX[digit.toString(16).charCodeAt(0)] = digit;

/** Four lowercase hex digits at `at` as a 16-bit number, or -1. */
function hex4(text: string, at: number): number {
  const a = HEX[text.charCodeAt(at)]!;
  const b = HEX[text.charCodeAt(at + 1)]!;
  const c = HEX[text.charCodeAt(at + 2)]!;
  const d = HEX[text.charCodeAt(at + 3)]!;
  if ((a | b | c | d) < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}
