import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCATION_IDS, type StandinContext } from '../context.js';
import { errorMessage } from '../../errors.js';
import { MediaError } from './errors.js';
import { buildEncodeArgs, fitBox, fitEven, ProgressReader, type EncodePlan } from './encode-args.js';
import { encodeError, type FfmpegRunner } from './ffmpeg.js';
import { FfmpegLog } from './ffmpeg-log.js';
import type { ResolvedMediaOptions } from './options.js';
import { prepareSource, sequenceMembers } from './sources.js';
import { quoteQueryString } from '../../session/query-string.js';
import type { MediaStorage } from './storage.js';

/** One encode job as the queue holds it. `data` is what the Job's `data` JSON string holds. */
export interface EncodeJob {
  id: string;
  sourceId: string;
  versionId?: string;
  keepOriginal: boolean;
  outputs: { mp4?: string; image: string; thumbnail: string };
  data: Record<string, unknown>;
}

export interface EncodeDeps {
  context: StandinContext;
  storage: MediaStorage;
  runner: FfmpegRunner;
  options: ResolvedMediaOptions;
  /** True once close() started: failures then read "server shutting down". */
  isClosing(): boolean;
}

/** Output component names (protocol 4.3). */
export const OUTPUT_NAMES = { mp4: 'ftrackreview-mp4', image: 'ftrackreview-image', thumbnail: 'thumbnail' } as const;

const PROGRESS_INTERVAL_MS = 1000;
/** Box of the `thumbnail` output. */
const THUMBNAIL_SIZE = 300;

/** Server time for `created_at` / `finished_at`. */
export function timestamp(): string {
  return new Date().toISOString();
}

/** Writes a Job change (each one becomes an `ftrack.update` event). */
export function updateJob(context: StandinContext, job: EncodeJob, changes: Record<string, unknown>): void {
  context.store.update('Job', job.id, { ...changes, data: JSON.stringify(job.data) });
}

/** Marks a job failed with a readable message; never throws. */
export function failJob(deps: EncodeDeps, job: EncodeJob, message: string): void {
  job.data.message = message;
  job.data.error = message;
  try {
    updateJob(deps.context, job, { status: 'failed', finished_at: timestamp() });
  } catch (error) {
    deps.context.logger.warn({ jobId: job.id, err: errorMessage(error) }, 'could not mark encode job failed');
  }
  deps.context.logger.info({ jobId: job.id, reason: message }, 'encode job failed');
}

