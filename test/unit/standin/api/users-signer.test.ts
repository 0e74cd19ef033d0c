import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserRegistry } from '../../../../src/standin/users.js';
import { HmacUrlSigner } from '../../../../src/standin/signer.js';

describe('standin api - users', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'standin-users-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds demo and artist with random keys, persisted with mode 0600', () => {
    const users = new UserRegistry(dir);
    const [demo, artist] = users.list();
    assert.equal(demo!.username, 'demo');
    assert.deepEqual(demo!.roles, ['Administrator']);
    assert.equal(artist!.username, 'artist');
    assert.notEqual(demo!.apiKey, artist!.apiKey);
    assert.equal(statSync(join(dir, 'users.json')).mode & 0o777, 0o600);
    const again = new UserRegistry(dir);
    assert.deepEqual(again.list(), users.list());
    const other = mkdtempSync(join(tmpdir(), 'standin-users-'));
    try {
      assert.notEqual(new UserRegistry(other).list()[0]!.apiKey, demo!.apiKey, 'keys are random per data dir');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('authenticates only the right key and resets keys', () => {
    const users = new UserRegistry(dir, [{ username: 'demo', apiKey: 'k1' }, { username: 'ci', apiKey: 'k2', roles: ['User'] }]);
    assert.deepEqual(users.list().map((u) => u.username), ['demo', 'ci', 'artist']);
    assert.equal(users.authenticate('demo', 'k1')?.username, 'demo');
    assert.equal(users.authenticate('demo', 'k2'), undefined);
    assert.equal(users.authenticate('demo', ''), undefined);
    assert.equal(users.authenticate('nobody', 'k1'), undefined);
    const ci = users.list()[1]!;
    const fresh = users.resetApiKey(ci.id)!;
    assert.notEqual(fresh, 'k2');
    assert.equal(users.authenticate('ci', 'k2'), undefined);
    assert.equal(users.authenticate('ci', fresh)?.id, ci.id);
    assert.equal(users.resetApiKey('missing'), undefined);
    assert.ok(readFileSync(join(dir, 'users.json'), 'utf8').includes(fresh));
  });
});

describe('standin api - URL signer', () => {
  it('signs and verifies, rejecting tampering, missing signatures and expiry', () => {
    let now = 1_700_000_000_000;
    const signer = new HmacUrlSigner(Buffer.alloc(32, 7), () => now);
    const path = signer.sign('/upload/abc', { component_id: 'abc', size: '10' }, 60);
    const url = new URL(path, 'http://127.0.0.1');
    assert.deepEqual(signer.verify(url), { ok: true, params: { component_id: 'abc', size: '10', expires: String(1_700_000_060) } });
    const tampered = new URL(url);
    tampered.searchParams.set('size', '11');
    assert.deepEqual(signer.verify(tampered), { ok: false, reason: 'bad-signature' });
    const otherPath = new URL(url);
    otherPath.pathname = '/upload/other';
    assert.deepEqual(signer.verify(otherPath), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(signer.verify(new URL('http://127.0.0.1/upload/abc?component_id=abc')), { ok: false, reason: 'missing' });
    now += 61_000;
    assert.deepEqual(signer.verify(url), { ok: false, reason: 'expired' });
    assert.throws(() => signer.sign('relative', {}, 10), TypeError);
  });

  it('persists its secret per data dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-signer-'));
    try {
      const a = HmacUrlSigner.forDataDir(dir);
      const b = HmacUrlSigner.forDataDir(dir);
      const url = new URL(a.sign('/x', { id: '1' }, 60), 'http://h');
      assert.equal(b.verify(url).ok, true);
      assert.equal(statSync(join(dir, 'signing-secret')).mode & 0o777, 0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
