import PQueue from 'p-queue';
import type { Logger } from '../../src/logger.js';
import { formatQueryValue } from '../../src/session/expression.js';
import type { Candidate } from './candidates.js';

/** The session calls that start and follow an encode (a `Session` satisfies it). */
export interface EncodeSession {
  encodeMedia(media: any, options: { versionId?: string | null; keepOriginal?: boolean }): Promise<any>;
  waitForJob(job: any, options: { timeout?: number; signal?: AbortSignal }): Promise<{ job: any; outputs: any[] }>;
  call?(operations: unknown[]): Promise<unknown[]>;
  query(expression: string): { all(): Promise<any[]>; first?(): Promise<any> };
}

/** Outcome of one component. */
export interface EncodeOutcome {
  candidate: Candidate;
  ok: boolean;
  jobId?: string;
  outputs?: number;
  error?: string;
}

/**
 * Runs encodes with a plugin-wide concurrency limit and remembers, per user,
 * which components are being encoded (so a second launch does not start a
 * duplicate).
 */
export class EncodeRunner {
  readonly #queue: PQueue;
  readonly #running = new Map<string, Set<string>>();
  readonly #session: EncodeSession;
  readonly #logger: Logger;
  readonly #options: { keepOriginal: boolean; jobTimeoutMs: number };

  constructor(session: EncodeSession, logger: Logger, options: { maxConcurrent: number; keepOriginal: boolean; jobTimeoutMs: number }) {
    this.#session = session;
    this.#logger = logger;
    this.#queue = new PQueue({ concurrency: options.maxConcurrent });
    this.#options = { keepOriginal: options.keepOriginal, jobTimeoutMs: options.jobTimeoutMs };
  }

  /** Components of `ids` this user is already encoding. */
  alreadyRunning(userKey: string, ids: readonly string[]): string[] {
    const running = this.#running.get(userKey);
    return running ? ids.filter((id) => running.has(id)) : [];
  }

  /** Marks the components as running for the user (call synchronously after the duplicate check). */
  claim(userKey: string, ids: readonly string[]): void {
    const running = this.#running.get(userKey) ?? new Set<string>();
    for (const id of ids) running.add(id);
    this.#running.set(userKey, running);
  }

  /** Encodes every candidate (at most `maxConcurrent` at once over the whole plugin) and follows the jobs. */
  async encodeAll(userKey: string, candidates: readonly Candidate[], signal?: AbortSignal): Promise<EncodeOutcome[]> {
    try {
      return await Promise.all(candidates.map((c) => this.#queue.add(() => this.#encodeOne(c, signal)) as Promise<EncodeOutcome>));
    } finally {
      const running = this.#running.get(userKey);
      for (const c of candidates) running?.delete(c.id);
      if (running?.size === 0) this.#running.delete(userKey);
    }
  }

  async #encodeOne(candidate: Candidate, signal?: AbortSignal): Promise<EncodeOutcome> {
    const log = this.#logger.child({ component: candidate.id });
    let jobId: string | undefined;
    try {
      const job = await this.#start(candidate);
      jobId = String(job.id);
      log.info({ jobId }, 'encode started');
      const { outputs } = await this.#session.waitForJob(job, { timeout: this.#options.jobTimeoutMs, ...(signal ? { signal } : {}) });
      log.info({ jobId, outputs: outputs.length }, 'encode done');
      return { candidate, ok: true, jobId, outputs: outputs.length };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ jobId, err: message }, 'encode failed');
      return { candidate, ok: false, ...(jobId ? { jobId } : {}), error: message };
    }
  }

  /** FileComponents go through `session.encodeMedia`; sequences through the `encode_media` call itself. */
  async #start(candidate: Candidate): Promise<any> {
    const options = { versionId: candidate.versionId ?? null, keepOriginal: this.#options.keepOriginal };
    if (candidate.entityType === 'FileComponent' || !this.#session.call) return this.#session.encodeMedia(candidate.entity, options);
    const [result] = (await this.#session.call([
      { action: 'encode_media', component_id: candidate.id, version_id: options.versionId, keep_original: options.keepOriginal },
    ])) as [{ job_id?: string } | undefined];
    if (!result?.job_id) throw new Error('encode_media returned no job id');
    const [job] = await this.#session.query(`select id, status, data, type from Job where id is ${formatQueryValue(result.job_id)}`).all();
    if (!job) throw new Error(`job ${result.job_id} not found`);
    return job;
  }
}

/** The message sent to the user when all encodes of a launch finished. */
export function summarize(label: string, outcomes: readonly EncodeOutcome[]): { success: boolean; message: string } {
  const failed = outcomes.filter((o) => !o.ok);
  const names = (list: readonly EncodeOutcome[]): string => list.map((o) => o.candidate.name).join(', ');
  if (failed.length === 0) {
    if (outcomes.length === 1) return { success: true, message: `${label}: "${outcomes[0]!.candidate.name}" is encoded and ready for review.` };
    return { success: true, message: `${label}: ${outcomes.length} components are encoded and ready for review (${names(outcomes)}).` };
  }
  const reasons = failed.map((o) => `${o.candidate.name}: ${o.error ?? 'unknown error'}`).join('; ');
  const done = outcomes.length - failed.length;
  return { success: false, message: `${label}: ${failed.length} of ${outcomes.length} failed${done ? ` (${done} done)` : ''}. ${reasons}` };
}
