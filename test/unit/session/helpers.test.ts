import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DATA_DIR } from '../../../src/internal/paths.js';
import {
  DateOnly,
  FileCache,
  LayeredCache,
  MemoryCache,
  ObjectKeyMaker,
  SerialisedCache,
  SessionConfigError,
  SessionInputError,
  StringKeyMaker,
  checkCompatibility,
  decodeDatetime,
  decodeValue,
  encodeValue,
  parseSequence,
  framePath,
  pythonJsonDumps,
  resolveSessionOptions,
  schemaHash,
  splitPaging,
  ServerCompatibilityError,
} from '../../../src/session/index.js';

describe('session helpers - python compatibility', () => {
  it('session helpers - schemaHash of the fixture schemas equals the server schema_hash', () => {
    const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as unknown;
    const info = JSON.parse(readFileSync(join(DATA_DIR, 'query_server_information.json'), 'utf8')) as { schema_hash: string };
    assert.equal(schemaHash(schemas), info.schema_hash);
  });

  it('session helpers - pythonJsonDumps sorts keys, uses Python separators and ASCII escapes', () => {
    assert.equal(pythonJsonDumps({ b: [1, 'é'], a: null, c: true }), '{"a": null, "b": [1, "\\u00e9"], "c": true}');
  });

  it('session helpers - pythonJsonDumps renders any JSON value as a plain reference rendering does', () => {
    // Straightforward reference: sorted keys, ", " and ": " separators, ASCII escapes.
    const esc = (t: string): string => JSON.stringify(t).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const ref = (v: unknown): string => {
      if (v === null) return 'null';
      if (typeof v === 'boolean') return String(v);
      if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v).replace(/e([+-])(\d)$/, 'e$10$2');
      if (typeof v === 'string') return esc(v);
      if (Array.isArray(v)) return `[${v.map(ref).join(', ')}]`;
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o).sort().map((k) => `${esc(k)}: ${ref(o[k])}`).join(', ')}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        assert.equal(pythonJsonDumps(value), ref(value));
      }),
      { numRuns: 300 },
    );
    assert.equal(pythonJsonDumps(['a"b\\c\n\u007f', { 'ключ': 'é', '"': 1.5e-7 }]), '["a\\"b\\\\c\\n\\u007f", {"\\"": 1.5e-07, "\\u043a\\u043b\\u044e\\u0447": "\\u00e9"}]');
  });

  it('session helpers - StringKeyMaker writes str() of a Python tuple; ObjectKeyMaker is order-independent', () => {
    const maker = new StringKeyMaker();
    assert.equal(maker.key('User', ['5c60']), "('User', ['5c60'])");
    assert.equal(maker.key("it's"), '("it\'s",)');
    const objects = new ObjectKeyMaker();
    assert.equal(objects.key({ a: 1, b: 2 }), objects.key({ b: 2, a: 1 }));
    assert.notEqual(objects.key({ a: 1 }), objects.key({ a: 2 }));
  });
});

describe('session helpers - options', () => {
  it('session options - falls back to the FTRACK_* variables and splits the plugin path list', () => {
    const resolved = resolveSessionOptions({
      env: {
        FTRACK_SERVER: 'https://studio.example/',
        FTRACK_API_KEY: 'k',
        FTRACK_API_USER: 'u',
        FTRACK_EVENT_PLUGIN_PATH: ['/a', ' ', '/b'].join(delimiter),
        FTRACK_API_SCHEMA_CACHE_PATH: '/tmp/schemas',
      },
    });
    assert.equal(resolved.serverUrl, 'https://studio.example');
    assert.equal('apiKey' in resolved, false, 'the resolved options never hold the key');
    assert.equal(resolved.apiUser, 'u');
    assert.deepEqual(resolved.pluginPaths, ['/a', '/b']);
    assert.equal(resolved.schemaCachePath, '/tmp/schemas');
    assert.equal(resolved.autoPopulate, true);
    assert.equal(resolved.timeoutMs, 60_000);
    assert.equal(resolveSessionOptions({ serverUrl: 'http://x', apiKey: 'k', apiUser: 'u', schemaCachePath: false, env: {} }).schemaCachePath, false);
  });

  it('session options - a missing server, key or user names the option and the variable', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ FTRACK_API_KEY: 'k', FTRACK_API_USER: 'u' }, /serverUrl.*FTRACK_SERVER/],
      [{ FTRACK_SERVER: 'http://x', FTRACK_API_USER: 'u' }, /apiKey.*FTRACK_API_KEY/],
      [{ FTRACK_SERVER: 'http://x', FTRACK_API_KEY: 'k' }, /apiUser.*FTRACK_API_USER/],
      [{ FTRACK_SERVER: 'ftp://x', FTRACK_API_KEY: 'k', FTRACK_API_USER: 'u' }, /http/],
    ];
    for (const [env, message] of cases) {
      assert.throws(() => resolveSessionOptions({ env }), (e: SessionConfigError) => {
        assert.ok(e instanceof SessionConfigError);
        assert.equal(e.code, 'FTRACK_ERR_SESSION_CONFIG');
        assert.match(e.message, message);
        return true;
      });
    }
  });

  it('session options - server compatibility: >= 3.3.11, dev, or an unparsable version pass', () => {
    for (const version of ['dev', '3.3.11', '4.13.2', '10.0.0.1', 'nightly']) checkCompatibility({ version });
    for (const version of ['3.3.10', '2.9.0']) assert.throws(() => checkCompatibility({ version }), ServerCompatibilityError);
    assert.throws(() => checkCompatibility({}), ServerCompatibilityError);
  });
});

