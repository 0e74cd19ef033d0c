import type { Command } from 'commander';
import { silentLogger } from '../../logger.js';
import { resolveHostConfig, sharedFlagArgs } from '../../host/config-sources.js';
import { parseSelection } from '../../action/selection.js';
import { CliUsageError } from '../errors.js';
import { TRIGGER_USER_INTERFACE_TOPIC } from '../../action/user-interface.js';
import { DISCOVER_TOPIC, LAUNCH_TOPIC } from '../../action/define-action.js';
import type { SelectionItem } from '../../action/types.js';

/**
 * `ftrack-host actions discover|launch`: acts as the ftrack web UI would.
 * Publishes with source `{ applicationId: 'ftrack.client.web', user }`,
 * subscribes to `ftrack.action.trigger-user-interface` for that user, and
 * prints every reply and later user message until `--wait` seconds passed.
 */

interface ActionsOptions {
  config?: string;
  server?: string;
  apiUser?: string;
  apiKey?: string;
  selection: string;
  user?: string;
  wait: string;
  json?: boolean;
  values?: string;
}

export function register(program: Command): void {
  const actions = program.command('actions').description('Discover and launch actions as the ftrack web UI would');
  const common = (cmd: Command): Command =>
    cmd
      .requiredOption('--selection <Type:id[,Type:id]>', 'selected entities, e.g. component:3f2a…,assetversion:9c1b…')
      .option('--user <username>', 'source.user of the events (default: the API user; servers that stamp the authenticated user ignore it)')
      .option('--wait <seconds>', 'keep listening for replies and user messages this long')
      .option('--json', 'print events as JSON lines')
      .option('-c, --config <file>', 'configuration file')
      .option('--server <url>', 'ftrack server URL (FTRACK_SERVER)')
      .option('--api-user <name>', 'API user (FTRACK_API_USER)')
      .option('--api-key <key>', 'API key (FTRACK_API_KEY)');

  common(actions.command('discover').description('Publish ftrack.action.discover and print the offered actions')).action(async (options: ActionsOptions) => {
    await act(DISCOVER_TOPIC, undefined, { ...options, wait: options.wait ?? '3' });
  });
  common(actions.command('launch <identifier>').description('Publish ftrack.action.launch for IDENTIFIER and print the reply, then wait up to --wait seconds for the first user message'))
    .option('--values <json>', 'form values, as after submitting a form (JSON object)')
    .action(async (identifier: string, options: ActionsOptions) => {
      await act(LAUNCH_TOPIC, identifier, { ...options, wait: options.wait ?? '0' });
    });
}

async function act(topic: string, identifier: string | undefined, options: ActionsOptions): Promise<void> {
  let selection: SelectionItem[];
  try {
    selection = parseSelection(options.selection);
  } catch (error) {
    throw new CliUsageError(`--selection: ${(error as Error).message}`);
  }
  let values: unknown;
  if (options.values !== undefined) {
    try {
      values = JSON.parse(options.values);
    } catch (error) {
      throw new CliUsageError(`--values is not valid JSON: ${(error as Error).message}`);
    }
    if (!values || typeof values !== 'object' || Array.isArray(values)) throw new CliUsageError('--values must be a JSON object, e.g. {"fps": 24}');
  }
  const waitMs = Math.max(0, Number(options.wait) * 1000 || 0);
  const argv = sharedFlagArgs({ ...options, bundledPlugins: false });
  const config = await resolveHostConfig({ argv, env: process.env, cwd: process.cwd() });
  if (!config.server || !config.apiUser || !config.apiKey) {
    throw new CliUsageError('No server: pass --server, --api-user and --api-key (or set FTRACK_SERVER, FTRACK_API_USER, FTRACK_API_KEY). `ftrack-host run` without a server prints them for its embedded server.');
  }
  // Loaded here, not at the top: the other commands start faster without the session module.
  const { Session, formatQueryValue } = await import('../../session/index.js');
  const session = await Session.create({ serverUrl: config.server, apiUser: config.apiUser, apiKey: config.apiKey, logger: silentLogger, pluginPaths: [], schemaCachePath: config.schemaCachePath ?? false });
  try {
    const username = options.user ?? config.apiUser;
    const [found] = await session.query(`select id, username from User where username is ${formatQueryValue(username)}`).all();
    if (!found) throw new CliUsageError(`No user "${username}" on ${config.server}; pass an existing --user`);
    const user = { username, id: String(found.id) };
    const print = (kind: string, payload: unknown): void => {
      if (options.json) process.stdout.write(`${JSON.stringify({ kind, ...(payload as object) })}\n`);
      else process.stdout.write(describe(kind, payload));
    };
    let firstReply: () => void = () => undefined;
    const gotReply = new Promise<void>((resolve) => (firstReply = resolve));
    let firstMessage: () => void = () => undefined;
    const gotMessage = new Promise<void>((resolve) => (firstMessage = resolve));
    session.eventHub.subscribe(`topic=${TRIGGER_USER_INTERFACE_TOPIC}`, (event) => {
      print('user-interface', { data: event.data });
      firstMessage();
    }, {
      subscriber: { applicationId: 'ftrack.client.web', user },
    });
    await session.eventHub.connect();
    await session.eventHub.publish(
      {
        topic,
        data: { selection, ...(identifier ? { actionIdentifier: identifier } : {}), ...(values ? { values } : {}) },
        source: { applicationId: 'ftrack.client.web', user },
      },
      {
        onReply: (reply) => {
          print('reply', { from: reply.source?.applicationId ?? reply.source?.id, data: reply.data });
          firstReply();
          // A form or a failure ends the launch: no user message will follow.
          const data = reply.data as { items?: unknown; success?: unknown } | undefined;
          if (topic === LAUNCH_TOPIC && (Array.isArray(data?.items) || data?.success === false)) firstMessage();
        },
        timeout: Math.max(waitMs, 30_000),
      },
    );
    if (topic === LAUNCH_TOPIC) {
      // Wait for the launch reply (at most 30 s), then for user messages.
      let replyTimer: NodeJS.Timeout | undefined;
      const replied = await Promise.race([gotReply.then(() => true), new Promise<boolean>((resolve) => (replyTimer = setTimeout(resolve, 30_000, false)))]);
      clearTimeout(replyTimer);
      if (!replied) process.stdout.write('No reply within 30 s: is a host with this action running?\n');
      // A launch is over at the first user message (e.g. "… is encoded"), or after --wait seconds.
      if (replied && waitMs > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([gotMessage, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
        clearTimeout(timer);
      }
    } else {
      await sleep(waitMs);
    }
  } finally {
    await session.close();
  }
}

function describe(kind: string, payload: unknown): string {
  const data = (payload as { data?: any }).data;
  if (kind === 'user-interface') {
    if (data?.type === 'message') return `message (${data.success === false ? 'failure' : 'success'}): ${String(data.message)}\n`;
    return `user interface: ${JSON.stringify(data)}\n`;
  }
  if (Array.isArray(data?.items) && data.items.every((i: any) => typeof i?.actionIdentifier === 'string')) {
    return data.items
      .map((i: any) => `action: ${i.label}${i.variant ? ` (${i.variant})` : ''} [${i.actionIdentifier}]${i.description ? ` - ${i.description}` : ''}\n`)
      .join('');
  }
  if (Array.isArray(data?.items)) return `form: ${data.title ?? ''} ${JSON.stringify(data.items)}\n`;
  if (data && typeof data === 'object' && 'success' in data) return `${data.success === false ? 'failure' : 'success'}: ${String(data.message ?? '')}\n`;
  return `reply: ${JSON.stringify(data)}\n`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
