// Helpers of the encoder tests: put media into the fake server location, run encode_media, wait for the Job.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { LOCATION_IDS, type EntityRecord } from '../../../../src/standin/context.js';
import { waitFor, type Harness } from './harness.js';

/** Creates a FileComponent in ftrack.server holding `bytes` (or a copy of the file at `path`). */
export function addFile(h: Harness, content: Buffer | string, fileType: string, extra: Record<string, unknown> = {}): string {
  const id = randomUUID();
  const target = join(h.mediaDir, id);
  if (typeof content === 'string') copyFileSync(content, target);
  else writeFileSync(target, content);
  const size = typeof content === 'string' ? readFileSync(content).length : content.length;
  h.store.create('FileComponent', { id, name: 'main', file_type: fileType, size, ...extra });
  h.store.create('ComponentLocation', { id: randomUUID(), component_id: id, location_id: LOCATION_IDS.server, resource_identifier: id });
  return id;
}

/** A SequenceComponent whose members (named by frame number, as Python's create_component does) are in ftrack.server. */
export function addSequence(h: Harness, frames: string[], firstFrame: number, fps?: number): { id: string; members: string[] } {
  const id = randomUUID();
  h.store.create('SequenceComponent', { id, name: 'render', file_type: '.png', padding: 4, size: 0 });
  h.store.create('ComponentLocation', { id: randomUUID(), component_id: id, location_id: LOCATION_IDS.server, resource_identifier: id });
  // members created out of order: the encoder must sort them by frame number
  const members = frames.map((frame, i) => ({ frame, n: firstFrame + i })).reverse();
  const ids: string[] = [];
  for (const { frame, n } of members) ids.push(addFile(h, frame, '.png', { name: String(n), container_id: id }));
  if (fps !== undefined) h.store.create('Metadata', { parent_id: id, parent_type: 'SequenceComponent', key: 'fps', value: String(fps) });
  return { id, members: ids };
}

export function job(h: Harness, id: string): EntityRecord {
  const record = h.store.get('Job', id);
  if (!record) throw new Error(`no Job ${id}`);
  return record;
}

export function jobData(h: Harness, id: string): Record<string, unknown> {
  return JSON.parse(String(job(h, id).data)) as Record<string, unknown>;
}

/** Waits until the Job is done or failed; returns its record. */
export function finished(h: Harness, id: string, timeoutMs = 120_000): Promise<EntityRecord> {
  return waitFor(() => {
    const j = job(h, id);
    return j.status === 'done' || j.status === 'failed' ? j : undefined;
  }, `job ${id} to finish`, timeoutMs);
}

export function encode(h: Harness, componentId: string, versionId: string | null = null, keepOriginal = true): string {
  return (h.call('encode_media', { component_id: componentId, version_id: versionId, keep_original: keepOriginal }) as { job_id: string }).job_id;
}
