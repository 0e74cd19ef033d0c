import assert from 'node:assert/strict';
import { parseQuery } from '../../../../src/standin/store/query/parser.js';
import { QuerySyntaxError } from '../../../../src/standin/store/errors.js';

describe('standin store - query parser', () => {
  it('parses select, where, order by, offset and limit', () => {
    const q = parseQuery('select name, status.name from Task where name like "comp%" order by name desc, id offset 10 limit 5');
    assert.deepEqual(q.projections, [['name'], ['status', 'name']]);
    assert.equal(q.entityType, 'Task');
    assert.deepEqual(q.orderBy, [{ path: ['name'], descending: true }, { path: ['id'], descending: false }]);
    assert.equal(q.offset, 10);
    assert.equal(q.limit, 5);
    assert.deepEqual(q.where, { kind: 'cmp', path: ['name'], op: 'like', value: { text: 'comp%', quoted: true }, position: 41 });
  });

  it('accepts the no-select form', () => {
    const q = parseQuery('Task where id is 5c60d6a2-1b2c-4d5e-8f90-a1b2c3d4e5f6');
    assert.equal(q.projections, undefined);
    assert.deepEqual(q.where && q.where.kind === 'cmp' ? q.where.value : undefined, { text: '5c60d6a2-1b2c-4d5e-8f90-a1b2c3d4e5f6', quoted: false });
  });

  it('accepts the client oddities of protocol 0.1 point 10', () => {
    const q = parseQuery('select id from Metadata where (parent_id is "a"and key is "b") or (parent_id is "c"and key is "d") offset 0 limit 500');
    assert.equal(q.where?.kind, 'or');
    const list = parseQuery('select id from Task where id in (a1,b2) and parent_id in (c3, d4)');
    assert.equal(list.where?.kind, 'and');
    const nulls = parseQuery('select id from User where username is "jdoe" and age is None and x is null and is_active is True');
    assert.ok(nulls.where);
    const paren = parseQuery('select id from Job where (id is "d4c3")');
    assert.equal(paren.where?.kind, 'cmp');
    const eq = parseQuery('Timer where user_id = "u1"');
    assert.equal(eq.where?.kind === 'cmp' && eq.where.op, '=');
  });

  it('parses has/any quantifiers, not, and empty any ()', () => {
    const q = parseQuery('Task where not timelogs any () and status has (name is "x") and metadata any (key=foo and value=bar)');
    assert.equal(q.where?.kind, 'and');
  });

  it('parses aggregates and group by', () => {
    const q = parseQuery('select count(id), status_id from Task group by status_id, project_id limit 5');
    assert.deepEqual(q.aggregates, [{ fn: 'count', path: ['id'], alias: 'count_id' }]);
    assert.deepEqual(q.projections, [['status_id']]);
    assert.deepEqual(q.groupBy, [['status_id'], ['project_id']]);
    assert.equal(q.limit, 5);
  });

  it('parses a subquery in "in (select …)"', () => {
    const q = parseQuery('Task where id in (select parent_id from Task where name is "x")');
    assert.ok(q.where?.kind === 'cmp' && !Array.isArray(q.where.value) && 'entityType' in q.where.value);
  });

  for (const [expression, position] of [
    ['select from Task', 12],
    ['select name Task', 12],
    ['Task where name', 15],
    ['Task where name is "open', 19],
    ['Task where (name is "x"', 23],
    ['Task limit x', 11],
    ['Task where name ~ "x"', 16],
    ['', 0],
  ] as const) {
    it(`rejects ${JSON.stringify(expression)} with a QuerySyntaxError and its position`, () => {
      assert.throws(
        () => parseQuery(expression),
        (error: unknown) => error instanceof QuerySyntaxError && error.code === 'FTRACK_ERR_STANDIN_QUERY' && error.position === position,
      );
    });
  }
});

describe('standin store - query parser robustness', () => {
  it('throws only QuerySyntaxError (or parses) on arbitrary input', async () => {
    const fc = (await import('fast-check')).default;
    const pieces = fc.constantFrom('select', 'from', 'where', 'Task', 'name', 'is', 'in', '(', ')', ',', '"x"', "'y'", 'and', 'or', 'not', 'has', 'any', 'limit', 'offset', '1', 'order', 'by', 'desc', '=', '!=', '"', '.', 'parent.name', 'None');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 14 }).map((p) => p.join(' '))), (text) => {
        try {
          parseQuery(text);
        } catch (error) {
          if (!(error instanceof QuerySyntaxError)) throw error;
          assert.ok(error.position === undefined || (error.position >= 0 && error.position <= text.length));
        }
      }),
      { numRuns: 500 },
    );
  });
});