/** Runs one job to `done` or `failed`. Never throws. */
export async function runEncodeJob(deps: EncodeDeps, job: EncodeJob): Promise<void> {
  const { context, storage, runner, options } = deps;
  const jobLog = context.logger.child({ jobId: job.id });
  let workDir: string | undefined;
  const moved: string[] = [];
  try {
    updateJob(context, job, { status: 'running' });
    const source = context.store.get('Component', job.sourceId);
    if (!source) throw encodeError('the source component was deleted before the job started.');
    workDir = await mkdtemp(join(storage.incomingDir, 'encode-'));
    const input = await prepareSource(context.store, storage, source, workDir, options.sequenceFps);
    const imageBox = Math.max(options.maxOutputWidth, options.maxOutputHeight);
    const plan: EncodePlan = {
      input: input.input,
      inputArgs: input.inputArgs,
      maxPixels: options.maxInputWidth * options.maxInputHeight,
      maxOutputBytes: options.maxOutputBytes,
      image: { path: join(workDir, 'image.jpg'), size: imageBox },
      thumbnail: { path: join(workDir, 'thumbnail.jpg'), size: THUMBNAIL_SIZE },
    };
    if (job.outputs.mp4) plan.mp4 = { path: join(workDir, 'review.mp4'), box: { width: options.maxOutputWidth, height: options.maxOutputHeight } };
    // No ffprobe: ffmpeg's banner gives the input's size (checked against the limits the
    // moment it is printed, before the first frame is decoded), rate and the output sizes.
    const log = new FfmpegLog([input.input, workDir]);
    const stop = new AbortController();
    let oversize: { width: number; height: number } | undefined;
    log.onInputVideo = (video) => {
      if (video.width > options.maxInputWidth || video.height > options.maxInputHeight) {
        oversize = video;
        stop.abort();
      }
    };
    const progress = new ProgressReader();
    let lastReport = Date.now();
    const result = await runner.run(options.ffmpegPath, buildEncodeArgs(plan), {
      timeoutMs: options.encodeTimeoutSeconds * 1000,
      signal: stop.signal,
      onStderr: (text) => log.push(text),
      onStdout: (text) => {
        progress.push(text);
        const duration = input.frameCount !== undefined && input.frameRate ? input.frameCount / input.frameRate : log.duration;
        if (!duration || Date.now() - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = Date.now();
        job.data.progress = Math.min(0.99, Math.round((progress.outTimeSeconds / duration) * 100) / 100);
        try {
          updateJob(context, job, {});
        } catch {
          // progress is best effort
        }
      },
    });
    log.end();
    if (deps.isClosing()) throw encodeError('server shutting down; run encode_media again after the restart.');
    const claimed = oversize ?? log.claimedSize;
    if (claimed && (claimed.width > options.maxInputWidth || claimed.height > options.maxInputHeight || claimed.width * claimed.height > plan.maxPixels)) {
      throw encodeError(
        `the source is ${claimed.width}x${claimed.height}, larger than the limit of ${options.maxInputWidth}x${options.maxInputHeight} (media options maxInputWidth/maxInputHeight).`,
      );
    }
    if (result.timedOut) throw encodeError(`encoding took longer than ${options.encodeTimeoutSeconds} s and was stopped (media option encodeTimeoutSeconds).`);
    if (log.refusedFormat) {
      throw encodeError(
        `the source's format (${log.refusedFormat}) is not accepted: playlists, formats that read further files or URLs, and audio-only or subtitle formats are refused.`,
      );
    }
    if (result.code !== 0) {
      if (log.noVideoStream || (log.inputFormat && !log.video)) {
        throw encodeError(`the source has no video or image stream ffmpeg can read (format ${log.inputFormat ?? 'unknown'}); it may be truncated or not a media file.`);
      }
      if (!log.inputFormat) throw encodeError(`ffmpeg could not read the source: ${log.lastErrors()}`);
      throw encodeError(`ffmpeg failed (exit ${result.code ?? result.signal}): ${log.lastErrors()}`);
    }
    const video = log.video;
    const frameRate = input.frameRate ?? video?.frameRate ?? options.sequenceFps;
    // Sizes as ffmpeg printed them for each output; else computed the way the scale expressions do.
    const sized = (index: number, fallback: (v: { width: number; height: number }) => { width: number; height: number }): { width: number; height: number } => {
      const printed = log.outputs.get(index);
      if (printed) return printed;
      if (!video) throw encodeError('ffmpeg did not report the size of the source; the source may be damaged.');
      return fallback(video);
    };
    const first = plan.mp4 ? 1 : 0;
    const size = plan.mp4 ? sized(0, (v) => fitEven(v.width, v.height, options.maxOutputWidth, options.maxOutputHeight)) : undefined;
    const image = sized(first, (v) => fitBox(v.width, v.height, imageBox));
    const thumb = sized(first + 1, (v) => fitBox(v.width, v.height, THUMBNAIL_SIZE));

    const outputs: { id: string; name: string; path: string; fileType: string; meta: Record<string, unknown> }[] = [];
    if (plan.mp4 && size) {
      // frameOut: frames the encoder wrote (the last `frame=` of -progress counts the mp4, the first video output)
      const frames = progress.frame || input.frameCount || Math.round((log.duration ?? 0) * frameRate);
      outputs.push({
        id: job.outputs.mp4!,
        name: OUTPUT_NAMES.mp4,
        path: plan.mp4.path,
        fileType: '.mp4',
        meta: { frameIn: 0, frameOut: frames, frameRate: Math.round(frameRate * 1000) / 1000, width: size.width, height: size.height },
      });
    }
    outputs.push({ id: job.outputs.image, name: OUTPUT_NAMES.image, path: plan.image.path, fileType: '.jpg', meta: { format: 'image', ...image } });
    outputs.push({ id: job.outputs.thumbnail, name: OUTPUT_NAMES.thumbnail, path: plan.thumbnail.path, fileType: '.jpg', meta: { format: 'image', ...thumb } });
    const sizes: number[] = [];
    for (const out of outputs) {
      const bytes = await stat(out.path).then((s) => s.size, () => 0);
      if (bytes === 0) throw encodeError(`ffmpeg produced no ${out.name} output; the source may be damaged.`);
      if (bytes >= options.maxOutputBytes) throw encodeError(`the ${out.name} output reached the size limit of ${options.maxOutputBytes} bytes (media option maxOutputBytes).`);
      sizes.push(bytes);
    }
    for (const out of outputs) {
      await rename(out.path, storage.componentPath(out.id));
      moved.push(out.id);
    }
    context.store.transaction(() => {
      for (const [i, out] of outputs.entries()) {
        const component: Record<string, unknown> = { id: out.id, name: out.name, file_type: out.fileType, size: sizes[i] };
        if (job.versionId) component.version_id = job.versionId;
        context.store.create('FileComponent', component);
        context.store.create('ComponentLocation', { id: randomUUID(), component_id: out.id, location_id: LOCATION_IDS.server, resource_identifier: out.id });
        context.store.create('Metadata', { parent_id: out.id, parent_type: 'FileComponent', key: 'ftr_meta', value: JSON.stringify(out.meta) });
        context.store.create('JobComponent', { job_id: job.id, component_id: out.id });
      }
      if (job.versionId) context.store.update('AssetVersion', job.versionId, { thumbnail_id: job.outputs.thumbnail });
    });
    moved.length = 0;
    // The source goes before the Job reads `done`, so a client that sees `done` sees the final state.
    if (!job.keepOriginal) await removeSource(deps, job.sourceId);
    job.data.progress = 1;
    updateJob(context, job, { status: 'done', finished_at: timestamp() });
    jobLog.info({ outputs: outputs.length }, 'encode job done');
  } catch (error) {
    for (const id of moved) await storage.remove(id).catch(() => {});
    const message = error instanceof MediaError ? error.message : `internal error: ${errorMessage(error)}`;
    if (!(error instanceof MediaError)) jobLog.error({ err: error }, 'encode job crashed');
    failJob(deps, job, deps.isClosing() ? 'server shutting down; run encode_media again after the restart.' : message);
    return;
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true }).catch(() => {});
  }
}

/** keep_original false: deletes the source's rows and bytes (members too for a sequence). Best effort. */
async function removeSource(deps: EncodeDeps, sourceId: string): Promise<void> {
  const { context, storage } = deps;
  let ids: string[] = [sourceId];
  try {
    context.store.transaction(() => {
      const members = sequenceMembers(context.store, sourceId).map((m) => String(m.id));
      ids = [...members, sourceId];
      for (const id of ids) {
        for (const row of context.store.query(`select id from ComponentLocation where component_id is ${quoteQueryString(id)}`).data) {
          context.store.delete('ComponentLocation', String(row.id));
        }
        context.store.delete('Component', id);
      }
    });
  } catch (error) {
    context.logger.warn({ componentId: sourceId, err: errorMessage(error) }, 'could not delete the source component after encoding (keep_original false)');
    return;
  }
  for (const id of ids) await storage.remove(id).catch(() => {});
}
