import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FtrackError } from '../../errors.js';
import { PACKAGE_ROOT } from '../../internal/paths.js';

/**
 * Builds the action panel's browser bundle in memory with esbuild, from the
 * TypeScript sources in `src/standin/web/client/` (shipped with the package),
 * so `npm start` needs no separate front-end build step.
 */

/** Folder of the browser sources, from the package root (works from `src/` and `dist/`). */
export const CLIENT_DIR = join(PACKAGE_ROOT, 'src', 'standin', 'web', 'client');

/** The built page: one HTML document, one script, one stylesheet. */
export interface WebAssets {
  html: string;
  script: string;
  css: string;
}

/** The browser bundle could not be built (missing sources or a compile error). */
export class WebBuildError extends FtrackError {
  readonly code = 'FTRACK_ERR_WEB_BUILD' as const;
  constructor(detail: string, options?: ErrorOptions) {
    super(
      `Cannot build the action panel page: ${detail}. ` +
        'Check that src/standin/web/client/ is present (it ships with the package) and compiles.',
      options,
    );
  }
}

/** Bundles `client/main.ts` and reads the static HTML and CSS next to it. */
export async function buildWebAssets(clientDir: string = CLIENT_DIR): Promise<WebAssets> {
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [join(clientDir, 'main.ts')],
      bundle: true,
      write: false,
      outfile: join(clientDir, 'app.js'),
      format: 'esm',
      platform: 'browser',
      target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
      // Keeps the bundle readable when someone opens it in the dev tools.
      minify: false,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
  } catch (error) {
    const messages = (error as { errors?: { text: string }[] }).errors?.map((e) => e.text).join('; ');
    throw new WebBuildError(messages ?? String(error), { cause: error });
  }
  const script = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text;
  if (script === undefined) throw new WebBuildError('esbuild produced no script');
  const [html, css] = await Promise.all([
    readFile(join(clientDir, 'index.html'), 'utf8'),
    readFile(join(clientDir, 'styles.css'), 'utf8'),
  ]).catch((error: unknown) => {
    throw new WebBuildError(`cannot read index.html or styles.css (${String(error)})`, { cause: error });
  });
  return { html, script, css };
}

/** Memoizes {@link buildWebAssets}; a failed build is retried on the next call. */
export function cachedAssets(build: () => Promise<WebAssets> = buildWebAssets): () => Promise<WebAssets> {
  let pending: Promise<WebAssets> | undefined;
  return () => {
    if (pending === undefined) {
      pending = build();
      pending.catch(() => {
        pending = undefined;
      });
    }
    return pending;
  };
}
