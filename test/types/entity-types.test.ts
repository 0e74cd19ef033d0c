import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEntityTypes } from '../../scripts/generate-entity-types.js';
import { DATA_DIR } from '../../src/internal/paths.js';
import { DEMO_IDS } from '../../src/standin/index.js';
import {
  Entity,
  Session,
  type EntityData,
  type EntityTypeMap,
  type EntityTypes,
  type QueryEntityType,
  type QueryResult,
} from '../../src/session/index.js';
import { startStandin, type StandinServer } from '../helpers/standin.js';

// Entity types generated from the schemas. The compile-time half lives in
// `compileTimeChecks` (never called): `npm run typecheck` fails when a type
// drifts or a `@ts-expect-error` line stops being an error.

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectTrue = <T extends true>(value: T): T => value;

interface MyTask extends Entity {
  name: string;
}

async function compileTimeChecks(session: Session, id: string): Promise<void> {
  // get: the literal type picks the generated interface.
  const task = await session.get('Task', id);
  expectTrue<Equal<typeof task, EntityTypes.Task | undefined>>(true);
  expectTrue<Equal<typeof task, EntityTypeMap['Task'] | undefined>>(true);
  expectTrue<Equal<typeof task extends infer T ? (T extends EntityTypes.Task ? T['name'] : never) : never, string | undefined>>(true);
  const name = task?.name;
  expectTrue<Equal<typeof name, string | undefined>>(true);
  expectTrue<Equal<NonNullable<typeof task>['__entity_type__'], 'Task'>>(true);
  expectTrue<Equal<NonNullable<typeof task>['start_date'], Date | undefined>>(true);
  expectTrue<Equal<NonNullable<typeof task>['parent'], EntityTypes.Context | undefined>>(true);
  expectTrue<Equal<NonNullable<typeof task>['timelogs'], EntityTypes.Timelog[] | undefined>>(true);
  expectTrue<Equal<EntityTypes.FileComponent['size'], number | undefined>>(true);
  expectTrue<Equal<EntityTypes.Task['custom_attributes'], EntityTypes.ContextCustomAttributeValue[] | undefined>>(true);
  // Generated entities are still Entities (methods of the runtime class).
  expectTrue<Equal<EntityTypes.Task['peek'], Entity['peek']>>(true);
  // @ts-expect-error name is a string
  const wrong: number | undefined = task?.name;
  void wrong;
  // @ts-expect-error name is a string
  if (task) task.name = 42;
  // A reference reads as its schema type and takes any entity (a Shot is a valid parent).
  const shot = await session.get('Shot', id);
  if (task && shot) task.parent = shot;
  // @ts-expect-error a reference takes an entity, not an id
  if (task) task.parent = 'id';

  // get: runtime strings, custom types and explicit generics stay untyped / as given.
  const dynamicType: string = 'Task';
  expectTrue<Equal<Awaited<ReturnType<typeof session.get<MyTask>>>, MyTask | undefined>>(true);
  expectTrue<Equal<Awaited<ReturnType<typeof session.get>>, Entity | undefined>>(true);
  expectTrue<Equal<typeof session.get<MyTask>, (entityType: string, key: Parameters<typeof session.get>[1]) => Promise<MyTask | undefined>>>(true);
  const dynamic = await session.get(dynamicType, id);
  expectTrue<Equal<typeof dynamic, Entity | undefined>>(true);
  const custom = await session.get('MyStudioCustomType', id);
  expectTrue<Equal<typeof custom, Entity | undefined>>(true);
  const mine = await session.get<MyTask>('Task', id);
  expectTrue<Equal<typeof mine, MyTask | undefined>>(true);

  // create: the data is checked against the schema; the result is typed.
  const component = session.create('FileComponent', { name: 'plate', size: 1024, file_type: '.exr' });
  expectTrue<Equal<typeof component, EntityTypes.FileComponent>>(true);
  // @ts-expect-error size is a number
  session.create('FileComponent', { size: 'big' });
  // @ts-expect-error no such attribute on Task
  session.create('Task', { nmae: 'typo' });
  // @ts-expect-error start_date is a Date
  session.create('Task', { start_date: '2026-01-01' });
  // References accept any entity (a Task is the parent of a Context reference).
  session.create('Task', { name: 'comp', parent: component, start_date: new Date() });
  // @ts-expect-error a reference is an entity, not an id
  session.create('Task', { parent: 'id' });
  // A runtime type or an explicit generic takes a plain record.
  const data: Record<string, unknown> = { name: 'x' };
  expectTrue<Equal<ReturnType<typeof session.create<MyTask>>, MyTask>>(true);
  expectTrue<Equal<typeof session.create<MyTask>, (entityType: string, data?: Record<string, unknown>) => MyTask>>(true);
  expectTrue<Equal<ReturnType<typeof session.create>, Entity>>(true);
  session.create(dynamicType, data);
  session.create<MyTask>('Task', data);
  session.create('MyStudioCustomType', data);
  // A record built at run time is accepted as is (only object literals are checked).
  expectTrue<Equal<ReturnType<typeof session.create<never, 'Task'>>, EntityTypes.Task>>(true);
  session.create('Task', data);
  expectTrue<Equal<keyof EntityData<'FileComponent'> & ('peek' | 'entityType' | '__entity_type__'), never>>(true);

  // ensure: typed like create; the identifying keys are attribute names.
  const user = await session.ensure('User', { username: 'jane', first_name: 'Jane' }, ['username']);
  expectTrue<Equal<typeof user, EntityTypes.User>>(true);
  // @ts-expect-error not an attribute of User
  void session.ensure('User', { username: 'jane' }, ['usrname']);
  const ensured = await session.ensure(dynamicType, data, ['name']);
  expectTrue<Equal<typeof ensured, Entity>>(true);

  // query: rows typed from the expression's entity type.
  expectTrue<Equal<QueryEntityType<'Task where name is "x"'>, 'Task'>>(true);
  expectTrue<Equal<QueryEntityType<'select name, parent.name from Shot where id is "1" limit 5'>, 'Shot'>>(true);
  expectTrue<Equal<QueryEntityType<'Project'>, 'Project'>>(true);
  const rows = session.query('select name, start_date from Task where project.name is "demo"');
  expectTrue<Equal<typeof rows, QueryResult<EntityTypes.Task>>>(true);
  const first = await session.query('AssetVersion where version is 1').first();
  expectTrue<Equal<NonNullable<typeof first>['version'], number | undefined>>(true);
  const shots = await session.query('Shot').all();
  expectTrue<Equal<typeof shots, EntityTypes.Shot[]>>(true);
  for await (const version of session.query('select id from AssetVersion')) {
    expectTrue<Equal<typeof version, EntityTypes.AssetVersion>>(true);
  }
  expectTrue<Equal<ReturnType<typeof session.query<MyTask>>, QueryResult<MyTask>>>(true);
  expectTrue<Equal<typeof session.query<EntityTypes.Task>, (expression: string, options?: { pageSize?: number }) => QueryResult<EntityTypes.Task>>>(true);
  // A template literal keeps its literal head, so it is typed too; a plain string is not.
  const built = session.query(`Task where id is "${id}"`);
  expectTrue<Equal<typeof built, QueryResult<EntityTypes.Task>>>(true);
  const expression: string = 'Task';
  expectTrue<Equal<ReturnType<typeof session.query<never, typeof expression>>, QueryResult<Entity>>>(true);
  const unknownType = session.query('NotAType where id is "1"');
  expectTrue<Equal<typeof unknownType, QueryResult<Entity>>>(true);
  // @ts-expect-error not an entity type
  void ({} as EntityTypeMap)['Tsak'];
}
void compileTimeChecks;

