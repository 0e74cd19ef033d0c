import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import type { Entity } from './entity.js';
import { formatQueryValue } from './expression.js';
import { ServerError, SessionInputError } from './errors.js';
import { framePath, parseSequence, sequenceFileType, sequenceName, type SequenceSpec } from './sequence.js';
import type { Session } from './session.js';
import { chunksOf, FileRange, md5File, partSizeFor, putBytes, putPartWithRetry, runLimited } from './upload.js';

/** Id of the `ftrack.server` location (protocol 3.1). */
export const SERVER_LOCATION_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';

export interface UploadProgress {
  /** Bytes sent so far (all members for a sequence). */
  loaded: number;
  total: number;
  componentId: string;
}

export interface CreateComponentOptions {
  /** Extra component attributes; `name`, `file_type`, `size`, `id` override the derived ones. */
  data?: Record<string, unknown>;
  /** `'server'` (default; `'auto'` is the same) uploads to `ftrack.server`; `null` only creates the entity. */
  location?: 'server' | 'auto' | null;
  onProgress?: (progress: UploadProgress) => void;
  /** Send Content-MD5 (single-part uploads of files). Defaults to false. */
  checksum?: boolean;
  /** Byte count of a stream source (required for streams). */
  size?: number;
  /** File name of a stream source, e.g. `clip.mov`. */
  fileName?: string;
  /** Parallel part uploads, and parallel members of a sequence. Defaults to 4. */
  concurrency?: number;
  /** Part size of multipart uploads in bytes. Defaults to the JS client's plan (8 MiB up to 128 MiB…). */
  partSize?: number;
  /** Multipart is used above this many parts. Defaults to 2 (as the JS client). */
  singlePartMaxParts?: number;
  signal?: AbortSignal;
}

/** Result of `get_upload_metadata`: one URL, or part URLs for a multipart upload. */
export interface UploadMetadata {
  component_id: string;
  url?: string;
  headers?: Record<string, string>;
  upload_id?: string;
  urls?: { signed_url: string; part_number: number }[];
}

export async function getUploadMetadata(
  session: Session,
  componentId: string,
  fileName: string,
  fileSize: number,
  checksum?: string | null,
  parts?: number | null,
): Promise<UploadMetadata> {
  const [result] = await session.call([uploadMetadataOperation(componentId, fileName, fileSize, checksum, parts)]);
  return result as UploadMetadata;
}

function uploadMetadataOperation(
  componentId: string,
  fileName: string,
  fileSize: number,
  checksum?: string | null,
  parts?: number | null,
): { action: string; [key: string]: unknown } {
  const op: { action: string; [key: string]: unknown } = { action: 'get_upload_metadata', component_id: componentId, file_name: fileName, file_size: fileSize, checksum: checksum ?? null };
  if (parts) op.parts = parts;
  return op;
}

interface Planned {
  component: Entity;
  source: { path: string } | { stream: Readable };
  size: number;
  fileName: string;
  parts: number;
  partSize: number;
  checksum?: string;
}

/**
 * Wire order (the JS client's, protocol 3.4, one request fewer than Python's):
 * 1. one request: `create` component(s) + `get_upload_metadata` for each file;
 * 2. PUT the bytes (streamed; multipart in parallel above the threshold);
 * 3. one request: `complete_multipart_upload` (when multipart) + `create ComponentLocation`.
 * On failure the created components are deleted again.
 */
export async function createComponent(session: Session, source: string | Readable, options: CreateComponentOptions = {}): Promise<Entity> {
  const sequence = typeof source === 'string' ? parseSequence(source) : undefined;
  if (sequence) return createSequence(session, sequence, options);
  const data = { ...options.data };
  let size: number;
  let name: string;
  let src: Planned['source'];
  if (typeof source === 'string') {
    const info = await stat(source).catch(() => undefined);
    if (!info?.isFile()) throw new SessionInputError(`Cannot read the file "${source}"; give an existing file or a sequence like "/path/f.%04d.exr [1-10]"`);
    size = info.size;
    name = basename(source);
    src = { path: source };
  } else {
    const given = options.size ?? (typeof data.size === 'number' ? data.size : undefined);
    if (given === undefined) throw new SessionInputError('createComponent(stream) needs the byte count: pass options.size');
    size = given;
    name = options.fileName ?? 'main';
    src = { stream: source };
  }
  const ext = extname(name);
  const component = session.create('FileComponent', {
    name: name.normalize('NFC').slice(0, name.length - ext.length) || 'main',
    file_type: ext,
    size,
    ...data,
  });
  if (options.location === null) {
    await session.commit();
    return component;
  }
  const plan = await planUpload(component, src, size, options);
  await transfer(session, [plan], options, size, String(component.id), []);
  return component;
}

