import { ExpressionSyntaxError } from '../errors.js';
import { tokenize, type Operator, type Token } from './tokenizer.js';

/**
 * Recursive-descent parser of the subscription/target expression language
 * (protocol 6.4). Browser-safe.
 *
 *   or_expr  := and_expr ( OR and_expr )*
 *   and_expr := not_expr ( AND not_expr )*
 *   not_expr := NOT not_expr | primary
 *   primary  := field op value | "(" or_expr ")"
 *
 * Keywords are case-insensitive and only keywords where they act as one: as in
 * the Python client, `not=1` or `and=x` are conditions on a field named so.
 */
// ftrack_api equiv: event/expression.py Parser

export type ExpressionNode =
  | { kind: 'condition'; field: string; path: readonly string[]; op: Operator; value: string; column: number }
  | { kind: 'and'; items: readonly ExpressionNode[] }
  | { kind: 'or'; items: readonly ExpressionNode[] }
  | { kind: 'not'; item: ExpressionNode };

const FIELD = /^[A-Za-z0-9_.]+$/;

function isKeyword(token: Token, keyword: 'and' | 'or' | 'not'): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === keyword;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'word':
      return JSON.stringify(token.text);
    case 'quoted':
      return 'a quoted value';
    case 'op':
      return `operator ${JSON.stringify(token.op)}`;
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'end':
      return 'the end of the expression';
  }
}

class Parser {
  readonly #text: string;
  readonly #tokens: Token[];
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
    this.#tokens = tokenize(text);
  }

  parse(): ExpressionNode {
    if (this.#peek().kind === 'end') throw this.#error(this.#peek(), 'the expression is empty; expected a condition such as topic=ftrack.update');
    const node = this.#or();
    const rest = this.#peek();
    if (rest.kind !== 'end') {
      throw this.#error(rest, `unexpected ${describe(rest)}; conditions must be joined with and/or`);
    }
    return node;
  }

  #peek(offset = 0): Token {
    return this.#tokens[Math.min(this.#pos + offset, this.#tokens.length - 1)]!;
  }

  #next(): Token {
    const token = this.#peek();
    if (this.#pos < this.#tokens.length - 1) this.#pos += 1;
    return token;
  }

  #error(token: Token, reason: string): ExpressionSyntaxError {
    return new ExpressionSyntaxError(this.#text, token.column, reason);
  }

  /** A keyword token that is followed by an operator is a field name, not a keyword. */
  #atKeyword(keyword: 'and' | 'or' | 'not'): boolean {
    return isKeyword(this.#peek(), keyword) && this.#peek(1).kind !== 'op';
  }

  #or(): ExpressionNode {
    const items = [this.#and()];
    while (this.#atKeyword('or')) {
      this.#next();
      items.push(this.#and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  #and(): ExpressionNode {
    const items = [this.#not()];
    while (this.#atKeyword('and')) {
      this.#next();
      items.push(this.#not());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  #not(): ExpressionNode {
    if (this.#atKeyword('not')) {
      this.#next();
      return { kind: 'not', item: this.#not() };
    }
    return this.#primary();
  }

  #primary(): ExpressionNode {
    const token = this.#next();
    if (token.kind === 'lparen') {
      const inner = this.#or();
      const close = this.#next();
      if (close.kind !== 'rparen') throw this.#error(close, `expected ")" to close the "(" at column ${token.column}, found ${describe(close)}`);
      return inner;
    }
    if (token.kind !== 'word') throw this.#error(token, `expected a field name or "(", found ${describe(token)}`);
    if (!FIELD.test(token.text)) {
      const bad = [...token.text].findIndex((ch) => !/[A-Za-z0-9_.]/.test(ch));
      throw new ExpressionSyntaxError(this.#text, token.column + bad, `field names may only contain letters, digits, "_" and "." (in ${JSON.stringify(token.text)})`);
    }
    const op = this.#next();
    if (op.kind !== 'op') throw this.#error(op, `expected an operator (= != < > <= >=) after ${JSON.stringify(token.text)}, found ${describe(op)}`);
    const value = this.#next();
    if (value.kind !== 'word' && value.kind !== 'quoted') {
      throw this.#error(value, `expected a value after ${JSON.stringify(op.op)}, found ${describe(value)}; quote values with spaces or symbols`);
    }
    return { kind: 'condition', field: token.text, path: token.text.split('.'), op: op.op, value: value.text, column: token.column };
  }
}

/** Parses `text` (leading/trailing whitespace ignored). Throws {@link ExpressionSyntaxError}. */
export function parseExpression(text: string): ExpressionNode {
  if (typeof text !== 'string') throw new ExpressionSyntaxError(String(text), 1, 'the expression must be a string');
  return new Parser(text).parse();
}
