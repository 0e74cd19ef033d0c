import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../../src/internal/paths.js';
import type { Logger } from '../../../src/logger.js';
import { SCHEMA_CACHE_FILE, Session, schemaHash, type EntitySchema } from '../../../src/session/index.js';
import { fakeServer, json } from './fake-server.js';

const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as EntitySchema[];
const info = JSON.parse(readFileSync(join(DATA_DIR, 'query_server_information.json'), 'utf8')) as Record<string, unknown>;
const REAL_HASH = info.schema_hash as string;
const OTHER_HASH = 'f'.repeat(32);

/** A fake server whose schema_hash and schemas can be chosen. */
function server(options: { hash?: string; schemas?: unknown[] } = {}) {
  return fakeServer(undefined, (request) =>
    json(
      request.operations.map((op) => {
        if (op.action === 'query_server_information') return { ...info, schema_hash: options.hash ?? REAL_HASH };
        if (op.action === 'query_schemas') return options.schemas ?? schemas;
        return {};
      }),
    ),
  );
}

const actions = (s: ReturnType<typeof server>): string[] => s.requests.flatMap((r) => r.operations.map((o) => o.action));

function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger = {
    level: 'debug',
    trace: () => {},
    debug: () => {},
    info: () => {},
    warn: (_obj: unknown, msg?: string) => void warnings.push(String(msg)),
    error: (_obj: unknown, msg?: string) => void warnings.push(String(msg)),
    child: () => logger,
  } as Logger;
  return { logger, warnings };
}

