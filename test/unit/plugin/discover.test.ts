import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { discoverPlugins, pluginPathsFromEnv, type DiscoveryFs } from '../../../src/plugin/index.js';

/** An in-memory tree: keys are absolute paths; folders end with '/'. */
function memoryFs(files: Record<string, string>, globs: Record<string, string[]> = {}): DiscoveryFs {
  const paths = Object.keys(files).map((p) => resolve(p));
  const isDir = (p: string): boolean => paths.some((f) => f.startsWith(p.endsWith('/') ? p : `${p}/`));
  return {
    kind: (p) => (paths.includes(resolve(p)) ? 'file' : isDir(resolve(p)) ? 'dir' : undefined),
    readdir: (p) => [...new Set(paths.filter((f) => f.startsWith(`${p}/`)).map((f) => f.slice(p.length + 1).split('/')[0]!))],
    readFile: (p) => files[p] ?? '',
    glob: (pattern) => globs[pattern] ?? [],
  };
}

describe('plugin - discover', () => {
  it('walks folders recursively in sorted order, one plugin per file', () => {
    const fs = memoryFs({ '/p/b.js': '', '/p/a.mjs': '', '/p/sub/c.cjs': '', '/p/sub/d.ts': '', '/p/readme.md': '', '/p/x.d.ts': '', '/p/x.test.ts': '' });
    const { plugins, missing } = discoverPlugins(['/p'], fs);
    assert.deepEqual(plugins.map((p) => [p.file, p.defaultName]), [
      ['/p/a.mjs', 'a'],
      ['/p/b.js', 'b'],
      ['/p/sub/c.cjs', 'c'],
      ['/p/sub/d.ts', 'd'],
    ]);
    assert.deepEqual(missing, []);
  });

  it('treats a folder with an index file or package.json main as one plugin named after the folder', () => {
    const fs = memoryFs({
      '/p/encode-media/index.ts': '',
      '/p/encode-media/helper.ts': '',
      '/p/pkg/package.json': '{"main":"lib/main.js"}',
      '/p/pkg/lib/main.js': '',
      '/p/pkg/lib/other.js': '',
    });
    assert.deepEqual(discoverPlugins(['/p'], fs).plugins, [
      { file: '/p/encode-media/index.ts', defaultName: 'encode-media' },
      { file: '/p/pkg/lib/main.js', defaultName: 'pkg' },
    ]);
  });

  it('skips node_modules and dot folders, loads a file given twice once, reports missing paths', () => {
    const fs = memoryFs({ '/p/node_modules/x/index.js': '', '/p/.git/hook.js': '', '/p/a.js': '' });
    const result = discoverPlugins(['/p', '/p/a.js', '/nope'], fs);
    assert.deepEqual(result.plugins.map((p) => p.file), ['/p/a.js']);
    assert.deepEqual(result.missing, ['/nope']);
  });

  it('expands glob patterns, sorted; an empty glob is reported', () => {
    const fs = memoryFs({ '/g/b.js': '', '/g/a.js': '' }, { '/g/*.js': ['/g/b.js', '/g/a.js'] });
    const result = discoverPlugins(['/g/*.js', '/none/*.js'], fs);
    assert.deepEqual(result.plugins.map((p) => p.file), ['/g/a.js', '/g/b.js']);
    assert.deepEqual(result.missing, ['/none/*.js']);
  });

  it('splits FTRACK_EVENT_PLUGIN_PATH on the delimiter, skipping empty entries', () => {
    assert.deepEqual(pluginPathsFromEnv(' /a ::/b: ', ':'), ['/a', '/b']);
    assert.deepEqual(pluginPathsFromEnv('C:\\a;;D:\\b', ';'), ['C:\\a', 'D:\\b']);
    assert.deepEqual(pluginPathsFromEnv(undefined), []);
    assert.deepEqual(pluginPathsFromEnv(''), []);
  });
});
