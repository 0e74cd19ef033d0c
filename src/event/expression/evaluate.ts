import type { ExpressionNode } from './parser.js';

/**
 * Turns a parsed expression into a matcher closure, with the Python client's
 * semantics (protocol 6.4). Browser-safe.
 *
 * - The field path walks own keys of plain objects only (arrays, strings and
 *   prototypes are not walked); a missing key ⇒ false for every operator.
 * - The literal is always a string: `data.n=10` never equals the number 10, and
 *   `!=` against a non-string is true.
 * - `=` with a literal ending in `*` tests the rest with Python `in`: substring
 *   of a string, element of a list, key of an object. `*` alone matches any string.
 * - `< <= > >=` compare strings by code point; against a non-string they are
 *   false (Python raises TypeError there).
 */
// ftrack_api equiv: event/expression.py Condition.match

export type Matcher = (candidate: unknown) => boolean;

const MISSING = Symbol('missing');

function isWalkable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function lookup(candidate: unknown, path: readonly string[]): unknown {
  let value = candidate;
  for (const key of path) {
    if (!isWalkable(value) || !Object.prototype.hasOwnProperty.call(value, key)) return MISSING;
    value = value[key];
  }
  return value;
}

/** Python str comparison: by code point, not by UTF-16 unit. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i += 1;
  }
  return a.length - b.length;
}

function contains(value: unknown, needle: string): boolean {
  if (typeof value === 'string') return value.includes(needle);
  if (Array.isArray(value)) return value.includes(needle);
  if (isWalkable(value)) return Object.prototype.hasOwnProperty.call(value, needle);
  return false; // Python raises TypeError for numbers, booleans and None
}

function conditionMatcher(node: Extract<ExpressionNode, { kind: 'condition' }>): Matcher {
  const { path, value: literal } = node;
  const single = path.length === 1 ? path[0]! : undefined;
  const get =
    single !== undefined
      ? (candidate: unknown): unknown =>
          isWalkable(candidate) && Object.prototype.hasOwnProperty.call(candidate, single) ? candidate[single] : MISSING
      : (candidate: unknown): unknown => lookup(candidate, path);
  switch (node.op) {
    case '=': {
      if (literal.endsWith('*')) {
        const needle = literal.slice(0, -1);
        return (candidate) => {
          const value = get(candidate);
          return value !== MISSING && contains(value, needle);
        };
      }
      return (candidate) => get(candidate) === literal;
    }
    case '!=':
      return (candidate) => {
        const value = get(candidate);
        return value !== MISSING && value !== literal;
      };
    case '<':
      return (candidate) => {
        const value = get(candidate);
        return typeof value === 'string' && compareStrings(value, literal) < 0;
      };
    case '<=':
      return (candidate) => {
        const value = get(candidate);
        return typeof value === 'string' && compareStrings(value, literal) <= 0;
      };
    case '>':
      return (candidate) => {
        const value = get(candidate);
        return typeof value === 'string' && compareStrings(value, literal) > 0;
      };
    case '>=':
      return (candidate) => {
        const value = get(candidate);
        return typeof value === 'string' && compareStrings(value, literal) >= 0;
      };
  }
}

export function buildMatcher(node: ExpressionNode): Matcher {
  switch (node.kind) {
    case 'condition':
      return conditionMatcher(node);
    case 'not': {
      const inner = buildMatcher(node.item);
      return (candidate) => !inner(candidate);
    }
    case 'and': {
      const items = node.items.map(buildMatcher);
      return (candidate) => items.every((item) => item(candidate));
    }
    case 'or': {
      const items = node.items.map(buildMatcher);
      return (candidate) => items.some((item) => item(candidate));
    }
  }
}

/**
 * The finite set of exact topics an expression can only match, or undefined
 * when it may match events of any topic. `[]` means it can match nothing.
 */
export function exactTopics(node: ExpressionNode): string[] | undefined {
  switch (node.kind) {
    case 'condition':
      return node.field === 'topic' && node.op === '=' && !node.value.endsWith('*') ? [node.value] : undefined;
    case 'not':
      return undefined;
    case 'or': {
      const union = new Set<string>();
      for (const item of node.items) {
        const topics = exactTopics(item);
        if (topics === undefined) return undefined;
        for (const topic of topics) union.add(topic);
      }
      return [...union];
    }
    case 'and': {
      let result: Set<string> | undefined;
      for (const item of node.items) {
        const topics = exactTopics(item);
        if (topics === undefined) continue;
        result = result === undefined ? new Set(topics) : new Set(topics.filter((topic) => result!.has(topic)));
      }
      return result === undefined ? undefined : [...result];
    }
  }
}
