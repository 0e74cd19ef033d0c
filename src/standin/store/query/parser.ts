import { QuerySyntaxError } from '../errors.js';

/**
 * Parser of the ftrack query language as the official clients use it
 * (protocol 1.8), including their oddities: unquoted UUIDs and words,
 * `in (a,b)`, `is None` / `is null`, `True`/`true`, a quoted string glued to
 * `and`, `where (id is "x")` and a trailing `offset N limit M`.
 */

export interface Literal {
  /** Unquoted or unescaped text; null for `None` / `null`. */
  text: string | null;
  quoted: boolean;
}

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'in' | 'not_in' | 'like' | 'not_like';

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'cmp'; path: string[]; op: Operator; value: Literal | Literal[] | ParsedQuery; position: number }
  | { kind: 'quant'; path: string[]; quantifier: 'has' | 'any'; expr: Expr | undefined; position: number };

export interface ParsedQuery {
  /** Dotted projection paths; undefined when the query has no `select`. */
  projections: string[][] | undefined;
  entityType: string;
  entityTypePosition: number;
  where: Expr | undefined;
  orderBy: { path: string[]; descending: boolean }[];
  offset: number | undefined;
  limit: number | undefined;
  /** `count(id)`, `sum(bid)`, … in the select list (protocol 1.8 aggregates). */
  aggregates: { fn: AggregateFunction; path: string[]; alias: string }[];
  /** `group by a, b`. */
  groupBy: string[][];
}

export const AGGREGATE_FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

interface Token {
  type: 'word' | 'string' | 'op' | '(' | ')' | ',';
  value: string;
  position: number;
}

const OPERATOR_WORDS: Record<string, Operator> = {
  is: '=',
  is_not: '!=',
  before: '<',
  less_than: '<',
  after: '>',
  greater_than: '>',
  in: 'in',
  not_in: 'not_in',
  like: 'like',
  not_like: 'not_like',
};

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new QuerySyntaxError(`Unterminated string starting with ${ch}`, start);
      i++;
      tokens.push({ type: 'string', value, position: start });
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: ch, value: ch, position: i });
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ type: 'op', value: two, position: i });
      i += 2;
      continue;
    }
    if (ch === '=' || ch === '<' || ch === '>') {
      tokens.push({ type: 'op', value: ch, position: i });
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !/[\s(),"'=!<>]/.test(text[i]!)) i++;
    if (i === start) throw new QuerySyntaxError(`Unexpected character "${ch}"`, start);
    tokens.push({ type: 'word', value: text.slice(start, i), position: start });
  }
  return tokens;
}

