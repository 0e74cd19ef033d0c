import assert from 'node:assert/strict';
import { HubRefusalError } from '../../../../src/standin/hub/errors.js';
import { normalizeClientEvent } from '../../../../src/standin/hub/normalize.js';
import { HubRouter, type RouterConnection } from '../../../../src/standin/hub/router.js';
import type { StandinUser } from '../../../../src/standin/context.js';

class FakeConnection implements RouterConnection {
  readonly id: string;
  readonly user: StandinUser;
  readonly frames: string[] = [];
  constructor(id: string, username = 'demo') {
    this.id = id;
    this.user = { id: `id-${username}`, username, apiKey: 'k', roles: [] };
  }
  send(frame: string): boolean {
    this.frames.push(frame);
    return true;
  }
}

function event(raw: Record<string, unknown>, from: FakeConnection) {
  return normalizeClientEvent(raw, from.user, from.id);
}

function refusal(code: string) {
  return (error: unknown) => error instanceof HubRefusalError && error.code === code;
}

describe('HubRouter', () => {
  it('sends one pre-encoded frame per matching connection', () => {
    const router = new HubRouter<FakeConnection>(10);
    const a = new FakeConnection('a');
    const b = new FakeConnection('b');
    router.subscribe(a, { subscriber: { id: 'a1' }, subscription: 'topic=x' });
    router.subscribe(a, { subscriber: { id: 'a2' }, subscription: 'topic=x' });
    router.subscribe(b, { subscriber: { id: 'b1' }, subscription: 'topic=y' });
    assert.equal(router.route(event({ topic: 'x' }, b)), 1);
    assert.equal(a.frames.length, 1);
    assert.equal(b.frames.length, 0);
    assert.ok(a.frames[0]!.startsWith('5:::{"name":"ftrack.event","args":[{"id":'));
    assert.equal(router.deliveries, 1);
    assert.equal(router.routed, 1);
  });

  it('routes id=<x> targets through the subscriber-id index, quoted or not', () => {
    const router = new HubRouter<FakeConnection>(10_000);
    const many = new FakeConnection('many');
    const target = new FakeConnection('target');
    for (let i = 0; i < 500; i++) router.subscribe(many, { subscriber: { id: `r${i}` }, subscription: 'topic=ftrack.meta.reply' });
    router.subscribe(target, { subscriber: { id: 'hub-t' }, subscription: 'topic=ftrack.meta.reply' });
    for (const text of ['id=hub-t', 'id="hub-t"', " id = 'hub-t' "]) {
      const before = router.index.evaluations;
      assert.equal(router.route(event({ topic: 'ftrack.meta.reply', target: text }, many)), 1, text);
      assert.equal(router.index.evaluations - before, 1, `${text} looked at one subscription`);
    }
    assert.equal(target.frames.length, 3);
    assert.equal(many.frames.length, 0);
    // Not a plain id target: general path, still correct.
    assert.equal(router.route(event({ topic: 'ftrack.meta.reply', target: 'id=hub-t or id=r1' }, many)), 2);
  });

  it('refuses bad subscribe data, bad expressions and too many subscriptions', () => {
    const router = new HubRouter<FakeConnection>(2);
    const a = new FakeConnection('a');
    assert.throws(() => router.subscribe(a, {}), refusal('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
    assert.throws(() => router.subscribe(a, { subscriber: { id: '' }, subscription: 'topic=x' }), refusal('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
    assert.throws(() => router.subscribe(a, { subscriber: { id: 's' } }), refusal('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
    assert.throws(() => router.subscribe(a, { subscriber: { id: 's' }, subscription: 'topic=' }), (error: unknown) =>
      refusal('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID')(error) && /column/.test((error as Error).message),
    );
    router.subscribe(a, { subscriber: { id: 's1' }, subscription: 'topic=x' });
    router.subscribe(a, { subscriber: { id: 's2' }, subscription: 'topic=x' });
    assert.throws(() => router.subscribe(a, { subscriber: { id: 's3' }, subscription: 'topic=x' }), refusal('FTRACK_ERR_HUB_SUBSCRIPTION_LIMIT'));
    router.subscribe(a, { subscriber: { id: 's2' }, subscription: 'topic=y' });
    assert.equal(router.index.countFor(a), 2);
    router.unsubscribe(a, { subscriber: { id: 's2' } });
    router.unsubscribe(a, { subscriber: { id: 'never-there' } });
    assert.throws(() => router.unsubscribe(a, { subscriber: 'x' }), refusal('FTRACK_ERR_HUB_SUBSCRIPTION_INVALID'));
    assert.equal(router.removeConnection(a), 1);
  });

  it('stamps the authenticated user into subscriber metadata seen by targets', () => {
    const router = new HubRouter<FakeConnection>(10);
    const liar = new FakeConnection('liar', 'mallory');
    router.subscribe(liar, { subscriber: { id: 'l', user: { username: 'boss', id: 'id-boss' } }, subscription: 'topic=x' });
    assert.equal(router.route(event({ topic: 'x', target: 'user.username=boss' }, liar)), 0);
    assert.equal(router.route(event({ topic: 'x', target: 'user.id=id-mallory' }, liar)), 1);
  });

  it('refuses an invalid target', () => {
    const router = new HubRouter<FakeConnection>(10);
    const a = new FakeConnection('a');
    assert.throws(() => router.route(event({ topic: 'x', target: 'and or' }, a)), refusal('FTRACK_ERR_HUB_TARGET_INVALID'));
  });
});
