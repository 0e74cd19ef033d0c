import { inspect } from 'node:util';

/**
 * Puts the ftrack credentials on a request: `ftrack-user`, `ftrack-api-key`
 * and `ftrack-strict-api`. Used by API calls, the event hub handshake and
 * downloads. The key is kept in a private field: `JSON.stringify`,
 * `util.inspect` and logs never show it.
 *
 * ftrack_api equiv: session.py SessionAuthentication
 *
 * @example
 * const auth = new SessionAuthentication('jane', key);
 * await fetch(url, { headers: auth.headers() });
 */
export class SessionAuthentication {
  readonly apiUser: string;
  readonly strictApi: boolean;
  readonly #apiKey: string;

  constructor(apiUser: string, apiKey: string, options: { strictApi?: boolean } = {}) {
    this.apiUser = apiUser;
    this.#apiKey = apiKey;
    this.strictApi = options.strictApi ?? false;
  }

  /** The three authentication headers as a plain object. */
  headers(): Record<string, string> {
    return {
      'ftrack-user': this.apiUser,
      'ftrack-api-key': this.#apiKey,
      'ftrack-strict-api': this.strictApi ? 'true' : 'false',
    };
  }

  /** Adds the headers to `headers` (a `Headers` or a plain object) and returns it. */
  apply<T extends Headers | Record<string, string>>(headers: T): T {
    for (const [name, value] of Object.entries(this.headers())) {
      if (headers instanceof Headers) headers.set(name, value);
      else (headers as Record<string, string>)[name] = value;
    }
    return headers;
  }

  /**
   * Query parameters for the endpoints that take credentials in the URL
   * (`/component/get`). The result contains the key: never log it.
   */
  queryParameters(): { username: string; apiKey: string } {
    return { username: this.apiUser, apiKey: this.#apiKey };
  }

  /** Removes every occurrence of the key from `text` (for error messages built from server bodies). */
  redact(text: string): string {
    return this.#apiKey ? text.split(this.#apiKey).join('[redacted]') : text;
  }

  /** The key itself, for components that need it verbatim (the event hub constructor). */
  revealApiKey(): string {
    return this.#apiKey;
  }

  toJSON(): { apiUser: string; apiKey: string; strictApi: boolean } {
    return { apiUser: this.apiUser, apiKey: '[redacted]', strictApi: this.strictApi };
  }

  [inspect.custom](): string {
    return `SessionAuthentication { apiUser: ${JSON.stringify(this.apiUser)}, apiKey: '[redacted]', strictApi: ${this.strictApi} }`;
  }
}
