import { ExpressionSyntaxError } from '../errors.js';

/**
 * Splits an expression into tokens with 1-based columns. Browser-safe.
 *
 * Character classes follow the Python client (ftrack_api/event/expression.py):
 * bare words are `[A-Za-z0-9_.,/*@+-]` (fields are the narrower `[A-Za-z0-9_.]`,
 * checked by the parser), quoted values use pyparsing's quotedString rules.
 */

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Token =
  | { kind: 'word'; text: string; column: number }
  | { kind: 'quoted'; text: string; column: number }
  | { kind: 'op'; op: Operator; column: number }
  | { kind: 'lparen'; column: number }
  | { kind: 'rparen'; column: number }
  | { kind: 'end'; column: number };

const WORD_CHAR = /[A-Za-z0-9_.,/*@+-]/;
const WHITESPACE = ' \t\r\n';

/**
 * Reads a quoted value starting at `start` (the quote). Like pyparsing's
 * quotedString: no raw newlines, a doubled quote and a backslash escape do not
 * end the string, and escapes are NOT unescaped (the text between the outer
 * quotes is the value, as the Python client's removeQuotes leaves it).
 */
function readQuoted(text: string, start: number): number {
  const quote = text[start]!;
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') break;
    if (ch === '\\') {
      if (i + 1 >= text.length || text[i + 1] === '\n' || text[i + 1] === '\r') break;
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i;
    }
    i += 1;
  }
  throw new ExpressionSyntaxError(text, start + 1, `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value`);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const column = i + 1;
    if (WHITESPACE.includes(ch)) {
      i += 1;
    } else if (ch === '(') {
      tokens.push({ kind: 'lparen', column });
      i += 1;
    } else if (ch === ')') {
      tokens.push({ kind: 'rparen', column });
      i += 1;
    } else if (ch === '=' ) {
      tokens.push({ kind: 'op', op: '=', column });
      i += 1;
    } else if (ch === '!' || ch === '<' || ch === '>') {
      if (text[i + 1] === '=') {
        tokens.push({ kind: 'op', op: `${ch}=` as Operator, column });
        i += 2;
      } else if (ch === '!') {
        throw new ExpressionSyntaxError(text, column, '"!" must be followed by "=" (the operator is !=)');
      } else {
        tokens.push({ kind: 'op', op: ch as Operator, column });
        i += 1;
      }
    } else if (ch === '"' || ch === "'") {
      const end = readQuoted(text, i);
      tokens.push({ kind: 'quoted', text: text.slice(i + 1, end), column });
      i = end + 1;
    } else if (WORD_CHAR.test(ch)) {
      let end = i + 1;
      while (end < text.length && WORD_CHAR.test(text[end]!)) end += 1;
      tokens.push({ kind: 'word', text: text.slice(i, end), column });
      i = end;
    } else {
      throw new ExpressionSyntaxError(text, column, `unexpected character ${JSON.stringify(ch)}`);
    }
  }
  tokens.push({ kind: 'end', column: text.length + 1 });
  return tokens;
}
