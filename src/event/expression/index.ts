import { buildMatcher, exactTopics } from './evaluate.js';
import { parseExpression } from './parser.js';

/**
 * The subscription/target expression language of ftrack (protocol 6.4), with
 * the Python client's semantics. Browser-safe.
 */

export interface CompiledExpression {
  /** The expression text as given. */
  readonly source: string;
  /** Whether `candidate` (an event for subscriptions, subscriber metadata for targets) matches. */
  match(candidate: unknown): boolean;
  /** Exact topics this expression can only match, or undefined when unbounded; used to index subscriptions. */
  readonly topics: readonly string[] | undefined;
}

/**
 * Parses `text` once into a reusable matcher. Throws
 * {@link ExpressionSyntaxError} (code `FTRACK_ERR_EXPRESSION_SYNTAX`, with a 1-based `column`).
 *
 * @example
 * const expr = compileExpression('topic=ftrack.action.launch and data.actionIdentifier=encode');
 * expr.match(event.toJSON()); // true or false
 * expr.topics; // ['ftrack.action.launch']
 */
export function compileExpression(text: string): CompiledExpression {
  const ast = parseExpression(text);
  const match = buildMatcher(ast);
  const topics = exactTopics(ast);
  return Object.freeze({ source: text, match, topics: topics === undefined ? undefined : Object.freeze(topics) });
}

export { parseExpression, type ExpressionNode } from './parser.js';
export { tokenize, type Token, type Operator } from './tokenizer.js';
export { buildMatcher, exactTopics, type Matcher } from './evaluate.js';
