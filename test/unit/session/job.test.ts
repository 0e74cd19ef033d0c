import assert from 'node:assert/strict';
import type { Event } from '../../../src/event/index.js';
import { JOB_WAIT_SYNC_TOPIC, waitForJob } from '../../../src/session/job.js';
import type { Session } from '../../../src/session/index.js';
import { until } from '../../helpers/wait.js';

interface Deferred {
  promise: Promise<string>;
  resolve: (id: string) => void;
  reject: (error: Error) => void;
}

function deferred(): Deferred {
  let resolve!: (id: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A session whose hub is connected but whose server has not registered the
 * subscription yet: no `ftrack.update` is delivered, and publishes are acked
 * only when the test says so (the server handles one connection's frames in order).
 */
function fakeSession(status: { value: string }) {
  const published: Event[] = [];
  const acks: Deferred[] = [];
  const subscribed: string[] = [];
  const unsubscribed: string[] = [];
  let queries = 0;
  const hub = {
    id: 'hub-1',
    isConnected: () => true,
    subscribe: (expression: string) => {
      subscribed.push(expression);
      return `sub-${subscribed.length}`;
    },
    unsubscribe: (id: string) => {
      unsubscribed.push(id);
      return true;
    },
    publish: (event: Event) => {
      published.push(event);
      const ack = deferred();
      acks.push(ack);
      return ack.promise;
    },
  };
  const session = {
    hasEventHub: true,
    eventHub: hub,
    query: (expression: string) => ({
      first: async () => {
        queries++;
        return { id: 'job-1', status: status.value, data: '{}', expression };
      },
      all: async () => [],
    }),
  };
  return { session: session as unknown as Session, published, acks, subscribed, unsubscribed, queries: () => queries };
}

describe('session jobs - waitForJob with a hub', function () {
  this.timeout(30_000);

  it('a job done between the first check and the registration of the subscription is seen once the sync publish is acked', async () => {
    const status = { value: 'running' };
    const fake = fakeSession(status);
    const seen: string[] = [];
    const waiting = waitForJob(fake.session, 'job-1', { pollIntervalMs: 10 * 60_000, timeout: 20_000, onProgress: (p) => seen.push(p.status) });
    await until(() => seen.length === 1, 'the first check');
    assert.deepEqual(fake.subscribed, ['topic=ftrack.update']);
    assert.equal(fake.published.length, 1);
    assert.equal(fake.published[0]!.topic, JOB_WAIT_SYNC_TOPIC);
    assert.equal(fake.published[0]!.target, 'id=hub-1', 'the sync event reaches no other client');
    // done while the subscription is not live yet: no event will come
    status.value = 'done';
    fake.acks[0]!.resolve(fake.published[0]!.id);
    const result = await waiting;
    assert.equal(result.job.status, 'done');
    assert.deepEqual(seen, ['running', 'done']);
    assert.deepEqual(fake.unsubscribed, ['sub-1']);
  });

  it('a failed sync publish (hub dropped) still leads to a check', async () => {
    const status = { value: 'running' };
    const fake = fakeSession(status);
    const waiting = waitForJob(fake.session, 'job-1', { pollIntervalMs: 10 * 60_000, timeout: 20_000 });
    await until(() => fake.queries() === 1 && fake.acks.length === 1, 'the first check');
    status.value = 'failed';
    fake.acks[0]!.reject(new Error('ack timed out'));
    await assert.rejects(waiting, (e: Error & { code?: string }) => e.code === 'FTRACK_ERR_JOB_FAILED');
  });
});

describe('session jobs - waitForJob without a hub', function () {
  this.timeout(30_000);

  it('polls the job and never creates an event hub just to find it unconnected', async () => {
    let checks = 0;
    const session = {
      hasEventHub: false,
      get eventHub(): never {
        throw new Error('waitForJob created an event hub');
      },
      query: () => ({
        first: async () => ({ id: 'job-1', status: ++checks >= 3 ? 'done' : 'running', data: '{}' }),
        all: async () => [],
      }),
    };
    const seen: string[] = [];
    const result = await waitForJob(session as unknown as Session, 'job-1', { pollIntervalMs: 10, timeout: 20_000, onProgress: (p) => seen.push(p.status) });
    assert.equal(result.job.status, 'done');
    assert.deepEqual(seen, ['running', 'done']);
    assert.ok(checks >= 3);
  });
});
