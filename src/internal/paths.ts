import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

/**
 * Root folder of the installed package (the folder holding package.json),
 * whether this file runs from `src/` through tsx or from `dist/src/`.
 */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('ftrack-host: cannot find the package root (package.json beside data/)');
})();

/** Shipped data files (schemas, demo media). */
export const DATA_DIR = join(PACKAGE_ROOT, 'data');
/** Bundled plugins. */
export const BUNDLED_PLUGINS_DIR = join(PACKAGE_ROOT, 'plugins');
