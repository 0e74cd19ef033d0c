import { FtrackError } from '../errors.js';

/** A command line the command cannot act on (a bad flag value, a missing server); the CLI exits 2. */
export class CliUsageError extends FtrackError {
  readonly code = 'FTRACK_ERR_CLI_USAGE' as const;
}