describe('types - entity types generated from the schemas', function () {
  this.timeout(60_000);
  let server: StandinServer | undefined;
  let session: Session | undefined;

  after(async () => {
    await session?.close();
    await server?.close();
  });

  it('types - the committed generated file matches data/query_schemas.json', () => {
    const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as Parameters<typeof generateEntityTypes>[0];
    const committed = readFileSync(new URL('../../src/session/entity-types.generated.ts', import.meta.url), 'utf8');
    assert.equal(generateEntityTypes(schemas, 'data/query_schemas.json'), committed, 'run: node --import=tsx scripts/generate-entity-types.ts');
    for (const schema of schemas) assert.match(committed, new RegExp(`^  ${schema.id}: ${schema.id};$`, 'm'));
  });

  it('types - the generator rejects a schema id that is not an identifier', () => {
    assert.throws(() => generateEntityTypes([{ id: 'Bad-Type', properties: {} }], 'x.json'), /not a TypeScript identifier/);
  });

  it('types - typed rows from the stand-in have the runtime types the interfaces claim', async () => {
    server = await startStandin();
    session = await Session.create({ serverUrl: server.url, apiUser: server.apiUser, apiKey: server.apiKey, schemaCachePath: false });
    const task = await session.get('Task', DEMO_IDS.task);
    assert.ok(task, 'the demo task exists');
    assert.equal(task.__entity_type__, 'Task');
    assert.equal(typeof task.name, 'string');
    const row = await session.query(`select name, start_date, parent, timelogs from Task where id is "${DEMO_IDS.task}"`).one();
    assert.equal(row, task, 'identity map: same object');
    assert.ok(row.start_date === undefined || row.start_date === null || row.start_date instanceof Date);
    assert.ok(row.parent instanceof Entity);
    assert.ok(Array.isArray(row.timelogs));
    const created = session.create('FileComponent', { name: 'plate', size: 1024, file_type: '.exr' });
    assert.equal(created.__entity_type__, 'FileComponent');
    assert.equal(created.size, 1024);
    session.rollback();
  });
});
