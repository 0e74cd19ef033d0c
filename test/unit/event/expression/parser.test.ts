import assert from 'node:assert/strict';
import { compileExpression, ExpressionSyntaxError, parseExpression } from '../../../../src/event/index.js';

function syntaxError(text: string, column: number): void {
  assert.throws(
    () => compileExpression(text),
    (error: unknown) => {
      assert.ok(error instanceof ExpressionSyntaxError, String(error));
      assert.equal(error.code, 'FTRACK_ERR_EXPRESSION_SYNTAX');
      assert.equal(error.column, column, `${text}: ${error.message}`);
      assert.equal(error.expression, text);
      assert.match(error.message, new RegExp(`column ${column}`));
      return true;
    },
  );
}

describe('event/expression parser', () => {
  const errors: Array<[string, number]> = [
    ['', 1],
    ['   ', 4],
    ['topic', 6],
    ['topic=', 7],
    ['=a', 1],
    ['topic==a', 7],
    ['topic=a and', 12],
    ['topic=a or or topic=b', 15],
    ['topic=a topic=b', 9],
    ['(topic=a', 9],
    ['topic=a)', 8],
    ['()', 2],
    ['topic=a b', 9],
    ['topic="a', 7],
    ["topic='a", 7],
    ['topic="a\nb"', 7],
    ['data.my-field=1', 8],
    ['topic!a', 6],
    ['topic=a & topic=b', 9],
    ['topic=é', 7],
    ['topic=a:b', 8],
    ['and topic=a', 5],
    ['not', 4],
    ['topic=(a)', 7],
    ['data.x<>1', 8],
  ];
  for (const [text, column] of errors) {
    it(`expression - ${JSON.stringify(text)} is a syntax error at column ${column}`, () => syntaxError(text, column));
  }

  it('expression - a non-string expression is a syntax error', () => {
    assert.throws(() => compileExpression(42 as unknown as string), ExpressionSyntaxError);
  });

  it('expression - builds the precedence tree not > and > or', () => {
    const tree = parseExpression('a=1 or not b=2 and c=3');
    assert.equal(tree.kind, 'or');
    assert.ok(tree.kind === 'or');
    assert.equal(tree.items[1]!.kind, 'and');
    const and = tree.items[1]!;
    assert.ok(and.kind === 'and');
    assert.equal(and.items[0]!.kind, 'not');
  });

  it('expression - parses every operator and value form', () => {
    for (const op of ['=', '!=', '<', '>', '<=', '>=']) {
      const node = parseExpression(`data.x ${op} v`);
      assert.ok(node.kind === 'condition');
      assert.equal(node.op, op);
      assert.deepEqual(node.path, ['data', 'x']);
    }
    const node = parseExpression('data.x=a-b_c,d./e*@f+g');
    assert.ok(node.kind === 'condition');
    assert.equal(node.value, 'a-b_c,d./e*@f+g');
  });

  it('expression - handles deep nesting without blowing up', () => {
    const text = `${'('.repeat(200)}topic=a${')'.repeat(200)}`;
    assert.equal(compileExpression(text).match({ topic: 'a' }), true);
  });
});
