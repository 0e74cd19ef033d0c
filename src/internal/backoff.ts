/**
 * Reconnect backoff: a pure, table-driven, jittered function (STYLE 5).
 *
 * The base delay of attempt `n` (0-based) is `min(maxMs, minMs * factor^n)`;
 * jitter then takes away up to `jitter` of it, so clients that lost the same
 * server do not come back in lock-step. The result never exceeds `maxMs`.
 */

/** First reconnect delay, ms. */
export const DEFAULT_RECONNECT_MIN_MS = 500;
/** Largest reconnect delay, ms. */
export const DEFAULT_RECONNECT_MAX_MS = 10_000;
/** Growth per attempt. */
export const DEFAULT_RECONNECT_FACTOR = 2;
/** Share of the delay that is random (0 = none, 1 = anywhere in [0, base]). */
export const DEFAULT_RECONNECT_JITTER = 0.5;

export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  minMs: number;
  /** Cap of any delay, ms. */
  maxMs: number;
  /** Growth per attempt. Defaults to 2. */
  factor?: number;
  /** Random share of each delay, 0–1. Defaults to 0.5. */
  jitter?: number;
}

/** Named policies: the default for long-running hosts and a fast one for tests. */
export const BACKOFF_POLICIES = {
  DEFAULT: { minMs: DEFAULT_RECONNECT_MIN_MS, maxMs: DEFAULT_RECONNECT_MAX_MS, factor: DEFAULT_RECONNECT_FACTOR, jitter: DEFAULT_RECONNECT_JITTER },
  FAST_FOR_TESTS: { minMs: 10, maxMs: 100, factor: 2, jitter: 0.5 },
} as const satisfies Record<string, BackoffPolicy>;

/** Base delays without jitter for attempts 0..count-1 (the "table"). */
export function backoffTable(policy: BackoffPolicy, count: number): number[] {
  const factor = policy.factor ?? DEFAULT_RECONNECT_FACTOR;
  const table: number[] = [];
  let base = Math.max(0, policy.minMs);
  for (let i = 0; i < count; i++) {
    table.push(Math.min(policy.maxMs, base));
    base *= factor;
  }
  return table;
}

/**
 * Delay in ms before reconnect attempt `attempt` (0-based).
 * `random` returns a number in [0, 1) and is injectable so tests are exact.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const factor = policy.factor ?? DEFAULT_RECONNECT_FACTOR;
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? DEFAULT_RECONNECT_JITTER));
  const exponent = Math.max(0, Math.floor(attempt));
  // Past ~60 doublings every practical policy is at its cap; avoid Infinity * 0.
  const base = exponent > 60 ? policy.maxMs : Math.min(policy.maxMs, Math.max(0, policy.minMs) * factor ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(0, Math.round(base * (1 - jitter * r)));
}
