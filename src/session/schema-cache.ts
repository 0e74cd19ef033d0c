import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { closeSync, fstatSync, openSync, readFileSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { EntitySchema } from './entity.js';
import { asciiOnly, schemaHash } from './python.js';

/**
 * The schema cache file `ftrack_api_schema_cache.json`, in the Python API's
 * format (so both clients share it), plus a small sidecar of our own,
 * `ftrack_api_schema_cache.json.meta.json`, that remembers the file's
 * Python-compatible hash (md5 of `json.dumps(schemas, sort_keys=True)`)
 * together with the file's size, modification time (ns) and inode.
 *
 * The sidecar is only a memo: when the file's current stat matches it, the
 * hash is taken from it instead of being recomputed (the costliest part of a
 * start with a cache file). When the sidecar is missing, unreadable or does
 * not match the file (the Python API, or anything else, rewrote the file), the
 * hash is computed from the file's content, as the Python API does.
 */

/** Version of the sidecar's layout; a sidecar of another version is ignored. */
const META_VERSION = 1;

interface Meta {
  version: number;
  hash: string;
  size: string;
  mtimeNs: string;
  ino: string;
}

/** What was found in the cache file. */
export interface CachedSchemas {
  schemas: EntitySchema[];
  /** Python-compatible hash of the schemas in the file. */
  hash: string;
  /** True when the hash came from a sidecar that matches the file (not recomputed). */
  hashFromSidecar: boolean;
  /** Stat of the file taken before it was read (for writing a fresh sidecar). */
  stat: BigIntStats;
}

let tempCounter = 0;
/** A temporary name unique to this write (two sessions of one process may write at once). */
const tempName = (file: string): string => `${file}.${process.pid}.${++tempCounter}.tmp`;

const statKey = (s: BigIntStats): Omit<Meta, 'version' | 'hash'> => ({ size: String(s.size), mtimeNs: String(s.mtimeNs), ino: String(s.ino) });

export class SchemaCacheFile {
  readonly file: string;
  readonly metaFile: string;
  readonly #dir: string;
  readonly #logger: Logger;

  constructor(dir: string, fileName: string, logger: Logger) {
    this.#dir = dir;
    this.file = join(dir, fileName);
    this.metaFile = `${this.file}.meta.json`;
    this.#logger = logger;
  }

  /** The hash remembered by the sidecar when it matches `s`, the file's current stat. */
  #sidecarHash(s: BigIntStats): string | undefined {
    let meta: Partial<Meta>;
    try {
      meta = JSON.parse(readFileSync(this.metaFile, 'utf8')) as Partial<Meta>;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') this.#logger.debug({ file: this.metaFile, err: String(error) }, 'ignoring an unreadable schema cache sidecar');
      return undefined;
    }
    const key = statKey(s);
    if (
      meta?.version === META_VERSION &&
      typeof meta.hash === 'string' &&
      /^[0-9a-f]{32}$/.test(meta.hash) &&
      meta.size === key.size &&
      meta.mtimeNs === key.mtimeNs &&
      meta.ino === key.ino
    ) {
      return meta.hash;
    }
    this.#logger.debug({ file: this.metaFile }, 'schema cache sidecar does not match the file; rehashing');
    return undefined;
  }

  /**
   * Reads and parses the cache file and finds its hash (from the sidecar when
   * it matches, else computed). Undefined when the file is absent or
   * unreadable. Synchronous: for a file of a few hundred KB, one blocking read
   * costs less than the thread-pool round trips of `fs/promises` on a busy loop.
   */
  read(): CachedSchemas | undefined {
    let text: string;
    let fileStat: BigIntStats;
    try {
      // Stat and content of the same open file; the stat is taken first, so
      // a change while reading leaves a newer mtime than the one remembered.
      const fd = openSync(this.file, 'r');
      try {
        fileStat = fstatSync(fd, { bigint: true });
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') this.#logger.warn({ file: this.file, err: String(error) }, 'ignoring an unreadable schema cache file');
      return undefined;
    }
    let schemas: EntitySchema[];
    try {
      schemas = JSON.parse(text) as EntitySchema[];
      if (!Array.isArray(schemas)) throw new Error('not a list');
    } catch (error) {
      this.#logger.warn({ file: this.file, err: String(error) }, 'ignoring an unreadable schema cache file');
      return undefined;
    }
    const remembered = this.#sidecarHash(fileStat);
    if (remembered) return { schemas, hash: remembered, hashFromSidecar: true, stat: fileStat };
    return { schemas, hash: schemaHash(schemas), hashFromSidecar: false, stat: fileStat };
  }

  /** Writes a sidecar for a file whose stat was `s` and hash `hash`. Never rejects. */
  async writeSidecar(s: BigIntStats, hash: string): Promise<void> {
    try {
      const meta: Meta = { version: META_VERSION, hash, ...statKey(s) };
      const tmp = tempName(this.metaFile);
      await writeFile(tmp, JSON.stringify(meta));
      await rename(tmp, this.metaFile);
    } catch (error) {
      this.#logger.warn({ file: this.metaFile, err: String(error) }, 'could not write the schema cache sidecar');
    }
  }

  /**
   * Writes `schemas` in the Python API's format (`json.dump(schemas,
   * indent=4)`, ASCII only), then the sidecar with their hash: `serverHash`
   * when the schemas came in the same request as the server's `schema_hash`
   * (they are the schemas of that hash), else computed. Meant to run after
   * the session started: it yields first, and never rejects.
   */
  async write(schemas: EntitySchema[], serverHash?: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const tmp = tempName(this.file);
    try {
      await mkdir(this.#dir, { recursive: true });
      const text = asciiOnly(JSON.stringify(schemas, null, 4));
      await writeFile(tmp, text);
      // rename keeps the inode, size and mtime: the stat of tmp is the file's.
      const written = await stat(tmp, { bigint: true });
      const hash = serverHash ?? schemaHash(schemas);
      await rename(tmp, this.file);
      await this.writeSidecar(written, hash);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      this.#logger.warn({ file: this.file, err: String(error) }, 'could not write the schema cache file');
    }
  }
}
