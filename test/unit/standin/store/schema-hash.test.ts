import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../../../src/internal/paths.js';
import { pythonJsonDumps, schemaHash } from '../../../../src/standin/store/schema-hash.js';

describe('standin store - schema hash', () => {
  it('reproduces the fixture schema_hash of data/query_schemas.json', () => {
    const schemas = JSON.parse(readFileSync(join(DATA_DIR, 'query_schemas.json'), 'utf8')) as unknown[];
    const info = JSON.parse(readFileSync(join(DATA_DIR, 'query_server_information.json'), 'utf8')) as { schema_hash: string };
    assert.equal(schemaHash(schemas), '23a1157b8b1730fd91c76f63dcd67a8f');
    assert.equal(schemaHash(schemas), info.schema_hash);
  });

  it('serialises like Python json.dumps(sort_keys=True)', () => {
    assert.equal(pythonJsonDumps({ b: 1, a: [true, null, 'x'] }), '{"a": [true, null, "x"], "b": 1}');
    assert.equal(pythonJsonDumps('é"\\\n'), '"\\u00e9\\"\\\\\\n"');
    assert.equal(pythonJsonDumps('😀'), '"\\ud83d\\ude00"');
    assert.equal(pythonJsonDumps(1.5), '1.5');
    assert.equal(pythonJsonDumps(1e21), '1e+21');
  });
});