describe('session helpers - value encoding', () => {
  it('session codec - naive server datetimes are UTC; zones are kept; dates are DateOnly', () => {
    assert.equal(decodeDatetime('2022-10-10T10:12:09').toISOString(), '2022-10-10T10:12:09.000Z');
    assert.equal(decodeDatetime('2022-10-10T10:12:09+02:00').toISOString(), '2022-10-10T08:12:09.000Z');
    assert.equal(decodeDatetime('2022-10-10T10:12:09Z').toISOString(), '2022-10-10T10:12:09.000Z');
    const decoded = decodeValue({ a: { __type__: 'datetime', value: '2024-05-01T09:30:00' }, b: { __type__: 'date', value: '2024-05-01' } }, () => null) as Record<string, unknown>;
    assert.ok(decoded.a instanceof Date);
    assert.ok(decoded.b instanceof DateOnly);
    assert.deepEqual(encodeValue(decoded), { a: { __type__: 'datetime', value: '2024-05-01T09:30:00.000Z' }, b: { __type__: 'date', value: '2024-05-01' } });
    assert.throws(() => decodeDatetime('not a date'), TypeError);
  });
});

describe('session helpers - caches', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'session-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('session caches - LayeredCache reads top-down and back-fills; remove succeeds on any layer', () => {
    const top = new MemoryCache();
    const bottom = new MemoryCache();
    bottom.set('k', 1);
    const layered = new LayeredCache([top, bottom]);
    assert.equal(layered.get('k'), 1);
    assert.equal(top.get('k'), 1);
    layered.set('j', 2);
    assert.equal(bottom.get('j'), 2);
    top.clear();
    assert.equal(layered.remove('k'), true);
    assert.equal(layered.remove('k'), false);
    layered.clear(/^j$/);
    assert.deepEqual(layered.keys(), []);
  });

  it('session caches - FileCache with SerialisedCache survives a restart', () => {
    const path = join(dir, 'cache.json');
    const first = new SerialisedCache(new FileCache(path));
    first.set("('User', ['1'])", { __entity_type__: 'User', id: '1', username: 'jane' });
    first.flush();
    const second = new SerialisedCache(new FileCache(path));
    assert.deepEqual(second.get("('User', ['1'])"), { __entity_type__: 'User', id: '1', username: 'jane' });
    assert.throws(() => new FileCache(path).set('x', {} as unknown as string), TypeError);
    assert.equal(new FileCache(join(dir, 'missing.json')).get('x'), undefined);
  });
});

describe('session helpers - sequences and paging', () => {
  it('session sequence - parses padding, ranges and holes', () => {
    const spec = parseSequence('/renders/shot.%04d.exr [1001-1003, 1005, 1007-1008]')!;
    assert.equal(spec.padding, 4);
    assert.deepEqual(spec.frames, [1001, 1002, 1003, 1005, 1007, 1008]);
    assert.equal(framePath(spec, 1005), '/renders/shot.1005.exr');
    assert.equal(parseSequence('/renders/f.%d.png [1-3]')!.padding, 0);
    assert.equal(parseSequence('/renders/plain.mov'), undefined);
    assert.throws(() => parseSequence('/r/f.%04d.exr [9-1]'), SessionInputError);
  });

  it('session query - splitPaging removes offset and limit like the Python client', () => {
    assert.deepEqual(splitPaging('select id from Task where name is "x" offset 10 limit 5'), { base: 'select id from Task where name is "x"', offset: 10, limit: 5 });
    assert.deepEqual(splitPaging('Task'), { base: 'Task', offset: 0, limit: undefined });
  });
});
