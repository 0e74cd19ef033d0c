import { FtrackError } from '../errors.js';

/**
 * Errors of events, expressions and the EventHub. Browser-safe (no Node imports).
 */

/** A payload that cannot be read as an ftrack event (not an object, no topic). */
export class InvalidEventError extends FtrackError {
  readonly code = 'FTRACK_ERR_EVENT_INVALID' as const;
  constructor(reason: string) {
    super(`Invalid ftrack event: ${reason}. An event is an object with at least a non-empty string "topic".`);
  }
}

/** A subscription or target expression that does not parse. `column` is 1-based. */
export class ExpressionSyntaxError extends FtrackError {
  readonly code = 'FTRACK_ERR_EXPRESSION_SYNTAX' as const;
  /** 1-based column of the first offending character. */
  readonly column: number;
  /** The expression text as given. */
  readonly expression: string;

  constructor(expression: string, column: number, reason: string) {
    super(
      `Invalid expression at column ${column}: ${reason} in ${JSON.stringify(expression)}. ` +
        'Write conditions like topic=ftrack.update or data.name="a b", joined with and/or/not and parentheses.',
    );
    this.column = column;
    this.expression = expression;
  }
}
