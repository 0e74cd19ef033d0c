import { errorMessage } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { PluginContext } from '../plugin/types.js';
import { cachedRoles, queryUserRoles } from './roles.js';
import { readSelection, readUser } from './selection.js';
import { sendUserMessage } from './user-interface.js';
import type {
  ActionEvent,
  ActionForm,
  ActionRegistration,
  ActionResult,
  ActionSession,
  ActionSpec,
  ActionUser,
  LaunchContext,
  LaunchReturn,
} from './types.js';

export const DISCOVER_TOPIC = 'ftrack.action.discover';
export const LAUNCH_TOPIC = 'ftrack.action.launch';

/** An action ready to register; also a valid plugin (`export default defineAction(…)`). */
export interface Action<S extends ActionSession = ActionSession> {
  readonly identifier: string;
  readonly spec: ActionSpec<S>;
  /** Subscribes to discover and launch on `session.eventHub`. */
  register(session: S, pluginArguments?: unknown, context?: Partial<PluginContext>): ActionRegistration;
}

/**
 * Defines an ftrack action (protocol section 7): answers
 * `ftrack.action.discover` with one item when `match` accepts the selection
 * and the user is allowed, and handles `ftrack.action.launch` for its
 * identifier, with an optional form round trip.
 *
 * @example
 * ```ts
 * export default defineAction({
 *   identifier: 'studio.hello',
 *   label: 'Say hello',
 *   match: (selection) => selection.length === 1,
 *   launch: ({ user }) => `Hello ${user.username}`,
 * });
 * ```
 */
export function defineAction<S extends ActionSession = ActionSession>(spec: ActionSpec<S>): Action<S> {
  if (!spec || typeof spec.identifier !== 'string' || !spec.identifier) throw new TypeError('defineAction: `identifier` is required');
  if (typeof spec.label !== 'string' || !spec.label) throw new TypeError(`defineAction('${spec.identifier}'): \`label\` is required`);
  if (typeof spec.launch !== 'function') throw new TypeError(`defineAction('${spec.identifier}'): \`launch\` must be a function`);
  const roles = cachedRoles<S>(spec.roles ?? ((user, session) => queryUserRoles(user, session)));
  return {
    identifier: spec.identifier,
    spec,
    register: (session, _args, context) => registerAction(spec, session, roles, context),
  };
}

