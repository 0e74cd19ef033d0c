import type { Command } from 'commander';
import { resolveHostConfig, sharedFlagArgs } from '../../host/config-sources.js';
import { dryRunPlugins, pluginPathsOf } from '../../host/host.js';

/**
 * `ftrack-host plugins`: what `run` would load, without connecting. Each
 * plugin is discovered, imported, shape-checked and its arguments validated
 * against its schema; `register()` is not called (dry run). Exits 1 when a
 * plugin would fail.
 */
export function register(program: Command): void {
  program
    .command('plugins')
    .description('List the plugins `run` would load and why a plugin would fail (imports them; does not connect)')
    .option('-c, --config <file>', 'configuration file')
    .option('--plugin-path <path>', 'extra plugin folder, file or glob; repeatable', collect, [])
    .option('--no-bundled-plugins', 'leave out the bundled plugins/ folder')
    .option('--json', 'print the report as JSON')
    .action(async (options: { config?: string; pluginPath: string[]; bundledPlugins: boolean; json?: boolean }) => {
      const config = await resolveHostConfig({ argv: sharedFlagArgs(options), env: process.env, cwd: process.cwd() });
      const paths = pluginPathsOf(config);
      const report = await dryRunPlugins(config, paths);
      const failed = report.plugins.filter((p) => p.status !== 'loaded');
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ paths, plugins: report.plugins, warnings: report.warnings }, null, 2)}\n`);
      } else {
        process.stdout.write(`Plugin paths: ${paths.length ? paths.join(', ') : '(none)'}\n`);
        for (const warning of report.warnings) process.stdout.write(`  ! ${warning}\n`);
        if (report.plugins.length === 0) process.stdout.write('No plugins found.\n');
        for (const p of report.plugins) {
          const mark = p.status === 'loaded' ? 'ok  ' : 'FAIL';
          process.stdout.write(`  ${mark} ${p.name.padEnd(24)} ${String(p.ms).padStart(7)} ms  ${p.path}\n`);
          if (p.error) process.stdout.write(`       [${p.error.code}] ${p.error.message}\n`);
        }
        process.stdout.write(`${report.plugins.length - failed.length} would load, ${failed.length} would fail.\n`);
      }
      if (failed.length > 0) process.exitCode = 1;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
