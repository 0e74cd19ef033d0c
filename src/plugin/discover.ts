import { statSync, readdirSync, readFileSync } from 'node:fs';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

/**
 * Plugin discovery: turns configured plugin paths into a sorted list of
 * plugin entry files.
 *
 * Rules (documented in docs/plugins.md):
 * - a path with glob characters (`* ? [ ] { }`) is expanded with glob; each
 *   match is then treated as a path;
 * - a file with a supported extension is one plugin, named after the file;
 * - a folder holding `package.json` (with `main`) or an `index.{ts,js,mjs,cjs}`
 *   file is ONE plugin, named after the folder, whose entry is that file;
 * - any other folder is searched recursively, each supported file being a
 *   plugin; `node_modules`, dot-folders, `.d.ts`, `*.test.*` and `*.spec.*`
 *   files are skipped;
 * - entries of one folder are visited in sorted order; paths are visited in
 *   the order given; a file found twice is loaded once.
 */

/** File extensions that are loaded as plugins. */
export const PLUGIN_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'] as const;
const INDEX_FILES = ['index.ts', 'index.js', 'index.mjs', 'index.cjs'];

/** One discovered plugin. */
export interface DiscoveredPlugin {
  /** Absolute path of the entry module. */
  file: string;
  /** The name derived from the file or folder (an explicit `name` export overrides it). */
  defaultName: string;
}

export interface DiscoveryResult {
  plugins: DiscoveredPlugin[];
  /** Paths that do not exist, or glob patterns matching nothing. */
  missing: string[];
}

/** The file-system operations discovery needs; injectable for tests. */
export interface DiscoveryFs {
  kind(path: string): 'file' | 'dir' | undefined;
  readdir(path: string): string[];
  readFile(path: string): string;
  glob(pattern: string): string[];
}

export const nodeDiscoveryFs: DiscoveryFs = {
  kind(path) {
    try {
      const st = statSync(path);
      return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  readdir: (path) => readdirSync(path),
  readFile: (path) => readFileSync(path, 'utf8'),
  glob: (pattern) => {
    // Required on demand (most configurations have no glob patterns).
    const { globSync } = createRequire(import.meta.url)('glob') as typeof import('glob');
    return globSync(pattern, { absolute: true, dot: false });
  },
};

/**
 * Splits `FTRACK_EVENT_PLUGIN_PATH` like the Python API: on the platform's
 * path delimiter, trimming entries and skipping empty ones.
 */
export function pluginPathsFromEnv(value: string | undefined, sep: string = delimiter): string[] {
  if (!value) return [];
  return value
    .split(sep)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export function isPluginFile(name: string): boolean {
  if (name.endsWith('.d.ts') || /\.(test|spec)\.[cm]?[jt]s$/.test(name)) return false;
  return (PLUGIN_EXTENSIONS as readonly string[]).includes(extname(name));
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Expands plugin paths into plugin entry files. */
export function discoverPlugins(paths: readonly string[], fs: DiscoveryFs = nodeDiscoveryFs): DiscoveryResult {
  const plugins: DiscoveredPlugin[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, defaultName: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    plugins.push({ file, defaultName });
  };

  const visit = (path: string, explicit: boolean): void => {
    const kind = fs.kind(path);
    if (kind === 'file') {
      if (explicit || isPluginFile(path)) add(path, stripExtension(basename(path)));
      return;
    }
    if (kind !== 'dir') {
      if (explicit) missing.push(path);
      return;
    }
    const entry = folderEntry(path, fs);
    if (entry) {
      add(entry, basename(path));
      return;
    }
    for (const name of [...fs.readdir(path)].sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = join(path, name);
      const childKind = fs.kind(child);
      if (childKind === 'dir') visit(child, false);
      else if (childKind === 'file' && isPluginFile(name)) add(child, stripExtension(name));
    }
  };

  for (const raw of paths) {
    const path = resolve(raw);
    if (GLOB_CHARS.test(raw) && fs.kind(path) === undefined) {
      const matches = fs.glob(raw).map((m) => resolve(m)).sort();
      if (matches.length === 0) missing.push(raw);
      for (const match of matches) visit(match, false);
      continue;
    }
    visit(path, true);
  }
  return { plugins, missing };
}

/** The entry file of a folder that is one plugin, or undefined for a plain folder. */
function folderEntry(dir: string, fs: DiscoveryFs): string | undefined {
  const pkgPath = join(dir, 'package.json');
  if (fs.kind(pkgPath) === 'file') {
    try {
      const pkg = JSON.parse(fs.readFile(pkgPath)) as { main?: unknown };
      if (typeof pkg.main === 'string') {
        const main = resolve(dir, pkg.main);
        if (fs.kind(main) === 'file') return main;
      }
    } catch {
      // An unreadable package.json falls back to the index files below.
    }
  }
  for (const name of INDEX_FILES) {
    const candidate = join(dir, name);
    if (fs.kind(candidate) === 'file') return candidate;
  }
  return undefined;
}

function stripExtension(name: string): string {
  return name.slice(0, name.length - extname(name).length);
}
