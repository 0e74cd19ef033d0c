import { MultipleResultsFoundError, NoResultFoundError, SessionInputError } from './errors.js';

/** One page as the session returns it. */
export interface QueryPage<T> {
  data: T[];
  /** Offset of the next page, or null at the end. */
  next: number | null;
}

/** Runs one page of an expression (already carrying `offset`/`limit`). */
export type PageFetcher<T> = (expression: string) => Promise<QueryPage<T>>;

const OFFSET = /\s+offset\s+(\d+)/i;
const LIMIT = /\s+limit\s+(\d+)/i;

/** Splits ` offset N` and ` limit N` off an expression (as the Python API does). */
export function splitPaging(expression: string): { base: string; offset: number; limit: number | undefined } {
  let base = expression;
  let offset = 0;
  let limit: number | undefined;
  const o = OFFSET.exec(base);
  if (o) {
    offset = Number(o[1]);
    base = base.replace(OFFSET, '');
  }
  const l = LIMIT.exec(base);
  if (l) {
    limit = Number(l[1]);
    base = base.replace(LIMIT, '');
  }
  return { base: base.trim(), offset, limit };
}

/**
 * The result of `session.query(expression)`: nothing is fetched until it is
 * iterated. `for await (const task of session.query('Task'))` fetches page
 * after page (`offset`/`limit`) until the server's `next.offset` is null.
 *
 * @example
 * const tasks = await session.query('select name from Task where project.name is "demo"').all();
 * // Values from outside (events, user input) go through formatQueryValue: quoted and escaped.
 * const one = await session.query(`User where username is ${formatQueryValue(name)}`).one();
 */
export class QueryResult<T> implements AsyncIterable<T> {
  readonly expression: string;
  readonly pageSize: number;
  readonly #fetch: PageFetcher<T>;

  constructor(expression: string, fetch: PageFetcher<T>, pageSize = 500) {
    this.expression = expression;
    this.#fetch = fetch;
    this.pageSize = pageSize;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const { base, offset: start, limit } = splitPaging(this.expression);
    let offset: number | null = start;
    let remaining = limit ?? Infinity;
    while (offset !== null && remaining > 0) {
      const size = Math.min(this.pageSize, remaining);
      const page: QueryPage<T> = await this.#fetch(`${base} offset ${offset} limit ${size}`);
      for (const item of page.data) yield item;
      remaining -= page.data.length;
      if (page.data.length === 0) break;
      offset = page.next;
    }
  }

  /** Every row (all pages). */
  async all(): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) out.push(item);
    return out;
  }

  /** The first row, or undefined. */
  async first(): Promise<T | undefined> {
    const { base, offset } = this.#noLimit('first');
    const page = await this.#fetch(`${base}${offset ? ` offset ${offset}` : ''} limit 1`);
    return page.data[0];
  }

  /** Exactly one row; throws NoResultFoundError or MultipleResultsFoundError otherwise. */
  async one(): Promise<T> {
    const { base, offset } = this.#noLimit('one');
    const page = await this.#fetch(`${base}${offset ? ` offset ${offset}` : ''} limit 2`);
    if (page.data.length === 0) throw new NoResultFoundError(`No result found for: ${base}`);
    if (page.data.length > 1) throw new MultipleResultsFoundError(`More than one result found for: ${base}; use first() or a narrower query`);
    return page.data[0]!;
  }

  #noLimit(method: string): { base: string; offset: number } {
    const { base, offset, limit } = splitPaging(this.expression);
    if (limit !== undefined) throw new SessionInputError(`${method}() cannot be used with an expression that has a limit: ${this.expression}`);
    return { base, offset };
  }
}
