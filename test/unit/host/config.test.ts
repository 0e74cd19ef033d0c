import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mergeConfig,
  readCliOptions,
  readEnvOptions,
  loadConfigFile,
  resolveHostConfig,
  HostConfigError,
  HostConfigFileError,
  HostCliError,
} from '../../../src/host/index.js';

function expectConfigError(fn: () => unknown, check: (e: HostConfigError) => void): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof HostConfigError, String(e));
    assert.equal(e.code, 'FTRACK_ERR_CONFIG');
    check(e);
    return true;
  });
}

describe('host - config readers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ftrack-host-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads environment variables, splitting the plugin path and converting numbers', () => {
    const env = readEnvOptions({
      FTRACK_SERVER: 'https://s.example',
      FTRACK_API_USER: 'bot',
      FTRACK_APIKEY: 'legacy',
      FTRACK_EVENT_PLUGIN_PATH: '/a::/b',
      FTRACK_HOST_HEALTH_PORT: '9100',
      FTRACK_HOST_PRETTY: 'yes',
      FTRACK_HOST_CONFIG: 'x.json',
      UNRELATED: '1',
    });
    assert.deepEqual(env.values, { server: 'https://s.example', apiUser: 'bot', apiKey: 'legacy', pluginPaths: ['/a', '/b'], healthPort: 9100, pretty: true });
    assert.equal(env.origins.apiKey, 'environment variable FTRACK_APIKEY');
    assert.equal(env.configPath, 'x.json');
  });

  it('reads flags, repeatable --plugin-path and --no-bundled-plugins', () => {
    const cli = readCliOptions(['--server', 'http://x', '--plugin-path', '/p1', '--plugin-path=/p2', '--health-port', '0', '--pretty', '--no-bundled-plugins', '--config', 'c.yaml']);
    assert.deepEqual(cli.values, { server: 'http://x', pluginPaths: ['/p1', '/p2'], healthPort: 0, pretty: true, bundledPlugins: false });
    assert.equal(cli.origins.server, 'flag --server');
    assert.equal(cli.configPath, 'c.yaml');
  });

  it('rejects an unknown flag with a coded error', () => {
    assert.throws(() => readCliOptions(['--sever', 'x']), (e: unknown) => e instanceof HostCliError && e.code === 'FTRACK_ERR_CONFIG_FLAG');
  });

  it('merges file < env < flags, concatenating plugin paths and merging plugin arguments', () => {
    const config = mergeConfig(
      { values: { server: 'http://file', pluginPaths: ['/f'], plugins: { a: { x: 1 } }, logLevel: 'debug' }, origins: {} },
      { values: { server: 'http://env', pluginPaths: ['/e'] }, origins: {} },
      { values: { server: 'http://cli', plugins: { b: { y: 2 } } }, origins: {} },
    );
    assert.equal(config.server, 'http://cli');
    assert.deepEqual(config.pluginPaths, ['/f', '/e']);
    assert.deepEqual(config.plugins, { a: { x: 1 }, b: { y: 2 } });
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.drainTimeoutMs, 10_000);
    assert.equal(config.healthHost, '127.0.0.1');
    assert.equal(config.bundledPlugins, true);
  });

  it('reports a bad environment value with the variable, key, expectation and value', () => {
    const env = readEnvOptions({ FTRACK_HOST_HEALTH_PORT: 'ninety' });
    expectConfigError(() => mergeConfig(env), (e) => {
      assert.deepEqual(e.issues, [{ source: 'environment variable FTRACK_HOST_HEALTH_PORT', key: 'healthPort', expected: 'a number', found: '"ninety"' }]);
      assert.match(e.message, /environment variable FTRACK_HOST_HEALTH_PORT: key "healthPort": expected a number, found "ninety"/);
    });
  });

  it('reports bad boolean, negative and fractional environment values', () => {
    const cases: [Record<string, string>, string, string, string][] = [
      [{ FTRACK_HOST_BUNDLED_PLUGINS: 'maybe' }, 'bundledPlugins', 'a boolean', '"maybe"'],
      [{ FTRACK_HOST_DRAIN_TIMEOUT: '-1' }, 'drainTimeoutMs', 'a value of at least 0', '-1'],
      [{ FTRACK_HOST_PLUGIN_TIMEOUT: '1.5' }, 'pluginTimeoutMs', 'an integer', '1.5'],
    ];
    for (const [env, key, expected, found] of cases) {
      expectConfigError(() => mergeConfig(readEnvOptions(env)), (e) => {
        assert.deepEqual(e.issues, [{ source: `environment variable ${Object.keys(env)[0]}`, key, expected, found }]);
      });
    }
  });

  it('reports a bad flag value', () => {
    expectConfigError(() => mergeConfig(readCliOptions(['--log-level', 'loud'])), (e) => {
      assert.equal(e.issues[0]!.source, 'flag --log-level');
      assert.match(e.issues[0]!.expected, /one of "trace"/);
      assert.equal(e.issues[0]!.found, '"loud"');
    });
    expectConfigError(() => mergeConfig(readCliOptions(['--server', 'ftp://x'])), (e) => {
      assert.equal(e.issues[0]!.key, 'server');
      assert.match(e.issues[0]!.expected, /http\(s\) URL/);
    });
    expectConfigError(() => mergeConfig(readCliOptions(['--health-port', '70000'])), (e) => {
      assert.match(e.issues[0]!.expected, /at most 65535/);
      assert.equal(e.issues[0]!.found, '70000');
    });
  });

  it('reports every mistake of a JSON file with its path, including unknown keys and nested plugin arguments', async () => {
    const file = join(dir, '.ftrack-hostrc.json');
    writeFileSync(file, JSON.stringify({ helthPort: 1, drainTimeoutMs: -5, plugins: { 'encode-media': 3 }, pluginPaths: 'plugins' }));
    const source = await loadConfigFile({ cwd: dir });
    assert.equal(source.filepath, file);
    expectConfigError(() => mergeConfig(source), (e) => {
      const keys = e.issues.map((i) => i.key).sort();
      assert.deepEqual(keys, ['drainTimeoutMs', 'helthPort', 'pluginPaths', 'plugins.encode-media']);
      for (const issue of e.issues) assert.equal(issue.source, file);
      const unknown = e.issues.find((i) => i.key === 'helthPort')!;
      assert.match(unknown.expected, /known keys.*healthPort/);
      assert.equal(e.issues.find((i) => i.key === 'plugins.encode-media')!.found, '3');
      assert.equal(e.issues.find((i) => i.key === 'pluginPaths')!.expected, 'an array');
    });
  });

  it('never shows the API key in an error', () => {
    expectConfigError(() => mergeConfig({ values: { apiKey: 42 }, origins: { apiKey: 'flag --api-key' } }), (e) => {
      assert.equal(e.issues[0]!.found, '[hidden]');
      assert.doesNotMatch(e.message, /42/);
    });
  });

  it('reads YAML rc files and resolves plugin paths against the file folder', async () => {
    writeFileSync(join(dir, '.ftrack-hostrc'), 'server: http://yaml.example\npluginPaths:\n  - ./plugins\nplugins:\n  encode-media:\n    maxConcurrent: 2\n');
    const source = await loadConfigFile({ cwd: dir });
    const config = mergeConfig(source);
    assert.equal(config.server, 'http://yaml.example');
    assert.deepEqual(config.pluginPaths, [join(dir, 'plugins')]);
    assert.deepEqual(config.plugins['encode-media'], { maxConcurrent: 2 });
  });

  it('reads the ftrack-host key of package.json', async () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', 'ftrack-host': { logLevel: 'warn' } }));
    assert.equal(mergeConfig(await loadConfigFile({ cwd: dir })).logLevel, 'warn');
  });

  it('reads a TypeScript config file through tsx and an ESM one', async () => {
    writeFileSync(join(dir, 'ftrack-host.config.ts'), "const config: { drainTimeoutMs: number } = { drainTimeoutMs: 1234 };\nexport default config;\n");
    assert.equal(mergeConfig(await loadConfigFile({ cwd: dir })).drainTimeoutMs, 1234);
    writeFileSync(join(dir, 'other.config.mjs'), 'export default { pluginTimeoutMs: 777 };\n');
    assert.equal(mergeConfig(await loadConfigFile({ cwd: dir, path: 'other.config.mjs' })).pluginTimeoutMs, 777);
  });

  it('reports a file with a syntax error as HostConfigFileError naming the file', async () => {
    const file = join(dir, '.ftrack-hostrc.json');
    writeFileSync(file, '{ "server": ');
    await assert.rejects(loadConfigFile({ cwd: dir }), (e: unknown) => {
      assert.ok(e instanceof HostConfigFileError);
      assert.equal(e.code, 'FTRACK_ERR_CONFIG_FILE');
      assert.match(e.message, /\.ftrack-hostrc\.json/);
      return true;
    });
    await assert.rejects(loadConfigFile({ cwd: dir, path: 'missing.json' }), HostConfigFileError);
  });

  it('resolves all sources, the --config flag naming the file', async () => {
    writeFileSync(join(dir, 'custom.yaml'), 'server: http://file\nlogLevel: debug\n');
    const config = await resolveHostConfig({ argv: ['--config', 'custom.yaml', '--log-level', 'error'], env: { FTRACK_SERVER: 'http://env' }, cwd: dir });
    assert.equal(config.server, 'http://env');
    assert.equal(config.logLevel, 'error');
    assert.equal(config.configFile, join(dir, 'custom.yaml'));
  });
});

describe('host - run command arguments', () => {
  it('takes the tokens after `run`, or all of them when run is implied', async () => {
    const { runArguments } = await import('../../../src/cli/commands/run.js');
    assert.deepEqual(runArguments(['node', 'bin', 'run', '--pretty']), ['--pretty']);
    assert.deepEqual(runArguments(['node', 'bin', '--server', 'http://x']), ['--server', 'http://x']);
  });
});
