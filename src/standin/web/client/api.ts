import { FtrackError } from '../../../errors.js';

/**
 * The page's client of the stand-in `/api` endpoint (header authentication,
 * batched operations) and of the component download/thumbnail URLs.
 */

/** Id of the `ftrack.server` location (protocol 3.1). */
export const SERVER_LOCATION_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';

/** The server answered an operation with an error envelope, or not at all. */
export class WebApiError extends FtrackError {
  readonly code = 'FTRACK_ERR_WEB_API' as const;
  /** The server's `exception` name, e.g. `ValidationError`. */
  readonly exception: string;
  constructor(exception: string, content: string) {
    super(`${exception}: ${content}`);
    this.exception = exception;
  }
}

export type Entity = Record<string, unknown> & { __entity_type__: string; id: string };

/** Credentials of the signed-in stand-in user. */
export interface Credentials {
  username: string;
  apiKey: string;
  userId: string;
  roles: string[];
}

export class ApiClient {
  readonly serverUrl: string;
  readonly credentials: Credentials;

  constructor(serverUrl: string, credentials: Credentials) {
    this.serverUrl = serverUrl.replace(/\/$/, '');
    this.credentials = credentials;
  }

  /** Sends one batch; resolves to the per-operation results. */
  async call(operations: Record<string, unknown>[]): Promise<unknown[]> {
    let response: Response;
    try {
      response = await fetch(`${this.serverUrl}/api`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'ftrack-user': this.credentials.username,
          'ftrack-api-key': this.credentials.apiKey,
        },
        body: JSON.stringify(operations),
      });
    } catch (error) {
      throw new WebApiError('NetworkError', `cannot reach the stand-in server (${String(error)})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new WebApiError('MalformedResponseError', `HTTP ${response.status} with a body that is not JSON`);
    }
    if (!Array.isArray(body)) {
      const envelope = (body ?? {}) as { exception?: unknown; content?: unknown };
      throw new WebApiError(String(envelope.exception ?? 'ServerError'), String(envelope.content ?? `HTTP ${response.status}`));
    }
    return body;
  }

  /** Runs a query and returns its rows. */
  async query<T extends Entity = Entity>(expression: string): Promise<T[]> {
    const [result] = await this.call([{ action: 'query', expression }]);
    return ((result as { data?: T[] } | undefined)?.data ?? []) as T[];
  }

  async create(entityType: string, data: Record<string, unknown>): Promise<Entity> {
    const [result] = await this.call([{ action: 'create', entity_type: entityType, entity_data: { __entity_type__: entityType, ...data } }]);
    return (result as { data: Entity }).data;
  }

  async delete(entityType: string, id: string): Promise<void> {
    await this.call([{ action: 'delete', entity_type: entityType, entity_key: [id] }]);
  }

  private credentialQuery(): string {
    return `username=${encodeURIComponent(this.credentials.username)}&apiKey=${encodeURIComponent(this.credentials.apiKey)}`;
  }

  /** URL of a component's bytes (`/component/get`). */
  componentUrl(componentId: string): string {
    return `${this.serverUrl}/component/get?id=${encodeURIComponent(componentId)}&${this.credentialQuery()}`;
  }

  /** URL of a thumbnail scaled to fit `size`×`size`. */
  thumbnailUrl(componentId: string, size = 96): string {
    return `${this.serverUrl}/component/thumbnail?id=${encodeURIComponent(componentId)}&size=${size}&${this.credentialQuery()}`;
  }
}
