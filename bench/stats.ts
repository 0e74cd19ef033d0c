/**
 * Statistics and formatting shared by the benchmarks.
 *
 * Burst rounds are summarised by their median and their best round
 * ({@link pickRound}).
 *
 * Latency is sampled in blocks: the peers take turns, one block of sequential
 * pings each, so every peer sees the same machine (load from other work on a
 * shared machine comes and goes within seconds). Percentiles are taken over
 * all blocks pooled. The uncertainty of a ratio between two peers comes from a
 * paired block bootstrap: draw blocks with replacement (the same block indices
 * for both peers, since block k of each peer ran back to back), recompute the
 * ratio, and report the 2.5 % and 97.5 % quantiles of the draws.
 */

/** The value below which `p` percent of `sorted` (ascending) lie. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Every block's samples in one ascending array. */
export function pooled(blocks: readonly (readonly number[])[]): number[] {
  return blocks.flat().sort((a, b) => a - b);
}

/** A small deterministic generator (mulberry32), so two runs draw the same bootstrap blocks. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RatioEstimate {
  /** percentile(a) / percentile(b) over the pooled samples. */
  ratio: number;
  /** 95 % interval of the ratio from the paired block bootstrap. */
  low: number;
  high: number;
}

/**
 * The ratio of the `p`th percentiles of peers a and b, with a 95 % paired block
 * bootstrap interval. Both peers must have the same number of blocks.
 */
export function percentileRatio(a: readonly (readonly number[])[], b: readonly (readonly number[])[], p: number, draws = 2_000): RatioEstimate {
  if (a.length !== b.length || a.length === 0) throw new Error('percentileRatio needs the same, non-zero number of blocks for both peers');
  const ratio = percentile(pooled(a), p) / percentile(pooled(b), p);
  const random = generator(0x5eed + p);
  const ratios: number[] = [];
  for (let draw = 0; draw < draws; draw++) {
    const sampleA: number[] = [];
    const sampleB: number[] = [];
    for (let i = 0; i < a.length; i++) {
      const k = Math.floor(random() * a.length);
      for (const value of a[k]!) sampleA.push(value);
      for (const value of b[k]!) sampleB.push(value);
    }
    // Typed arrays sort numerically without a comparator call per step (2.5x faster here).
    ratios.push(percentile(Float64Array.from(sampleA).sort(), p) / percentile(Float64Array.from(sampleB).sort(), p));
  }
  ratios.sort((x, y) => x - y);
  return { ratio, low: percentile(ratios, 2.5), high: percentile(ratios, 97.5) };
}

/** `1.23x [1.10–1.35]`. */
export function formatRatio(estimate: RatioEstimate): string {
  return `${estimate.ratio.toFixed(2)}x [${estimate.low.toFixed(2)}–${estimate.high.toFixed(2)}]`;
}

/** A number for the tables: thousands separators, `digits` decimals. */
export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/**
 * One figure of a peer's burst rounds: their median, or the best round's
 * (the highest events/s, the lowest of anything else).
 */
export function pickRound<R>(rounds: readonly R[], key: keyof R & string, how: 'median' | 'best'): number {
  const values = rounds.map((round) => round[key] as number);
  if (how === 'median') return median(values);
  return key === 'eventsPerSecond' ? Math.max(...values) : Math.min(...values);
}

/**
 * The order in which the peers run block (or round) `k`: the k-th of all
 * orderings of `items` (lexicographic, cycling), so over every n! blocks each
 * peer follows each other one equally often. The first events of a block are
 * slower after some predecessors than after others (measured: about +70 µs
 * one-way at the first ping after raw ws than after @ftrack/api in the
 * one-process-per-party bench), and a fixed or rotating order (which keeps the
 * cyclic neighbours) charged that to one peer.
 */
export function blockOrder<T>(items: readonly T[], k: number): T[] {
  const rest = [...items];
  const order: T[] = [];
  let factorial = 1;
  for (let i = 2; i <= rest.length; i++) factorial *= i;
  let index = k % factorial;
  while (rest.length > 0) {
    factorial /= rest.length;
    const pick = Math.floor(index / factorial);
    index %= factorial;
    order.push(rest.splice(pick, 1)[0]!);
  }
  return order;
}
