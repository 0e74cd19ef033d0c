import { FtrackError } from '../../errors.js';

/**
 * Errors of the stand-in store. Each maps to one ftrack `exception` name
 * (protocol 1.5) through `serverException`, used by the `/api` layer.
 */
export abstract class StoreError extends FtrackError {
  /** The `exception` name the API answers with. */
  abstract readonly serverException: string;
}

/** Bad data in a create/update (missing required attribute, wrong type, unknown type). */
export class StoreValidationError extends StoreError {
  readonly code = 'FTRACK_ERR_STANDIN_VALIDATION' as const;
  readonly serverException = 'ValidationError';
}

/** The entity addressed by an update/delete does not exist. */
export class EntityNotFoundError extends StoreError {
  readonly code = 'FTRACK_ERR_STANDIN_NOT_FOUND' as const;
  readonly serverException = 'NoResultFoundError';
}

/** A query expression that cannot be parsed or compiled. */
export class QuerySyntaxError extends StoreError {
  readonly code = 'FTRACK_ERR_STANDIN_QUERY' as const;
  readonly serverException = 'QueryError';
  /** 0-based character position in the expression, when known. */
  readonly position: number | undefined;
  constructor(message: string, position?: number) {
    super(position === undefined ? message : `${message} (at position ${position})`);
    this.position = position;
  }
}

/** A unique-key conflict (an entity with this primary key already exists). */
export class DuplicateEntityError extends StoreError {
  readonly code = 'FTRACK_ERR_STANDIN_DUPLICATE' as const;
  readonly serverException = 'IntegrityError';
}
