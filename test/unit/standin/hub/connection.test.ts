import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { HubConnection } from '../../../../src/standin/hub/connection.js';
import { silentLogger } from '../../../../src/logger.js';

describe('HubConnection subscribe budget', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const connection = new HubConnection({
      id: 'c',
      user: { id: 'u', username: 'demo', apiKey: 'k', roles: [] },
      socket: {} as WebSocket,
      logger: silentLogger,
      maxBufferedBytes: 1024,
      subscribeBurst: 3,
      subscribeRatePerSecond: 2,
      now: () => now,
    });
    assert.deepEqual([1, 2, 3, 4].map(() => connection.takeSubscribeToken()), [true, true, true, false]);
    now = 499;
    assert.equal(connection.takeSubscribeToken(), false);
    now = 1000;
    assert.equal(connection.takeSubscribeToken(), true);
    now = 100_000;
    assert.deepEqual([1, 2, 3, 4].map(() => connection.takeSubscribeToken()), [true, true, true, false], 'the burst does not grow past its size');
  });
});
