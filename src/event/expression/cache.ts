/**
 * Compiled expressions by their text, bounded so that unique texts (a target
 * `id=<x>` per reply) cannot grow it forever: when full, the oldest entry
 * goes. Browser-safe.
 */
export class ExpressionCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** The value for `text`, made (once) by `make` when not cached. */
  get(text: string, make: (text: string) => V): V {
    let value = this.#entries.get(text);
    if (value === undefined) {
      value = make(text);
      if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
      this.#entries.set(text, value);
    }
    return value;
  }
}