async function planUpload(component: Entity, source: Planned['source'], size: number, options: CreateComponentOptions): Promise<Planned> {
  const partSize = options.partSize ?? partSizeFor(size);
  const count = Math.max(1, Math.ceil(size / partSize));
  const multipart = count > (options.singlePartMaxParts ?? 2);
  const fileName = `${String(component.name)}${String(component.file_type ?? '')}`;
  const checksum = options.checksum && !multipart && 'path' in source ? await md5File(source.path) : undefined;
  return { component, source, size, fileName, parts: multipart ? count : 0, partSize, checksum };
}

async function transfer(
  session: Session,
  plans: Planned[],
  options: CreateComponentOptions,
  total: number,
  progressId: string,
  containers: Entity[],
): Promise<void> {
  let loaded = 0;
  const onBytes = (n: number): void => {
    loaded += n;
    options.onProgress?.({ loaded, total, componentId: progressId });
  };
  const created = [...containers, ...plans.map((p) => p.component)];
  const fetch = session.customFetch;
  try {
    // Step 1: one request, the creates then the metadata operations.
    const { extra: metadata } = await session.commitWith(
      plans.map((p) => uploadMetadataOperation(String(p.component.id), p.fileName, p.size, p.checksum, p.parts || null)),
    );
    options.onProgress?.({ loaded: 0, total, componentId: progressId });
    // Step 2: bytes.
    const completions = await runLimited(
      plans.map((plan, i) => () => uploadOne(plan, metadata[i] as UploadMetadata, fetch, onBytes, options)),
      plans.length > 1 ? (options.concurrency ?? 4) : 1,
    );
    // Step 3: one request, the multipart completions then the location creates.
    for (const component of created) {
      session.create('ComponentLocation', { component_id: component.id as string, location_id: SERVER_LOCATION_ID, resource_identifier: component.id as string });
    }
    await session.commitWith(completions.filter((c): c is NonNullable<Completion> => c !== undefined), { position: 'before' });
  } catch (error) {
    session.rollback();
    for (const component of created.reverse()) session.delete(component);
    await session.commit().catch(() => session.rollback());
    throw error;
  }
}

type Completion = { action: string; [key: string]: unknown } | undefined;

async function uploadOne(
  plan: Planned,
  meta: UploadMetadata,
  fetch: typeof globalThis.fetch | undefined,
  onBytes: (n: number) => void,
  options: CreateComponentOptions,
): Promise<Completion> {
  const signal = options.signal;
  if (!plan.parts) {
    if (!meta.url) throw new ServerError('get_upload_metadata returned no url');
    const body = 'path' in plan.source ? new FileRange(plan.source.path, 0, plan.size) : plan.source.stream;
    await putBytes(meta.url, body, { fetch, headers: meta.headers ?? {}, size: plan.size, onBytes, signal });
    return undefined;
  }
  const urls = [...(meta.urls ?? [])].sort((a, b) => a.part_number - b.part_number);
  if (urls.length !== plan.parts || !meta.upload_id) throw new ServerError(`get_upload_metadata returned ${urls.length} part URLs for ${plan.parts} parts`);
  const rangeOf = (n: number): { start: number; length: number } => {
    const start = (n - 1) * plan.partSize;
    return { start, length: Math.min(plan.partSize, plan.size - start) };
  };
  let etags: { part_number: number; e_tag: string }[];
  if ('path' in plan.source) {
    const path = plan.source.path;
    etags = await runLimited(
      urls.map((u) => async () => {
        const { start, length } = rangeOf(u.part_number);
        const body = (): FileRange => new FileRange(path, start, length);
        const eTag = await putPartWithRetry(u.signed_url, body, { fetch, headers: {}, size: length, onBytes, signal });
        return { part_number: u.part_number, e_tag: eTag };
      }),
      options.concurrency ?? 4,
    );
  } else {
    etags = [];
    let n = 0;
    for await (const chunk of chunksOf(plan.source.stream, plan.partSize)) {
      const u = urls[n++];
      if (!u) throw new SessionInputError(`The stream is longer than the ${plan.size} bytes given as options.size`);
      const eTag = await putPartWithRetry(u.signed_url, () => chunk, { fetch, headers: {}, size: chunk.length, onBytes, signal });
      etags.push({ part_number: u.part_number, e_tag: eTag });
    }
  }
  return { action: 'complete_multipart_upload', component_id: String(plan.component.id), upload_id: meta.upload_id, parts: etags };
}

async function createSequence(session: Session, spec: SequenceSpec, options: CreateComponentOptions): Promise<Entity> {
  const files = await Promise.all(
    spec.frames.map(async (frame) => {
      const path = framePath(spec, frame);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw new SessionInputError(`Frame ${frame} of the sequence is missing: "${path}"`);
      return { frame, path, size: info.size };
    }),
  );
  const fileType = sequenceFileType(spec);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const sequence = session.create('SequenceComponent', {
    name: sequenceName(spec),
    padding: spec.padding,
    file_type: fileType,
    size: total,
    ...options.data,
  });
  const members = files.map((f) =>
    session.create('FileComponent', { name: String(f.frame), container: sequence, file_type: fileType, size: f.size }),
  );
  if (options.location === null) {
    await session.commit();
    return sequence;
  }
  const plans = await Promise.all(members.map((m, i) => planUpload(m, { path: files[i]!.path }, files[i]!.size, options)));
  await transfer(session, plans, options, total, String(sequence.id), [sequence]);
  return sequence;
}

