import assert from 'node:assert/strict';
import { compileExpression } from '../../../../src/event/expression/index.js';
import { SubscriptionIndex, type RouteTarget } from '../../../../src/standin/hub/subscription-index.js';

interface Conn {
  name: string;
}

function target(text: string, subscriberId?: string): RouteTarget {
  const expression = compileExpression(text);
  return subscriberId === undefined ? { expression } : { expression, subscriberId };
}

describe('SubscriptionIndex', () => {
  const a: Conn = { name: 'a' };
  const b: Conn = { name: 'b' };

  it('keys subscriptions by (connection, subscriber id) and replaces on re-subscribe', () => {
    const index = new SubscriptionIndex<Conn>();
    assert.equal(index.add(a, 's1', { id: 's1' }, compileExpression('topic=x')), false);
    assert.equal(index.add(a, 's1', { id: 's1' }, compileExpression('topic=y')), true);
    assert.equal(index.add(b, 's1', { id: 's1' }, compileExpression('topic=x')), false);
    assert.equal(index.size, 2);
    assert.deepEqual(index.route({ topic: 'x' }), [b]);
    assert.deepEqual(index.route({ topic: 'y' }), [a]);
    assert.equal(index.remove(a, 's1'), true);
    assert.equal(index.remove(a, 's1'), false);
    assert.equal(index.countFor(a), 0);
    assert.equal(index.size, 1);
  });

  it('routes to each connection once, whatever the number of its matching subscribers', () => {
    const index = new SubscriptionIndex<Conn>();
    index.add(a, '1', { id: '1' }, compileExpression('topic=x'));
    index.add(a, '2', { id: '2' }, compileExpression('topic=*'));
    index.add(a, '3', { id: '3' }, compileExpression('topic=x or topic=z'));
    index.add(b, '4', { id: '4' }, compileExpression('topic=x and data.n=1'));
    assert.deepEqual(index.route({ topic: 'x' }), [a]);
    assert.deepEqual(index.route({ topic: 'x', data: { n: '1' } } as { topic: string }), [a, b]);
    assert.deepEqual(index.route({ topic: 'z' }), [a]);
  });

  it('only evaluates subscriptions of the event topic plus unbounded ones', () => {
    const index = new SubscriptionIndex<Conn>();
    for (let i = 0; i < 1000; i++) index.add(a, `other-${i}`, { id: `other-${i}` }, compileExpression(`topic=other.${i}`));
    index.add(b, 'wanted', { id: 'wanted' }, compileExpression('topic=wanted'));
    index.add(b, 'wild', { id: 'wild' }, compileExpression('topic=want*'));
    index.add(b, 'never', { id: 'never' }, compileExpression('topic=p and topic=q'));
    const before = index.evaluations;
    assert.deepEqual(index.route({ topic: 'wanted' }), [b]);
    // 'wanted' is evaluated and delivers; 'wild' is skipped because b already gets the event.
    assert.equal(index.evaluations - before, 1);
    const again = index.evaluations;
    assert.deepEqual(index.route({ topic: 'nothing' }), []);
    assert.equal(index.evaluations - again, 1, 'only the unbounded wildcard is looked at');
  });

  it('matches targets against metadata, through the id index for id=<x>', () => {
    const index = new SubscriptionIndex<Conn>();
    for (let i = 0; i < 100; i++) index.add(a, `r${i}`, { id: `r${i}` }, compileExpression('topic=ftrack.meta.reply'));
    index.add(b, 'rb', { id: 'rb', applicationId: 'web' }, compileExpression('topic=ftrack.meta.reply'));
    const before = index.evaluations;
    assert.deepEqual(index.route({ topic: 'ftrack.meta.reply' }, target('id=rb', 'rb')), [b]);
    assert.equal(index.evaluations - before, 1);
    assert.deepEqual(index.route({ topic: 'ftrack.meta.reply' }, target('applicationId=web')), [b]);
    assert.deepEqual(index.route({ topic: 'ftrack.meta.reply' }, target('id=r7', 'r7')), [a]);
    assert.deepEqual(index.route({ topic: 'other' }, target('id=rb', 'rb')), []);
    assert.deepEqual(index.route({ topic: 'ftrack.meta.reply' }, target('id=nobody', 'nobody')), []);
  });

  it('removes every subscription of a connection from every bucket', () => {
    const index = new SubscriptionIndex<Conn>();
    index.add(a, '1', { id: '1' }, compileExpression('topic=x or topic=y'));
    index.add(a, '2', { id: '2' }, compileExpression('topic=*'));
    index.add(b, '3', { id: '3' }, compileExpression('topic=y'));
    assert.equal(index.removeConnection(a), 2);
    assert.equal(index.removeConnection(a), 0);
    assert.equal(index.size, 1);
    assert.deepEqual(index.route({ topic: 'x' }), []);
    assert.deepEqual(index.route({ topic: 'y' }), [b]);
    index.clear();
    assert.equal(index.size, 0);
    assert.deepEqual(index.route({ topic: 'y' }), []);
  });
});