class Parser {
  private index = 0;
  private readonly tokens: Token[];
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }
  private isWord(token: Token | undefined, ...words: string[]): boolean {
    return token?.type === 'word' && words.includes(token.value.toLowerCase());
  }
  private fail(message: string, token?: Token): never {
    throw new QuerySyntaxError(`Invalid query "${this.text}": ${message}`, token?.position ?? this.text.length);
  }
  private expect(type: Token['type'], what: string): Token {
    const token = this.peek();
    if (token?.type !== type) this.fail(`expected ${what}${token ? ` but found "${token.value}"` : ' but the query ended'}`, token);
    this.index++;
    return token;
  }
  private path(token: Token): string[] {
    const parts = token.value.split('.');
    if (parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) this.fail(`"${token.value}" is not an attribute path`, token);
    return parts;
  }

  parseQuery(nested = false): ParsedQuery {
    let projections: string[][] | undefined;
    const aggregates: ParsedQuery['aggregates'] = [];
    if (this.isWord(this.peek(), 'select')) {
      this.index++;
      projections = [];
      for (;;) {
        const token = this.expect('word', 'an attribute to select');
        if (this.peek()?.type === '(' && (AGGREGATE_FUNCTIONS as readonly string[]).includes(token.value.toLowerCase())) {
          this.index++;
          const attr = this.expect('word', `an attribute inside ${token.value}(…)`);
          this.expect(')', 'a closing parenthesis');
          const fn = token.value.toLowerCase() as AggregateFunction;
          const path = this.path(attr);
          aggregates.push({ fn, path, alias: `${fn}_${path.join('_')}` });
        } else projections.push(this.path(token));
        if (this.peek()?.type !== ',') break;
        this.index++;
      }
      if (!this.isWord(this.peek(), 'from')) this.fail('expected "from" after the selected attributes', this.peek());
      this.index++;
    }
    const typeToken = this.expect('word', 'an entity type');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(typeToken.value)) this.fail(`"${typeToken.value}" is not an entity type`, typeToken);
    const query: ParsedQuery = {
      projections,
      entityType: typeToken.value,
      entityTypePosition: typeToken.position,
      where: undefined,
      orderBy: [],
      offset: undefined,
      limit: undefined,
      aggregates,
      groupBy: [],
    };
    for (;;) {
      const token = this.peek();
      if (!token) break;
      if (nested && token.type === ')') break;
      if (this.isWord(token, 'where') && query.where === undefined) {
        this.index++;
        query.where = this.parseOr();
      } else if (this.isWord(token, 'order') && this.isWord(this.peek(1), 'by')) {
        this.index += 2;
        for (;;) {
          const attr = this.expect('word', 'an attribute to order by');
          let descending = false;
          if (this.isWord(this.peek(), 'asc', 'desc')) descending = this.tokens[this.index++]!.value.toLowerCase() === 'desc';
          query.orderBy.push({ path: this.path(attr), descending });
          if (this.peek()?.type !== ',') break;
          this.index++;
        }
      } else if (this.isWord(token, 'group') && this.isWord(this.peek(1), 'by')) {
        this.index += 2;
        for (;;) {
          query.groupBy.push(this.path(this.expect('word', 'an attribute to group by')));
          if (this.peek()?.type !== ',') break;
          this.index++;
        }
      } else if (this.isWord(token, 'offset', 'limit')) {
        this.index++;
        const n = this.expect('word', 'a number');
        if (!/^\d+$/.test(n.value)) this.fail(`"${n.value}" is not a non-negative integer`, n);
        if (token.value.toLowerCase() === 'offset') query.offset = Number(n.value);
        else query.limit = Number(n.value);
      } else {
        this.fail(`unexpected "${token.value}"`, token);
      }
    }
    return query;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'or')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }
  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isWord(this.peek(), 'and')) {
      this.index++;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }
  private parseNot(): Expr {
    if (this.isWord(this.peek(), 'not')) {
      this.index++;
      return { kind: 'not', expr: this.parseNot() };
    }
    if (this.peek()?.type === '(') {
      this.index++;
      const inner = this.parseOr();
      this.expect(')', 'a closing parenthesis');
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): Expr {
    const attr = this.expect('word', 'an attribute');
    const path = this.path(attr);
    const opToken = this.peek();
    if (this.isWord(opToken, 'has', 'any')) {
      this.index++;
      this.expect('(', `"(" after ${opToken!.value}`);
      let expr: Expr | undefined;
      if (this.peek()?.type !== ')') expr = this.parseOr();
      this.expect(')', 'a closing parenthesis');
      return { kind: 'quant', path, quantifier: opToken!.value.toLowerCase() as 'has' | 'any', expr, position: attr.position };
    }
    let op: Operator | undefined;
    if (opToken?.type === 'op') op = opToken.value as Operator;
    else if (opToken?.type === 'word') op = OPERATOR_WORDS[opToken.value.toLowerCase()];
    if (!op) this.fail(`expected an operator after "${attr.value}"${opToken ? ` but found "${opToken.value}"` : ''}`, opToken);
    this.index++;
    if (op === 'in' || op === 'not_in') {
      this.expect('(', `"(" after ${op}`);
      if (this.isWord(this.peek(), 'select')) {
        const sub = this.parseQuery(true);
        this.expect(')', 'a closing parenthesis');
        return { kind: 'cmp', path, op, value: sub, position: attr.position };
      }
      const values: Literal[] = [];
      while (this.peek()?.type !== ')') {
        values.push(this.parseLiteral());
        if (this.peek()?.type === ',') this.index++;
        else break;
      }
      this.expect(')', 'a closing parenthesis');
      return { kind: 'cmp', path, op, value: values, position: attr.position };
    }
    return { kind: 'cmp', path, op, value: this.parseLiteral(), position: attr.position };
  }

  private parseLiteral(): Literal {
    const token = this.peek();
    if (token?.type === 'string') {
      this.index++;
      return { text: token.value, quoted: true };
    }
    if (token?.type === 'word') {
      this.index++;
      const lower = token.value.toLowerCase();
      if (lower === 'none' || lower === 'null') return { text: null, quoted: false };
      return { text: token.value, quoted: false };
    }
    return this.fail('expected a value', token);
  }
}

/** Parses a query expression; throws QuerySyntaxError with the position of the problem. */
export function parseQuery(text: string): ParsedQuery {
  if (typeof text !== 'string' || text.trim() === '') throw new QuerySyntaxError('The query expression is empty; expected e.g. "select id from Task"', 0);
  return new Parser(text).parseQuery();
}
