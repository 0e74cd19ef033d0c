import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';

function memoryStream(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('logger - createLogger', () => {
  it('redacts API keys and auth headers wherever a component puts them', () => {
    const { stream, lines } = memoryStream();
    const logger = createLogger({ level: 'info', destination: stream });
    logger.info({ apiKey: 'k-1', options: { apiKey: 'k-2' }, headers: { 'ftrack-api-key': 'k-3' } }, 'start');
    logger.child({ name: 'hub' }).info({ config: { apiKey: 'k-4' }, request: { api_key: 'k-5' } }, 'connect');
    const text = lines().join('\n');
    for (const key of ['k-1', 'k-2', 'k-3', 'k-4', 'k-5']) assert.ok(!text.includes(key), `${key} leaked: ${text}`);
    assert.match(text, /\[redacted\]/);
  });

  it('binds the service name once and leaves `name` to child loggers (no duplicate JSON keys)', () => {
    const { stream, lines } = memoryStream();
    createLogger({ name: 'ftrack-host', destination: stream }).child({ name: 'standin' }).info('ready');
    const [line] = lines();
    assert.ok(line);
    assert.equal(line.match(/"name":/g)?.length, 1, line);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    assert.equal(parsed.service, 'ftrack-host');
    assert.equal(parsed.name, 'standin');
  });
});
