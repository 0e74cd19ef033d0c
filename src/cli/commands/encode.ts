import type { Command } from 'commander';

/** `ftrack-host encode FILE`: placeholder until the Session lands. */
export function register(program: Command): void {
  program
    .command('encode <file>')
    .description('Upload a media file, encode it on the server and wait for the job')
    .action(() => {
      throw new Error('encode: not implemented yet');
    });
}
