/**
 * Stand-in store/API throughput with 100,000 entities:
 * query-by-id and create, over HTTP and in-process, against a raw
 * better-sqlite3 `SELECT … WHERE id = ?` on the same database as the peer;
 * a page of 1,000 tasks with the computed `link` and `ancestors` against the
 * same page without them.
 *
 * Run: node --import=tsx bench/standin/query-throughput.ts [entities]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createStandinServer } from '../../src/standin/server.js';
import { DEMO_IDS } from '../../src/standin/seed.js';

const ENTITIES = Number(process.argv[2] ?? 100_000);

function rate(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

async function timed(label: string, count: number, fn: (i: number) => unknown): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await fn(i);
  const ms = performance.now() - started;
  const perSecond = rate(count, ms);
  console.log(`${label.padEnd(44)} ${String(count).padStart(6)} ops  ${ms.toFixed(0).padStart(6)} ms  ${String(perSecond).padStart(8)} ops/s`);
  return perSecond;
}

const server = await createStandinServer();
const { store } = server;
const headers = { 'content-type': 'application/json', 'ftrack-user': server.apiUser, 'ftrack-api-key': server.apiKey };
const api = async (ops: unknown[]): Promise<unknown> => {
  const response = await fetch(`${server.url}/api`, { method: 'POST', headers, body: JSON.stringify(ops) });
  return response.json();
};

try {
  console.log(`filling the store with ${ENTITIES} Tasks…`);
  const ids: string[] = [];
  const fillStart = performance.now();
  const BATCH = 5000;
  for (let done = 0; done < ENTITIES; done += BATCH) {
    store.transaction(() => {
      for (let i = done; i < Math.min(ENTITIES, done + BATCH); i++) {
        ids.push(store.create('Task', { name: `task${i}`, parent_id: DEMO_IDS.shot }).id as string);
      }
    });
  }
  const fillMs = performance.now() - fillStart;
  console.log(`filled in ${(fillMs / 1000).toFixed(1)} s (${rate(ENTITIES, fillMs)} creates/s in 5,000-entity transactions)\n`);

  const pick = (i: number): string => ids[(i * 7919) % ids.length]!;
  const raw = new Database(join(server.context.dataDir, 'ftrack.sqlite'), { readonly: true });
  const rawStmt = raw.prepare('SELECT * FROM "Context" WHERE "id" = ?');
  const rawRate = await timed('raw better-sqlite3 SELECT by id (peer)', 50_000, (i) => rawStmt.get(pick(i)));
  const storeRate = await timed('store.query select … where id is (in-process)', 20_000, (i) => store.query(`select id, name, parent_id from Task where id is "${pick(i)}"`));
  // `link` and `ancestors` are derived from the context rows above each task (all these tasks share one shot);
  // the peer is the same page without them.
  const page = `from Task where parent_id is "${DEMO_IDS.shot}" limit 1000`;
  const plainPage = await timed('store.query 1,000 tasks: id, name (peer)', 50, () => store.query(`select id, name ${page}`));
  const linkPage = await timed('store.query 1,000 tasks: + link, ancestors.name', 50, () => store.query(`select id, name, link, ancestors.name ${page}`));
  const httpRate = await timed('POST /api query by id (sequential)', 2_000, (i) => api([{ action: 'query', expression: `select id, name from Task where id is "${pick(i)}"` }]));
  const concurrent = 8;
  const perWorker = 500;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) await api([{ action: 'query', expression: `select id, name from Task where id is "${pick(w * perWorker + i)}"` }]);
    }),
  );
  const httpConcurrent = rate(concurrent * perWorker, performance.now() - started);
  console.log(`${'POST /api query by id (8 concurrent clients)'.padEnd(44)} ${String(concurrent * perWorker).padStart(6)} ops  ${String(httpConcurrent).padStart(24)} ops/s`);
  const writer = new Database(join(server.context.dataDir, 'ftrack.sqlite'));
  writer.pragma('synchronous = FULL');
  const insert = writer.prepare('INSERT INTO "Location" ("_type", "id", "name") VALUES (?, ?, ?)');
  const rawCreate = await timed('raw better-sqlite3 INSERT, 1 per txn (peer)', 2_000, (i) => insert.run('Location', `raw-${i}`, `raw${i}`));
  writer.close();
  const storeCreate = await timed('store.create, 1 per transaction (in-process)', 2_000, (i) => store.create('Location', { name: `bench${i}` }));
  const httpCreate = await timed('POST /api create, 1 per request', 1_000, (i) => api([{ action: 'create', entity_type: 'Location', entity_data: { name: `http${i}` } }]));
  const batchStart = performance.now();
  for (let b = 0; b < 20; b++) {
    await api(Array.from({ length: 100 }, (_, i) => ({ action: 'create', entity_type: 'Location', entity_data: { name: `batch${b}-${i}` } })));
  }
  const httpBatch = rate(2000, performance.now() - batchStart);
  console.log(`${'POST /api create, 100 per request'.padEnd(44)} ${'2000'.padStart(6)} ops  ${String(httpBatch).padStart(24)} ops/s`);
  raw.close();
  console.log('\nratios (stand-in / raw SQLite peer):');
  console.log(`  query by id  in-process ${(storeRate / rawRate).toFixed(3)}  http ${(httpRate / rawRate).toFixed(4)}  http x8 ${(httpConcurrent / rawRate).toFixed(4)}`);
  console.log(`  1,000 tasks with link and ancestors / without ${(linkPage / plainPage).toFixed(3)}`);
  console.log(`  create       in-process ${(storeCreate / rawCreate).toFixed(3)}  http ${(httpCreate / rawCreate).toFixed(3)}  http batched ${(httpBatch / rawCreate).toFixed(3)}`);
} finally {
  await server.close();
}