describe('session schema cache file and sidecar', () => {
  let dir: string;
  let file: string;
  let meta: string;
  const sessions: Session[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'session-schema-cache-'));
    file = join(dir, SCHEMA_CACHE_FILE);
    meta = `${file}.meta.json`;
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const open = async (s: ReturnType<typeof server>, extra: Record<string, unknown> = {}): Promise<Session> => {
    const session = await Session.create({ ...s.options, schemaCachePath: dir, ...extra });
    sessions.push(session);
    return session;
  };
  /** Writes the cache file as the Python API does (json.dump indent=4), with no sidecar. */
  const writeAsPython = (content: unknown[]): void => {
    writeFileSync(file, JSON.stringify(content, null, 4));
    rmSync(meta, { force: true });
  };
  const sidecar = (): Record<string, unknown> => JSON.parse(readFileSync(meta, 'utf8')) as Record<string, unknown>;

  it('schema cache - a cold start resolves before the file is written; close() waits for the write', async () => {
    const s = server();
    const session = await Session.create({ ...s.options, schemaCachePath: dir });
    assert.equal(existsSync(file), false, 'the file is written after start resolved');
    assert.deepEqual(actions(s), ['query_server_information', 'query_schemas']);
    await session.close();
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), schemas, 'the file holds the schemas, in JSON');
    assert.match(readFileSync(file, 'utf8'), /^\[\n {4}\{\n {8}"/, 'indented by 4 like the Python API writes it');
    const m = sidecar();
    const st = statSync(file, { bigint: true });
    assert.equal(m.hash, schemaHash(schemas));
    assert.equal(m.size, String(st.size));
    assert.equal(m.mtimeNs, String(st.mtimeNs));
  });

  it('schema cache - a cold start records the schema_hash that came with the schemas; the next start with it is a hit', async () => {
    // The server's hash is taken as is (the schemas came in the same request), not recomputed.
    await (await open(server({ hash: OTHER_HASH }))).close();
    sessions.length = 0;
    assert.equal(sidecar().hash, OTHER_HASH);
    const s = server({ hash: OTHER_HASH });
    assert.equal((await open(s)).schemasFromCache, true);
    assert.deepEqual(actions(s), ['query_server_information']);
  });

  it('schema cache - with a matching sidecar only query_server_information is sent, the hash is not recomputed', async () => {
    await (await open(server())).close();
    sessions.length = 0;
    // A sidecar that matches the file's stat is trusted: give it a hash the
    // content does not have and a server reporting that hash.
    writeFileSync(meta, JSON.stringify({ ...sidecar(), hash: OTHER_HASH }));
    const s = server({ hash: OTHER_HASH });
    const session = await open(s);
    assert.deepEqual(actions(s), ['query_server_information']);
    assert.equal(session.schemasFromCache, true);
    assert.equal(session.schemas.size, 116);
  });

  it('schema cache - a stale sidecar (file rewritten by the Python API) is ignored: the file is hashed again', async () => {
    await (await open(server())).close();
    sessions.length = 0;
    const old = readFileSync(meta, 'utf8');
    writeFileSync(meta, JSON.stringify({ ...JSON.parse(old), hash: OTHER_HASH }));
    // Python rewrites the file in place (different size and mtime); the sidecar still claims OTHER_HASH.
    writeFileSync(file, `${JSON.stringify(schemas, null, 4)}\n`);
    const s = server({ hash: OTHER_HASH });
    const session = await open(s);
    assert.deepEqual(actions(s), ['query_server_information', 'query_schemas'], 'the stale sidecar hash was not trusted');
    assert.equal(session.schemasFromCache, false);
    await session.close();
    assert.equal(sidecar().hash, schemaHash(schemas));
  });

  it('schema cache - a sidecar is stale when only the modification time changed (same size)', async () => {
    await (await open(server())).close();
    sessions.length = 0;
    writeFileSync(meta, JSON.stringify({ ...sidecar(), hash: OTHER_HASH }));
    const later = new Date(statSync(file).mtimeMs + 5_000);
    utimesSync(file, later, later);
    const s = server({ hash: OTHER_HASH });
    await open(s);
    assert.deepEqual(actions(s), ['query_server_information', 'query_schemas']);
  });

  it('schema cache - a file without sidecar whose content matches is used, and a sidecar is written for next time', async () => {
    writeAsPython(schemas);
    const s = server();
    const session = await open(s);
    assert.deepEqual(actions(s), ['query_server_information']);
    assert.equal(session.schemasFromCache, true);
    await session.close();
    const st = statSync(file, { bigint: true });
    assert.deepEqual(sidecar(), { version: 1, hash: REAL_HASH, size: String(st.size), mtimeNs: String(st.mtimeNs), ino: String(st.ino) });
  });

  it('schema cache - an unreadable sidecar is ignored without a warning and replaced', async () => {
    writeAsPython(schemas);
    writeFileSync(meta, '{not json');
    const { logger, warnings } = recordingLogger();
    const s = server();
    const session = await open(s, { logger });
    assert.deepEqual(actions(s), ['query_server_information']);
    await session.close();
    assert.equal(sidecar().hash, REAL_HASH);
    assert.deepEqual(warnings, []);
  });

  it('schema cache - a hash different from the server schema_hash sends query_schemas and rewrites file and sidecar', async () => {
    const older = schemas.slice(1);
    writeAsPython(older);
    const s = server();
    const session = await open(s);
    assert.deepEqual(actions(s), ['query_server_information', 'query_schemas']);
    assert.equal(session.schemasFromCache, false);
    assert.equal(session.schemas.size, 116);
    await session.close();
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), schemas);
    assert.equal(sidecar().hash, REAL_HASH);
    // Next start: a hit, from the sidecar.
    const next = server();
    assert.equal((await open(next)).schemasFromCache, true);
    assert.deepEqual(actions(next), ['query_server_information']);
  });

  it('schema cache - a valid sidecar whose hash differs from the server sends query_schemas', async () => {
    await (await open(server())).close();
    sessions.length = 0;
    const s = server({ hash: OTHER_HASH });
    const session = await open(s);
    assert.deepEqual(actions(s), ['query_server_information', 'query_schemas']);
    assert.equal(session.schemasFromCache, false);
  });

  it('schema cache - two sessions of different servers writing one cache folder at once never mix schemas and hash', async () => {
    const fewer = schemas.slice(1);
    await Promise.all([open(server()), open(server({ hash: OTHER_HASH, schemas: fewer }))]);
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    for (let round = 0; round < 2; round++) {
      const a = await open(server());
      const b = await open(server({ hash: OTHER_HASH, schemas: fewer }));
      assert.equal(a.schemas.size, 116);
      assert.equal(b.schemas.size, 115);
      await Promise.all(sessions.splice(0).map((s) => s.close()));
    }
  });

  it('schema cache - a corrupt cache file is ignored with a warning; the session starts', async () => {
    writeFileSync(file, '[{"id": "Task", ');
    const { logger, warnings } = recordingLogger();
    const s = server();
    const session = await open(s, { logger });
    assert.deepEqual(actions(s), ['query_server_information', 'query_schemas']);
    assert.equal(session.schemas.size, 116);
    assert.ok(warnings.some((w) => /unreadable schema cache file/.test(w)), warnings.join('; '));
    await session.close();
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), schemas, 'replaced by the server schemas');
  });

  it('schema cache - a cache folder that cannot be written is logged; start and close still succeed', async () => {
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    const { logger, warnings } = recordingLogger();
    const s = server();
    const session = await Session.create({ ...s.options, schemaCachePath: notADir, logger });
    assert.equal(session.schemas.size, 116);
    await session.close();
    assert.ok(warnings.some((w) => /could not write the schema cache file/.test(w)), warnings.join('; '));
  });

  it('schema cache - the event hub is created on first use and is the same object afterwards', async () => {
    const session = await open(server());
    const hub = session.eventHub;
    assert.equal(session.eventHub, hub);
    assert.equal(hub.isConnected(), false);
  });
});
