import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import { LOCATION_IDS, type ActionHandler } from '../context.js';
import { errorMessage } from '../../errors.js';
import { validationError } from './errors.js';
import { failJob, runEncodeJob, timestamp, type EncodeDeps, type EncodeJob } from './encode-job.js';
import { checkSource } from './sources.js';
import { quoteQueryString } from '../../session/query-string.js';
import { checkId } from './storage.js';

/** `type` of the Jobs `encode_media` creates (the real value is not documented: protocol gap 11.6). */
export const ENCODE_JOB_TYPE = 'encode_media';
const SHUTDOWN_MESSAGE = 'server shutting down; run encode_media again after the restart.';
const RESTART_MESSAGE = 'the server stopped before this job finished; run encode_media again.';

/**
 * The `encode_media` action and its worker queue. Jobs run in this process,
 * `encodeConcurrency` at a time; unfinished jobs fail on close and on start.
 */
export class Encoder {
  readonly deps: EncodeDeps;
  private readonly queue: PQueue;
  private readonly pending = new Map<string, EncodeJob>();
  private closing = false;

  constructor(deps: Omit<EncodeDeps, 'isClosing'>) {
    this.deps = { ...deps, isClosing: () => this.closing };
    this.queue = new PQueue({ concurrency: deps.options.encodeConcurrency });
  }

  /** Jobs waiting or running. */
  get activeCount(): number {
    return this.pending.size;
  }

  /** `encode_media` (protocol 4.1): the Job exists in the request's transaction; the work starts after commit. */
  readonly encodeMedia: ActionHandler = (op, call) => {
    if (this.closing) throw validationError('The server is shutting down; encode_media is not accepted now.');
    const sourceId = checkId(op.component_id);
    const versionId = op.version_id == null ? undefined : checkId(op.version_id, 'version_id');
    if (op.keep_original !== undefined && op.keep_original !== null && typeof op.keep_original !== 'boolean') {
      throw validationError('keep_original must be true or false.');
    }
    const keepOriginal = op.keep_original !== false;
    const { store } = this.deps.context;
    const source = store.get('Component', sourceId);
    if (!source) throw validationError(`Component ${sourceId} does not exist; create and upload it before calling encode_media.`);
    if (versionId !== undefined && !store.get('AssetVersion', versionId)) throw validationError(`AssetVersion ${versionId} does not exist.`);
    const { stillOnly } = checkSource(store, this.deps.storage, source, LOCATION_IDS.server);
    const outputs = { mp4: stillOnly ? undefined : randomUUID(), image: randomUUID(), thumbnail: randomUUID() };
    const output: { format: string; component_id: string }[] = [];
    if (outputs.mp4) output.push({ format: 'video/mp4', component_id: outputs.mp4 });
    output.push({ format: 'image/jpeg', component_id: outputs.image }, { format: 'image/jpeg', component_id: outputs.thumbnail });
    const job: EncodeJob = {
      id: randomUUID(),
      sourceId,
      keepOriginal,
      outputs,
      data: { output, source_component_id: sourceId, keep_original: keepOriginal, progress: 0 },
    };
    if (versionId) {
      job.versionId = versionId;
      job.data.version_id = versionId;
    }
    store.create(
      'Job',
      { id: job.id, type: ENCODE_JOB_TYPE, status: 'queued', user_id: call.user.id, created_at: timestamp(), data: JSON.stringify(job.data) },
      call.user,
    );
    call.afterCommit(() => this.enqueue(job));
    return { job_id: job.id };
  };

  /** Queues a job that already exists as a `queued` Job. */
  enqueue(job: EncodeJob): void {
    if (this.closing) {
      failJob(this.deps, job, SHUTDOWN_MESSAGE);
      return;
    }
    this.pending.set(job.id, job);
    // Handed to the queue on the next turn of the event loop: the answer of
    // encode_media goes out while the Job is still `queued` (a free worker
    // would otherwise mark it `running` before the answer). A close() in
    // between fails it through `pending`.
    setImmediate(() => {
      if (this.closing) return;
      void this.queue.add(async () => {
        try {
          if (!this.closing) await runEncodeJob(this.deps, job);
        } finally {
          this.pending.delete(job.id);
        }
      });
    });
  }

  /** Fails jobs a previous run left `queued` or `running` (they cannot be resumed: their plan lived in memory). */
  failStaleJobs(): number {
    const { store, logger } = this.deps.context;
    let count = 0;
    for (const status of ['queued', 'running']) {
      let rows;
      try {
        rows = store.query(`select id, data from Job where type is ${quoteQueryString(ENCODE_JOB_TYPE)} and status is ${quoteQueryString(status)}`).data;
      } catch (error) {
        logger.warn({ err: errorMessage(error) }, 'could not look for unfinished encode jobs');
        return count;
      }
      for (const row of rows) {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse(String(row.data ?? '{}')) as Record<string, unknown>;
        } catch {
          // keep an empty object
        }
        const job: EncodeJob = { id: String(row.id), sourceId: '', keepOriginal: true, outputs: { image: '', thumbnail: '' }, data };
        failJob(this.deps, job, RESTART_MESSAGE);
        count++;
      }
    }
    return count;
  }

  /** Stops taking jobs, kills running ffmpeg processes and fails every unfinished job. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.queue.clear();
    this.deps.runner.killAll();
    for (const job of this.pending.values()) failJob(this.deps, job, SHUTDOWN_MESSAGE);
    await this.queue.onIdle();
    this.pending.clear();
  }
}