export interface EncodeMediaOptions {
  /** AssetVersion to attach the outputs to (and whose thumbnail becomes the image output). */
  versionId?: string | null;
  /**
   * Keep the source component. `'auto'` (default) is the Python rule: false
   * for a file path (uploaded only for encoding), true for an existing component.
   */
  keepOriginal?: boolean | 'auto';
  /** Progress of the upload of a file path. */
  onProgress?: (progress: UploadProgress) => void;
}

/** ftrack_api equiv: session.py Session.encode_media. */
export async function encodeMedia(session: Session, media: string | Entity, options: EncodeMediaOptions = {}): Promise<Entity> {
  const versionId = options.versionId ?? null;
  let component: Entity;
  let keep: boolean;
  if (typeof media === 'string') {
    keep = options.keepOriginal === 'auto' || options.keepOriginal === undefined ? false : options.keepOriginal;
    component = await session.createComponent(media, {
      data: keep && versionId ? { version_id: versionId } : {},
      location: 'server',
      onProgress: options.onProgress,
    });
  } else {
    if (media.entityType !== 'FileComponent') {
      throw new SessionInputError(`encodeMedia needs a FileComponent or a file path, got a ${media.entityType}`);
    }
    const inServer = await session
      .query(`select id from ComponentLocation where component_id is ${formatQueryValue(String(media.id))} and location_id is "${SERVER_LOCATION_ID}"`)
      .first();
    if (!inServer) throw new SessionInputError(`Component ${String(media.id)} is not in the ftrack.server location; upload it first`);
    component = media;
    keep = options.keepOriginal === 'auto' || options.keepOriginal === undefined ? true : options.keepOriginal;
  }
  await session.commit();
  const [result] = (await session.call([
    { action: 'encode_media', component_id: String(component.id), version_id: versionId, keep_original: keep },
  ])) as [{ job_id?: string }];
  if (!result?.job_id) throw new ServerError('encode_media returned no job_id');
  const job = await session.query(`select id, status, type, data, created_at, finished_at from Job where id is ${formatQueryValue(result.job_id)}`).first();
  if (!job) throw new ServerError(`The job ${result.job_id} returned by encode_media does not exist`);
  return job;
}

/** `/component/get?id=…` without credentials: it downloads only with the ftrack headers (or cookies) of a logged-in user. */
export function getPlainComponentUrl(session: Session, componentId: string): string {
  return `${session.serverUrl}/component/get?id=${encodeURIComponent(componentId)}`;
}

/**
 * Self-authorising download URLs of components in the server location, read
 * from the computed `ComponentLocation.url` attribute (a `{ url, value }`
 * object or a string). The map lacks the components the server gives no URL
 * for. One query for all ids.
 */
export async function getSignedComponentUrls(session: Session, componentIds: readonly string[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  if (componentIds.length === 0) return urls;
  const ids = componentIds.map(formatQueryValue).join(', ');
  const rows = await session
    .query(`select url, component_id from ComponentLocation where component_id in (${ids}) and location_id is "${SERVER_LOCATION_ID}"`)
    .all();
  for (const row of rows) {
    const value = row.url as { url?: unknown; value?: unknown } | string | null | undefined;
    const link = typeof value === 'string' ? value : typeof value?.url === 'string' ? value.url : typeof value?.value === 'string' ? value.value : undefined;
    if (link && /^https?:\/\//i.test(link)) urls.set(String(row.component_id), link);
  }
  return urls;
}

/** `/component/get` URL with query credentials (contains the key: never log or print it unless asked). */
export function getComponentUrl(session: Session, componentId: string): string {
  const { username, apiKey } = session.auth.queryParameters();
  const query = new URLSearchParams({ id: componentId, username, apiKey });
  return `${session.serverUrl}/component/get?${query.toString()}`;
}

/**
 * Streams a component's bytes. Header authentication first; servers that
 * only take credentials in the query string (the real one, the stand-in)
 * answer 401/403, and the request is repeated with them.
 */
export async function downloadComponent(session: Session, componentId: string): Promise<ReadableStream<Uint8Array>> {
  let response = await session.fetch(getPlainComponentUrl(session, componentId), { headers: session.auth.headers(), redirect: 'follow' });
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    response = await session.fetch(getComponentUrl(session, componentId), { redirect: 'follow' });
  }
  if (!response.ok || !response.body) {
    const text = session.auth.redact(await response.text().catch(() => ''));
    throw new ServerError(`Download of component ${componentId} failed with HTTP ${response.status}: ${text.slice(0, 200)}`, { status: response.status });
  }
  return response.body as ReadableStream<Uint8Array>;
}
