import { Event } from '../event/index.js';
import type { Entity } from './entity.js';
import { formatQueryValue } from './expression.js';
import { AbortError, JobFailedError, SessionTimeoutError } from './errors.js';
import type { Session } from './session.js';

export interface JobProgress {
  status: string;
  job: Entity;
  /** The job's `data` JSON, parsed (`{}` when empty or not JSON). */
  data: Record<string, unknown>;
}

export interface WaitForJobOptions {
  /** Called on each observed change of status or data. */
  onProgress?: (progress: JobProgress) => void;
  /** Give up after this many milliseconds (FTRACK_ERR_TIMEOUT). Defaults to no limit. */
  timeout?: number;
  /** Abort waiting (FTRACK_ERR_ABORTED). */
  signal?: AbortSignal;
  /**
   * Poll interval, ms. Defaults to 1 000 without a connected hub and 15 000
   * with one (events drive the checks then; polling is only a safety net).
   */
  pollIntervalMs?: number;
}

export interface WaitForJobResult {
  job: Entity;
  /** Output components (from the job's `data.output`, then `job_components`). */
  outputs: Entity[];
}

const JOB_PROJECTIONS = 'id, status, data, type, created_at, finished_at';

/**
 * Topic of the event `waitForJob` publishes (targeted at its own hub, which has
 * no subscriber for it) only to learn from the ack that its subscription is live.
 */
export const JOB_WAIT_SYNC_TOPIC = 'ftrack.host.job-wait.sync';
const SYNC_TOPIC = JOB_WAIT_SYNC_TOPIC;

/** Parses a Job's `data` JSON string. */
export function parseJobData(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object') return value as Record<string, unknown>;
  if (typeof value !== 'string' || value === '') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The failure text of a job: `data.message`, `data.error` or `data.description`. */
export function jobFailureMessage(data: Record<string, unknown>): string | undefined {
  for (const key of ['message', 'error', 'description']) {
    const value = data[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

async function outputsOf(session: Session, job: Entity, data: Record<string, unknown>): Promise<Entity[]> {
  const ids: string[] = [];
  if (Array.isArray(data.output)) {
    for (const item of data.output as { component_id?: unknown }[]) if (typeof item?.component_id === 'string') ids.push(item.component_id);
  }
  const links = await session.query(`select component_id from JobComponent where job_id is ${formatQueryValue(String(job.id))}`).all();
  for (const link of links) {
    const id = link.component_id;
    if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) return [];
  const components = await session
    .query(`select id, name, file_type, size, system_type, version_id from Component where id in (${ids.map(formatQueryValue).join(', ')})`)
    .all();
  return ids.map((id) => components.find((c) => c.id === id)).filter((c): c is NonNullable<typeof c> => c !== undefined);
}

/**
 * Follows a job to `done` or `failed`. With a connected hub, each
 * `ftrack.update` event about the job triggers a check (one check runs right
 * away and one once the server has acknowledged a publish sent after the
 * subscribe, so a change made before the subscription was live is not
 * missed); otherwise the job is polled.
 */
export function waitForJob(session: Session, job: Entity | string, options: WaitForJobOptions = {}): Promise<WaitForJobResult> {
  const jobId = typeof job === 'string' ? job : String(job.id);
  // Only a hub that already exists: reading session.eventHub would create one just to find it unconnected.
  const hub = session.hasEventHub ? session.eventHub : undefined;
  const useHub = hub?.isConnected() ?? false;
  const interval = options.pollIntervalMs ?? (useHub ? 15_000 : 1_000);
  return new Promise<WaitForJobResult>((resolve, reject) => {
    let finished = false;
    let checking = false;
    let again = false;
    let lastSeen = '';
    let subscription: string | undefined;
    const timers: NodeJS.Timeout[] = [];
    const onAbort = (): void => finish(() => reject(new AbortError('Stopped waiting for the job: aborted')));

    const finish = (settle: () => void): void => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t), clearInterval(t);
      if (subscription !== undefined) hub?.unsubscribe(subscription);
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };

    const check = async (): Promise<void> => {
      if (finished) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const current = await session.query(`select ${JOB_PROJECTIONS} from Job where id is ${formatQueryValue(jobId)}`).first();
          if (finished) return;
          if (!current) return finish(() => reject(new JobFailedError(jobId, 'the job does not exist (deleted?)')));
          const status = String(current.status);
          const data = parseJobData(current.data);
          const seen = `${status}\u0000${String(current.data)}`;
          if (seen !== lastSeen) {
            lastSeen = seen;
            try {
              options.onProgress?.({ status, job: current, data });
            } catch {
              // A failing progress callback must not stop the wait.
            }
          }
          if (status === 'done') {
            const outputs = await outputsOf(session, current, data);
            return finish(() => resolve({ job: current, outputs }));
          }
          if (status === 'failed') return finish(() => reject(new JobFailedError(jobId, jobFailureMessage(data))));
        } while (again && !finished);
      } catch (error) {
        finish(() => reject(error));
      } finally {
        checking = false;
      }
    };

    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeout !== undefined) {
      timers.push(
        setTimeout(() => finish(() => reject(new SessionTimeoutError(`Job ${jobId} did not finish within ${options.timeout} ms`))), options.timeout),
      );
    }
    if (useHub && hub) {
      subscription = hub.subscribe('topic=ftrack.update', (event: Event) => {
        const entities = (event.data as { entities?: { entityType?: string; entityId?: string }[] } | undefined)?.entities;
        if (Array.isArray(entities) && entities.some((e) => e?.entityType === 'job' && e.entityId === jobId)) void check();
      });
      // The subscription only counts once the server has registered it; until
      // then an update of the job is not forwarded. The server handles one
      // connection's frames in order, so the ack of a publish sent after the
      // subscribe proves the registration: check again then, so a change made
      // between the first check and the registration is not missed.
      hub
        .publish(new Event(SYNC_TOPIC, { jobId }, { target: `id=${hub.id}` }))
        .then(
          () => check(),
          () => check(),
        )
        .catch(() => undefined);
    }
    timers.push(setInterval(() => void check(), interval));
    void check();
  });
}
