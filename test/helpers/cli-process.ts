/**
 * Test support (not a test): spawns `bin/ftrack-host.js` from source and
 * collects its output lines; used by the host end-to-end tests and bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/internal/paths.js';

export interface CliProcess {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  /** Resolves with the first stdout line matching, rejects when the process exits first or after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  exited(): Promise<number | null>;
  /** Sends `signal` (SIGTERM by default; then SIGKILL after `ms`) and resolves with the exit code. */
  stop(ms?: number, signal?: NodeJS.Signals): Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'ftrack-host.js'), ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, FTRACK_HOST_FROM_SOURCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }>();
  let buffer = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let index;
    while ((index = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        const m = w.pattern.exec(line);
        if (m) {
          waiters.delete(w);
          w.resolve(m);
        }
      }
    }
  });
  // 'close' (not 'exit'): resolves once stdout and stderr are fully read, so assertions see every line.
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    lines,
    stderr,
    waitFor(pattern, ms = 60_000) {
      for (const line of lines) {
        const m = pattern.exec(line);
        if (m) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms; stdout:\n${lines.join('\n')}\nstderr:\n${stderr.join('')}`)), ms);
        const waiter = {
          pattern,
          resolve: (m: RegExpExecArray) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        waiters.add(waiter);
        void exit.then((code) => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`process exited with ${String(code)} before a line matched ${pattern}; stdout:\n${lines.join('\n')}\nstderr:\n${stderr.join('')}`));
        });
      });
    },
    exited: () => exit,
    async stop(ms = 30_000, signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** `ftrack stand-in server ready at URL (api user: U, api key: K)`. */
export const STANDIN_READY = /ftrack stand-in server ready at (http:\/\/127\.0\.0\.1:\d+) \(api user: (\S+), api key: (\S+)\)/;
/** The host's one ready line. */
export const HOST_READY = /"msg":"ready: /;
