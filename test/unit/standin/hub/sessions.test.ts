import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { readCredentials, SessionTable } from '../../../../src/standin/hub/sessions.js';
import type { StandinUser } from '../../../../src/standin/context.js';

const user: StandinUser = { id: 'u1', username: 'demo', apiKey: 'k', roles: ['Administrator'] };

describe('hub sessions', () => {
  it('hands out random, single-use session ids', () => {
    const table = new SessionTable(1000, 10);
    const sid = table.create(user)!;
    assert.match(sid, /^[0-9a-f]{32}$/);
    assert.notEqual(table.create(user), sid);
    assert.equal(table.take(sid), user);
    assert.equal(table.take(sid), undefined);
    assert.equal(table.take('unknown'), undefined);
  });

  it('expires unused ids and sweeps them', () => {
    let now = 0;
    const table = new SessionTable(100, 10, () => now);
    const early = table.create(user)!;
    const late = table.create(user)!;
    now = 100;
    assert.equal(table.take(early), undefined);
    assert.equal(table.size, 1);
    table.sweep();
    assert.equal(table.size, 0);
    assert.equal(table.take(late), undefined);
  });

  it('refuses new ids while too many are pending, after sweeping expired ones', () => {
    let now = 0;
    const table = new SessionTable(100, 2, () => now);
    assert.ok(table.create(user));
    assert.ok(table.create(user));
    assert.equal(table.create(user), undefined);
    now = 200;
    assert.ok(table.create(user));
  });

  it('reads header credentials before query credentials', () => {
    const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
    const url = new URL('http://h/socket.io/1/?api_user=q&api_key=qk');
    assert.deepEqual(readCredentials(req({ 'ftrack-user': 'h', 'ftrack-api-key': 'hk' }), url), { username: 'h', apiKey: 'hk', via: 'header' });
    assert.deepEqual(readCredentials(req({ 'ftrack-user': 'h' }), url), { username: 'q', apiKey: 'qk', via: 'query' });
    assert.equal(readCredentials(req({}), new URL('http://h/socket.io/1/?api_user=q')), undefined);
  });
});
