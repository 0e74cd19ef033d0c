import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression, ExpressionSyntaxError } from '../../../../src/event/index.js';

const event = {
  id: 'e1',
  topic: 'ftrack.update',
  data: {
    n: 10,
    s: '10',
    flag: true,
    nothing: null,
    name: 'comp',
    tags: ['hero', 'fx'],
    obj: { alpha: 1, beta: { deep: 'x' } },
    actionIdentifier: 'my.action',
    private: 'true',
    email: 'jane@x.com',
    spaced: 'a b',
    empty: '',
  },
  source: { id: 'src', user: { username: 'jane@x.com', id: '5c60' }, applicationId: 'ftrack.client.web' },
  target: '',
  sent: null,
  inReplyToEvent: null,
};

// [expression, candidate-overrides?, expected]
const table: Array<[string, boolean]> = [
  // section 6.4 examples
  ['topic=ftrack.update', true],
  ['topic=ftrack.*', true],
  ['topic=ftrack.action.launch and data.actionIdentifier=my.action and source.user.username="jane@x.com"', false],
  ['topic=ftrack.update and data.actionIdentifier=my.action and source.user.username="jane@x.com"', true],
  ['(topic=a or topic=b) and not data.private=true', false],
  ['(topic=a or topic=ftrack.update) and not data.private=false', true],
  ['(topic=a or topic=ftrack.update) and not data.private=true', false],
  // wildcard: substring (Python), not prefix
  ['topic=rack.*', true],
  ['topic=trac*', true],
  ['topic=update*', true],
  ['topic=nope*', false],
  ['topic=*', true],
  ['data.n=*', false],
  ['data.tags=hero*', true],
  ['data.tags=her*', false],
  ['data.obj=alpha*', true],
  ['data.obj=gamma*', false],
  ['data.flag=*', false],
  ['data.nothing=*', false],
  ['topic=ftrack*update', false],
  ['topic!=ftrack.*', true],
  // literals are strings
  ['data.n=10', false],
  ['data.s=10', true],
  ['data.s="10"', true],
  ["data.s='10'", true],
  ['data.n!=10', true],
  ['data.s!=10', false],
  ['data.flag=true', false],
  ['data.flag!=true', true],
  ['data.nothing=None', false],
  ['data.nothing!=None', true],
  ['data.tags=hero', false],
  // missing path is false for every operator
  ['data.missing=x', false],
  ['data.missing!=x', false],
  ['data.missing<x', false],
  ['data.missing>=x', false],
  ['data.name.deeper=x', false],
  ['data.name.deeper!=x', false],
  ['data.tags.0=hero', false],
  ['not data.missing=x', true],
  ['data.obj.beta.deep=x', true],
  ['data.obj.beta.deep!=y', true],
  // ordering: lexicographic strings, false against non-strings
  ['data.s<9', true],
  ['data.s>9', false],
  ['data.s<=10', true],
  ['data.s>=10', true],
  ['data.s>10', false],
  ['data.n<9', false],
  ['data.n>1', false],
  ['data.name>abc', true],
  ['data.name<abc', false],
  // keywords are case-insensitive; not > and > or
  ['topic=a OR topic=ftrack.update', true],
  ['topic=ftrack.update AND data.name=comp', true],
  ['NOT topic=a', true],
  ['Not Not topic=ftrack.update', true],
  ['topic=ftrack.update or topic=b and topic=c', true],
  ['topic=a or topic=b and topic=ftrack.update', false],
  ['(topic=a or topic=ftrack.update) and data.name=comp', true],
  ['not (topic=a or topic=b)', true],
  ['not topic=a and topic=ftrack.update', true],
  // quoting
  ['data.spaced="a b"', true],
  ["data.spaced='a b'", true],
  ['data.email=jane@x.com', true],
  ['data.empty=""', true],
  ['data.empty!=""', false],
  ['topic = ftrack.update', true],
  ['  topic=ftrack.update  ', true],
  // case-sensitive fields and values
  ['Topic=ftrack.update', false],
  ['topic=FTRACK.update', false],
  // targets against subscriber metadata are the same language
  ['source.applicationId=ftrack.client.web and source.user.id="5c60"', true],
  // prototype properties are not fields
  ['data.constructor=*', false],
  ['data.toString!=x', false],
  ['data.name.length=4', false],
];

