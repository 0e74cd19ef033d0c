/**
 * Warm-up of the latency blocks in `multiprocess.ts` (shared with `pool.ts`).
 *
 * Each direction of the ping pattern only starts in the latency blocks (the
 * burst rounds before them go one way), so V8 compiles that code during the
 * first latency blocks. In the first EARLY_WARMUP_BLOCKS rounds it compiles
 * most of it. Functions that run once per event but are small and separate
 * (our receive path in the publisher, our publish and ack path in the
 * subscriber) reach TurboFan only after several thousand calls, and
 * functions that run once per ack later still. With 20 warm-up blocks those
 * compiles fell 1–5 s into the measured blocks, and the long stalls of our
 * pings clustered around them (bench/hub/RESULTS.md, session 9). In the run
 * we logged with DEFAULT_WARMUP_BLOCKS, no peer compiled its own code in the
 * measured blocks (`compiles.ts` tells for any run).
 */

/** Warm-up rounds before the measured latency blocks (env LATENCY_WARMUP_BLOCKS overrides). */
export const DEFAULT_WARMUP_BLOCKS = 60;
/** The warm-up is reported in two parts: these first rounds, and the rest. */
export const EARLY_WARMUP_BLOCKS = 20;
