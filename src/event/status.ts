/**
 * Lifecycle of an {@link EventHub}: a fixed set of states and one typed status
 * stream (a discriminated union on `type`).
 *
 * | state          | entered when                                   | next                              |
 * | -------------- | ---------------------------------------------- | --------------------------------- |
 * | `idle`         | constructed, nothing attempted                 | `connecting`                      |
 * | `connecting`   | `connect()`, or a reconnect timer fired        | `connected`, `reconnecting`, `closed` |
 * | `connected`    | handshake + WebSocket open                     | `disconnected`, `closed`          |
 * | `disconnected` | the socket closed or the heartbeat went silent | `reconnecting`, `closed`          |
 * | `reconnecting` | a retry is scheduled after `delayMs`           | `connecting`, `closed`            |
 * | `closed`       | `disconnect()`, bad credentials, or attempts exhausted | `connecting` (`connect()` again) |
 */
export const HUB_STATES = ['idle', 'connecting', 'connected', 'disconnected', 'reconnecting', 'closed'] as const;
export type HubState = (typeof HUB_STATES)[number];

export type HubStatus =
  | { type: 'connecting'; attempt: number }
  | { type: 'connected'; sessionId: string }
  | { type: 'disconnected'; reason: string; error?: Error }
  | { type: 'reconnecting'; attempt: number; delayMs: number; error?: Error }
  | { type: 'closed'; reason: string; error?: Error };

export type HubStatusType = HubStatus['type'];
