import { Option, type Command } from 'commander';
import { stat } from 'node:fs/promises';
import { errorMessage } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { JobFailedError, Session, type Entity, type UploadProgress } from '../../session/index.js';

interface EncodeFlags {
  versionId?: string;
  keepOriginal?: boolean;
  server?: string;
  apiUser?: string;
  apiKey?: string;
  timeout?: string;
  json?: boolean;
  urlWithCredentials?: boolean;
  logLevel?: string;
}

const MB = 1024 * 1024;

/** Upload progress on stderr: a redrawn line on a terminal, a line per 25 % otherwise. */
function progressPrinter(stream: NodeJS.WriteStream): (p: UploadProgress) => void {
  let lastStep = -1;
  return (p) => {
    const percent = p.total > 0 ? Math.floor((p.loaded / p.total) * 100) : 100;
    const text = `Uploading ${percent}% (${(p.loaded / MB).toFixed(1)}/${(p.total / MB).toFixed(1)} MB)`;
    if (stream.isTTY) {
      stream.write(`\r${text}${percent >= 100 ? '\n' : ''}`);
      return;
    }
    const step = Math.floor(percent / 25);
    if (step !== lastStep) {
      lastStep = step;
      stream.write(`${text}\n`);
    }
  };
}

/**
 * `ftrack-host encode FILE`: uploads FILE to the server location, starts
 * `encode_media`, follows the job (hub events when the hub connects, polling
 * otherwise) and prints the outputs with download URLs.
 *
 * The download URLs printed on stdout never carry the API key: the signed
 * `ComponentLocation.url` when the server gives one, else the plain
 * `/component/get?id=…` address (which needs the ftrack credentials to
 * download). `--url-with-credentials` opts into `/component/get` URLs with
 * the user name and key in the query string.
 */
export function register(program: Command): void {
  program
    .command('encode <file>')
    .description('Upload a media file, encode it on the server, wait for the job and print the outputs')
    .option('--version-id <id>', 'AssetVersion to attach the outputs to')
    .option('--keep-original', 'keep the uploaded source component (default: removed after encoding)')
    .addOption(new Option('--server <url>', 'ftrack server URL').env('FTRACK_SERVER'))
    .addOption(new Option('--api-user <user>', 'API user').env('FTRACK_API_USER'))
    .addOption(new Option('--api-key <key>', 'API key').env('FTRACK_API_KEY'))
    .option('--timeout <seconds>', 'give up waiting for the job after this many seconds')
    .option('--json', 'print the result as JSON on stdout')
    .option('--url-with-credentials', 'print /component/get URLs carrying the API key in the query string (default: signed URLs, never the key)')
    .option('--log-level <level>', 'log level on stderr', 'warn')
    .action(async (file: string, flags: EncodeFlags) => {
      process.exitCode = await encodeCommand(file, flags);
    });
}

async function encodeCommand(file: string, flags: EncodeFlags): Promise<number> {
  const err = process.stderr;
  const timeoutSeconds = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeoutSeconds !== undefined && !(Number.isFinite(timeoutSeconds) && timeoutSeconds > 0)) {
    err.write(`ftrack-host encode: --timeout must be a positive number of seconds, got "${flags.timeout}"\n`);
    return 2;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    err.write(`ftrack-host encode: cannot read the file "${file}"\n`);
    return 2;
  }
  const logger = createLogger({ level: flags.logLevel ?? 'warn', destination: 2 });
  let session: Session | undefined;
  try {
    session = await Session.create({ serverUrl: flags.server, apiUser: flags.apiUser, apiKey: flags.apiKey, logger });
    try {
      await session.eventHub.connect();
    } catch (error) {
      logger.debug({ err: errorMessage(error) }, 'event hub not connected; the job is polled');
    }
    const job = await session.encodeMedia(file, {
      versionId: flags.versionId ?? null,
      keepOriginal: flags.keepOriginal ? true : 'auto',
      onProgress: progressPrinter(err),
    });
    err.write(`Encoding: job ${String(job.id)}\n`);
    let last = '';
    const timeout = timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000;
    const { outputs } = await session.waitForJob(job, {
      timeout,
      onProgress: ({ status, data }) => {
        const progress = typeof data.progress === 'number' ? ` ${Math.round(data.progress <= 1 ? data.progress * 100 : data.progress)}%` : '';
        const line = `Job ${status}${progress}`;
        if (line !== last) err.write(`${line}\n`);
        last = line;
      },
    });
    await printOutputs(session, outputs, flags);
    return 0;
  } catch (error) {
    if (error instanceof JobFailedError) {
      err.write(`ftrack-host encode: job ${error.jobId} failed: ${error.jobMessage ?? 'no reason given'}\n`);
      return 3;
    }
    const code = (error as { code?: string }).code;
    err.write(`ftrack-host encode: ${code ? `[${code}] ` : ''}${errorMessage(error)}\n`);
    return 1;
  } finally {
    await session?.close().catch(() => undefined);
  }
}

interface OutputRow {
  id: string;
  name: string;
  fileType: string;
  size: number | null;
  url: string;
  /** How `url` authenticates: `signed` (self-authorising), `credentials` (key in the query), `none` (needs the ftrack headers). */
  auth: 'signed' | 'credentials' | 'none';
}

async function printOutputs(session: Session, outputs: Entity[], flags: EncodeFlags): Promise<void> {
  const ids = outputs.map((o) => String(o.id));
  const signed = flags.urlWithCredentials ? new Map<string, string>() : await session.getSignedComponentUrls(ids);
  const rows: OutputRow[] = outputs.map((o) => {
    const id = String(o.id);
    const link = signed.get(id);
    const row = { id, name: String(o.name), fileType: String(o.file_type ?? ''), size: typeof o.size === 'number' ? o.size : null };
    if (flags.urlWithCredentials) return { ...row, url: session.getComponentUrl(id), auth: 'credentials' };
    if (link) return { ...row, url: link, auth: 'signed' };
    return { ...row, url: session.getPlainComponentUrl(id), auth: 'none' };
  });
  if (rows.some((r) => r.auth === 'none')) {
    process.stderr.write('Note: the server gave no signed URL for some outputs; their /component/get URL needs the ftrack credentials (ftrack-user and ftrack-api-key headers), or run with --url-with-credentials\n');
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ outputs: rows }, null, 2)}\n`);
    return;
  }
  for (const row of rows) process.stdout.write(`${row.name}${row.fileType}\t${row.size ?? ''}\t${row.id}\t${row.url}\n`);
}
