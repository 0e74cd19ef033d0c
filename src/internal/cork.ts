/**
 * Write coalescing for `ws` WebSockets: frames sent in the same tick leave in
 * one write. The first send corks the TCP socket under the WebSocket and the
 * next tick uncorks it, so a burst costs one syscall instead of one per frame
 * and frames keep their order.
 */

interface Corkable {
  cork(): void;
  uncork(): void;
}

/** Raw sockets corked until the next tick. */
const corked = new WeakSet<object>();

/**
 * Corks the net.Socket of a `ws` WebSocket (its `_socket`) until the next
 * tick; a second call in the same tick does nothing. Fakes without a raw
 * socket are simply not corked.
 */
export function corkUntilNextTick(socket: object): void {
  const raw = (socket as { _socket?: Partial<Corkable> })._socket;
  if (raw === undefined || corked.has(raw) || typeof raw.cork !== 'function' || typeof raw.uncork !== 'function') return;
  const corkable = raw as Corkable;
  corked.add(corkable);
  corkable.cork();
  process.nextTick(() => {
    corked.delete(corkable);
    corkable.uncork();
  });
}