describe('event/expression evaluate', () => {
  for (const [expression, expected] of table) {
    it(`expression - ${expression} ⇒ ${expected}`, () => {
      assert.equal(compileExpression(expression).match(event), expected);
    });
  }

  it('expression - keywords used as field names are fields', () => {
    assert.equal(compileExpression('not=1').match({ not: '1' }), true);
    assert.equal(compileExpression('and=x or or=y').match({ or: 'y' }), true);
    assert.equal(compileExpression('not not=1').match({ not: '1' }), false);
    assert.equal(compileExpression('topic=and').match({ topic: 'and' }), true);
  });

  it('expression - quoted values keep backslashes and doubled quotes verbatim', () => {
    assert.equal(compileExpression(String.raw`data.x="a\"b"`).match({ data: { x: String.raw`a\"b` } }), true);
    assert.equal(compileExpression(`data.x="a""b"`).match({ data: { x: 'a""b' } }), true);
    assert.equal(compileExpression(`data.x='it''s'`).match({ data: { x: "it''s" } }), true);
  });

  it('expression - non-object candidates never match', () => {
    for (const candidate of [null, undefined, 1, 'topic', [], ['ftrack.update']]) {
      assert.equal(compileExpression('topic=ftrack.update').match(candidate), false);
      assert.equal(compileExpression('topic!=x').match(candidate), false);
    }
  });

  it('expression - matches Event instances like their JSON', async () => {
    const { Event } = await import('../../../../src/event/index.js');
    const e = new Event('ftrack.update', { a: 'b' });
    assert.equal(compileExpression('topic=ftrack.update and data.a=b').match(e), true);
    assert.equal(compileExpression('stop=*').match(e), false);
  });

  it('expression - compiled once, evaluated many times, stateless', () => {
    const expr = compileExpression('topic=ftrack.* and not data.private=true');
    for (let i = 0; i < 100; i++) {
      assert.equal(expr.match({ topic: `ftrack.${i}`, data: { private: i % 2 ? 'true' : 'false' } }), i % 2 === 0);
    }
    assert.equal(expr.source, 'topic=ftrack.* and not data.private=true');
    assert.ok(Object.isFrozen(expr));
  });

  it('expression - topics lists the exact topics an expression can only match', () => {
    const cases: Array<[string, string[] | undefined]> = [
      ['topic=a', ['a']],
      ['topic="a b"', ['a b']],
      ['topic=a*', undefined],
      ['topic!=a', undefined],
      ['data.x=1', undefined],
      ['topic=a and data.x=1', ['a']],
      ['topic=a or topic=b', ['a', 'b']],
      ['topic=a or data.x=1', undefined],
      ['topic=a and topic=b', []],
      ['(topic=a or topic=b) and (topic=b or topic=c)', ['b']],
      ['not topic=a', undefined],
      ['topic=a or topic=a', ['a']],
    ];
    for (const [text, topics] of cases) {
      assert.deepEqual(compileExpression(text).topics, topics, text);
    }
  });

  it('expression - an event outside `topics` never matches (property)', () => {
    const topicArb = fc.constantFrom('a', 'b', 'c', 'a.b');
    const condition = fc.oneof(
      topicArb.map((t) => `topic=${t}`),
      topicArb.map((t) => `topic!=${t}`),
      fc.constantFrom('topic=a*', 'data.x=1', 'data.x!=1'),
    );
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        condition,
        fc.tuple(tie('e'), tie('e')).map(([x, y]) => `(${x} and ${y})`),
        fc.tuple(tie('e'), tie('e')).map(([x, y]) => `(${x} or ${y})`),
        tie('e').map((x) => `not (${x})`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, fc.constantFrom('a', 'b', 'c', 'a.b', 'd'), fc.constantFrom('1', '2'), (text, topic, x) => {
        const compiled = compileExpression(text);
        if (compiled.topics !== undefined && !compiled.topics.includes(topic)) {
          assert.equal(compiled.match({ topic, data: { x } }), false, text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('expression - arbitrary text compiles or throws ExpressionSyntaxError, nothing else', () => {
    const alphabet = fc.constantFrom('a', 'topic', '=', '!=', '<', '>=', ' ', '(', ')', '"', "'", 'and', 'or', 'not', '*', '.', '\\', '\n', 'é', '!');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(alphabet).map((a) => a.join(''))), (text) => {
        try {
          compileExpression(text).match(event);
        } catch (error) {
          assert.ok(error instanceof ExpressionSyntaxError, String(error));
          assert.ok(error.column >= 1 && error.column <= text.length + 1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
