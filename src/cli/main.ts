#!/usr/bin/env node
/**
 * The `ftrack-host` command line. This is the only module (with the command
 * modules under `./commands/`) allowed to call `process.exit`, set
 * `process.exitCode` or install signal handlers.
 */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../internal/paths.js';

import { commandsFor } from './select.js';

export interface CommandModule {
  register(program: Command): void;
}

async function main(argv: string[]): Promise<void> {
  const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  const program = new Command('ftrack-host')
    .description('Event-hub plugin host for ftrack, with a stand-in ftrack server for laptops and tests')
    .version(version)
    .showHelpAfterError();
  for (const name of commandsFor(argv.slice(2))) {
    const mod = (await import(`./commands/${name}.js`)) as CommandModule;
    mod.register(program);
  }
  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  const err = error as { code?: string; message?: string };
  process.stderr.write(`ftrack-host: ${err.code ? `[${err.code}] ` : ''}${err.message ?? String(error)}\n`);
  // A command line the command cannot act on exits 2, like encode's usage errors; anything else 1.
  const fallback = err.code === 'FTRACK_ERR_CLI_USAGE' ? 2 : 1;
  process.exit(typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : fallback);
});