function registerAction<S extends ActionSession>(
  spec: ActionSpec<S>,
  session: S,
  roles: (user: ActionUser, session: S) => Promise<readonly string[]>,
  context: Partial<PluginContext> | undefined,
): ActionRegistration {
  const hub = session.eventHub;
  const logger: Logger = (context?.logger ?? session.logger ?? silentLogger).child({ action: spec.identifier });
  const track = <T>(work: Promise<T>): Promise<T> => (context?.track ? context.track(work) : work);

  const isAllowed = async (user: ActionUser): Promise<boolean> => {
    const users = spec.allowedUsers;
    const wanted = spec.allowedRoles;
    if (!users?.length && !wanted?.length) return true;
    if (users?.length && user.username && users.includes(user.username)) return true;
    if (!wanted?.length || (!user.id && !user.username)) return false;
    try {
      const have = (await roles(user, session)).map((r) => r.toLowerCase());
      return wanted.some((r) => have.includes(r.toLowerCase()));
    } catch (error) {
      logger.warn({ err: errorMessage(error), user: user.username }, 'could not resolve the user roles; action hidden');
      return false;
    }
  };

  const item: Record<string, unknown> = {
    ...(spec.itemData ?? {}),
    label: spec.label,
    actionIdentifier: spec.identifier,
    ...(spec.variant !== undefined ? { variant: spec.variant } : {}),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.icon !== undefined ? { icon: spec.icon } : {}),
  };

  const restricted = Boolean(spec.allowedUsers?.length || spec.allowedRoles?.length);

  // The same reply data for every discover (serialized when sent, never mutated).
  const discoverData = Object.freeze({ items: Object.freeze([Object.freeze(item)]) });
  const onReplyFailed = (error: unknown): void => {
    logger.warn({ err: errorMessage(error) }, 'could not publish the discover reply');
  };
  const matchFailed = (event: ActionEvent, error: unknown): undefined => {
    logger.warn({ err: errorMessage(error), eventId: event.id }, 'match() failed; action not offered');
    return undefined;
  };

  // Discover is the hot path (every menu opening reaches every action). The
  // reply is handed to the hub without waiting for the server's ack: the hub
  // sends it in the same flush as the other actions' replies and still waits
  // for unacknowledged publishes when it disconnects. So a handler with no
  // restriction and a synchronous match returns nothing and allocates nothing
  // per event beyond the reply itself (no promise for the dispatcher, the
  // plugin runtime and the metrics to follow).
  const reply = (event: ActionEvent, offered: boolean): undefined => {
    if (offered) hub.publishReply(event, discoverData).catch(onReplyFailed);
    return undefined;
  };

  const onDiscover = (event: ActionEvent): Promise<undefined> | undefined => {
    if (restricted) return discoverChecked(event);
    const selection = readSelection(event.data);
    if (!spec.match) return reply(event, true);
    let offered: boolean | Promise<boolean>;
    try {
      offered = spec.match(selection, { session, user: readUser(event.source), event, logger });
    } catch (error) {
      return matchFailed(event, error);
    }
    if (typeof offered === 'boolean') return reply(event, offered);
    return Promise.resolve(offered).then(
      (ok) => reply(event, ok),
      (error: unknown) => matchFailed(event, error),
    );
  };

  const discoverChecked = async (event: ActionEvent): Promise<undefined> => {
    const user = readUser(event.source);
    const selection = readSelection(event.data);
    if (!(await isAllowed(user))) return undefined;
    let offered = true;
    if (spec.match) {
      try {
        offered = await spec.match(selection, { session, user, event, logger });
      } catch (error) {
        return matchFailed(event, error);
      }
    }
    return reply(event, offered);
  };

  const onLaunch = async (event: ActionEvent): Promise<undefined> => {
    const user = readUser(event.source);
    const reply = (data: unknown): Promise<string> => hub.publishReply(event, data);
    if (!(await isAllowed(user))) {
      await reply({ success: false, message: `You are not allowed to run "${spec.label}".` });
      return undefined;
    }
    const rawValues = (event.data as { values?: unknown } | undefined)?.values;
    const values = rawValues && typeof rawValues === 'object' ? (rawValues as Record<string, unknown>) : undefined;
    const launchContext: LaunchContext<S> = {
      session,
      user,
      event,
      logger,
      selection: readSelection(event.data),
      values,
      sendMessage: (message, success = true) => sendUserMessage(hub, user, message, success),
      background: (work) => {
        void track(
          Promise.resolve()
            .then(work)
            .catch(async (error: unknown) => {
              logger.error({ err: errorMessage(error), eventId: event.id }, 'background work failed');
              await sendUserMessage(hub, user, `${spec.label} failed: ${errorMessage(error)}`, false).catch(() => undefined);
            }),
        );
      },
    };
    let data: unknown;
    try {
      const form = !values && spec.form ? await spec.form(launchContext) : undefined;
      data = form ?? toReply(await spec.launch(launchContext), spec.label);
    } catch (error) {
      logger.error({ err: errorMessage(error), eventId: event.id }, 'launch failed');
      data = { success: false, message: `${spec.label} failed: ${errorMessage(error)}` };
    }
    await reply(data);
    return undefined;
  };

  const subscriptions = [
    hub.subscribe(`topic=${DISCOVER_TOPIC}`, onDiscover),
    hub.subscribe(`topic=${LAUNCH_TOPIC} and data.actionIdentifier="${spec.identifier}"`, onLaunch),
  ];
  return {
    identifier: spec.identifier,
    subscriptions,
    unsubscribe: () => {
      for (const id of subscriptions) hub.unsubscribe(id);
    },
  };
}

/** Turns what `launch` returned into reply data. */
export function toReply(value: LaunchReturn, label: string): ActionResult | ActionForm {
  if (value === undefined || value === null) return { success: true, message: `${label}: done.` };
  if (typeof value === 'string') return { success: true, message: value };
  if (Array.isArray((value as ActionForm).items)) return value as ActionForm;
  const result = value as ActionResult;
  return { ...result, success: result.success !== false, message: typeof result.message === 'string' ? result.message : `${label}: done.` };
}
