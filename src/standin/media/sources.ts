import { existsSync } from 'node:fs';
import { mkdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntityRecord, EntityStore } from '../context.js';
import { validationError } from './errors.js';
import { encodeError } from './ffmpeg.js';
import type { MediaStorage } from './storage.js';
import { quoteQueryString } from '../../session/query-string.js';

/** File types treated as stills when planning outputs (no mp4 is promised for them). */
const STILL_TYPES = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.exr', '.dpx', '.bmp', '.webp', '.tga', '.psd', '.gif']);
const SAFE_EXTENSION = /^\.[A-Za-z0-9]{1,10}$/;

export function isStillType(fileType: unknown): boolean {
  return typeof fileType === 'string' && STILL_TYPES.has(fileType.toLowerCase());
}

/** What ffmpeg reads for one job. */
export interface EncodeSource {
  input: string;
  inputArgs: string[];
  /** Frame rate imposed on an image sequence. */
  frameRate?: number;
  frameCount?: number;
}

/** Members of a sequence ordered by frame number (their `name`, as Python's create_component sets it). */
export function sequenceMembers(store: EntityStore, sequenceId: string): EntityRecord[] {
  const members = store.query(`select id, name, file_type from Component where container_id is ${quoteQueryString(sequenceId)}`).data;
  const frame = (m: EntityRecord): number => {
    const n = Number.parseInt(String(m.name ?? ''), 10);
    return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
  };
  return [...members].sort((a, b) => frame(a) - frame(b) || String(a.name).localeCompare(String(b.name)));
}

/**
 * Frame rate of a sequence from its metadata: key `fps`, else `frame_rate`,
 * else `frameRate` inside `ftr_meta` JSON; `fallback` otherwise.
 */
export function sequenceFrameRate(store: EntityStore, sequenceId: string, fallback: number): number {
  const rows = store.query(`select key, value from Metadata where parent_id is ${quoteQueryString(sequenceId)}`).data;
  const byKey = new Map(rows.map((r) => [String(r.key), String(r.value ?? '')]));
  const candidates = [byKey.get('fps'), byKey.get('frame_rate')];
  const ftrMeta = byKey.get('ftr_meta');
  if (ftrMeta) {
    try {
      candidates.push(String((JSON.parse(ftrMeta) as { frameRate?: unknown }).frameRate ?? ''));
    } catch {
      // not JSON: ignore
    }
  }
  for (const text of candidates) {
    const rate = Number(text);
    if (text !== undefined && text !== '' && Number.isFinite(rate) && rate > 0 && rate <= 1000) return rate;
  }
  return fallback;
}

/** Checks, inside the encode_media transaction, that the source can be encoded. Returns whether outputs are stills only. */
export function checkSource(store: EntityStore, storage: MediaStorage, component: EntityRecord, serverLocationId: string): { stillOnly: boolean } {
  const id = String(component.id);
  const systemType = String(component.system_type ?? (component.__entity_type__ === 'SequenceComponent' ? 'sequence' : 'file'));
  if (systemType === 'sequence' || component.__entity_type__ === 'SequenceComponent') {
    const members = sequenceMembers(store, id);
    if (members.length === 0) throw validationError(`SequenceComponent ${id} has no member components; add its frames first.`);
    const located = inServerLocationOf(store, members.map((m) => String(m.id)), serverLocationId);
    const missing = members.filter((m) => !located.has(String(m.id)) || !existsSync(storage.componentPath(String(m.id))));
    if (missing.length > 0) {
      throw validationError(`${missing.length} frame(s) of SequenceComponent ${id} are not in the ftrack.server location (e.g. ${String(missing[0]!.id)}); upload them first.`);
    }
    return { stillOnly: false };
  }
  if (systemType !== 'file') throw validationError(`Component ${id} is a ${systemType} component; encode_media takes a FileComponent or a SequenceComponent.`);
  if (!inServerLocationOf(store, [id], serverLocationId).has(id) || !existsSync(storage.componentPath(id))) {
    throw validationError(`Component ${id} is not in the ftrack.server location; upload it there before calling encode_media.`);
  }
  return { stillOnly: isStillType(component.file_type) };
}

/** Ids of a sequence's frames to look up per query (keeps the SQL well under SQLite's limits). */
const LOCATION_BATCH = 500;

/** Which of `componentIds` are in the server location: one query per 500 ids, not one per frame. */
function inServerLocationOf(store: EntityStore, componentIds: readonly string[], serverLocationId: string): Set<string> {
  const located = new Set<string>();
  for (let start = 0; start < componentIds.length; start += LOCATION_BATCH) {
    const batch = componentIds.slice(start, start + LOCATION_BATCH);
    const rows = store.query(`select component_id from ComponentLocation where location_id is ${quoteQueryString(serverLocationId)} and component_id in (${batch.map(quoteQueryString).join(', ')})`).data;
    for (const row of rows) located.add(String(row.component_id));
  }
  return located;
}

/** Prepares the ffmpeg input of a job (links the frames of a sequence into `workDir`). */
export async function prepareSource(
  store: EntityStore,
  storage: MediaStorage,
  component: EntityRecord,
  workDir: string,
  defaultFps: number,
): Promise<EncodeSource> {
  const id = String(component.id);
  if (component.system_type !== 'sequence' && component.__entity_type__ !== 'SequenceComponent') {
    const path = storage.componentPath(id);
    const size = await stat(path).then((s) => s.size, () => undefined);
    if (size === undefined) throw encodeError('the bytes of the source component are missing from the server location.');
    if (size === 0) throw encodeError('the source file is empty (0 bytes); there is nothing to encode.');
    return { input: path, inputArgs: [] };
  }
  const members = sequenceMembers(store, id);
  if (members.length === 0) throw encodeError('the sequence has no frames.');
  const ext = [members[0]!.file_type, component.file_type].find((t): t is string => typeof t === 'string' && SAFE_EXTENSION.test(t)) ?? '.png';
  const framesDir = join(workDir, 'frames');
  await mkdir(framesDir);
  for (const [i, member] of members.entries()) {
    const path = storage.componentPath(String(member.id));
    const size = await stat(path).then((s) => s.size, () => undefined);
    if (!size) throw encodeError(`frame ${String(member.name)} (component ${String(member.id)}) has no bytes in the server location.`);
    await symlink(path, join(framesDir, `${String(i).padStart(8, '0')}${ext.toLowerCase()}`));
  }
  const frameRate = sequenceFrameRate(store, id, defaultFps);
  return {
    input: join(framesDir, `%08d${ext.toLowerCase()}`),
    inputArgs: ['-f', 'image2', '-framerate', String(frameRate), '-start_number', '0'],
    frameRate,
    frameCount: members.length,
  };
}
