import { WebSocket } from 'ws';
import type { Event, EventHubOptions } from '../../src/event/index.js';

// Helpers of the contract suite (test/contract/contract.ts).

/** Resolves when `condition()` is true; polls, never sleeps a fixed time as an assertion. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A `ws` WebSocket that also records every frame it receives (injected, so the hub's own filtering does not hide what the server sent). */
export function recordingWebSocket(frames: string[]): NonNullable<EventHubOptions['WebSocket']> {
  return class RecordingWebSocket extends WebSocket {
    constructor(url: string, options?: { headers?: Record<string, string> }) {
      super(url, options);
      this.on('message', (data) => frames.push(String(data)));
    }
  };
}

/** Reads a web stream to the end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(Buffer.from(r.value));
  return Buffer.concat(chunks);
}

/** An event our hubs received, with the subscriber that got it. */
export interface Received {
  who: string;
  event: Event;
}

