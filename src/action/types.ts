import type { Logger } from '../logger.js';

/** One selected entity as the web UI sends it (`data.selection[]`, protocol 7.1). */
export interface SelectionItem {
  entityId: string;
  /** Lower-case ftrack type name as sent (`task`, `assetversion`, `component`, …). */
  entityType: string;
}

/** The user who discovered or launched an action (`event.source.user`). */
export interface ActionUser {
  id?: string;
  username?: string;
}

/** The event fields the action helper reads (an EventHub `Event` satisfies it). */
export interface ActionEvent {
  id: string;
  topic: string;
  data: any;
  source: any;
  target?: string;
  inReplyToEvent?: string | null;
}

/** The part of an EventHub actions use; injectable for tests. */
export interface ActionHub {
  subscribe(expression: string, callback: (event: any) => unknown, options?: any): string;
  unsubscribe(id: string): boolean;
  publish(event: { topic: string; data?: unknown; target?: string; source?: object }, options?: any): Promise<string>;
  publishReply(sourceEvent: any, data: unknown, source?: Record<string, unknown>): Promise<string>;
}

/** The part of a Session actions use. `query` is only needed by the default role resolver. */
export interface ActionSession {
  eventHub: ActionHub;
  logger?: Logger;
  query?(expression: string): { all(): Promise<any[]> };
}

/** Widget items of an action form (protocol 7.2). */
export type FormItem =
  | { type: 'label'; value: string }
  | { type: 'text'; name: string; label?: string; value?: string; empty_text?: string }
  | { type: 'textarea'; name: string; label?: string; value?: string }
  | { type: 'number'; name: string; label?: string; value?: number; empty_text?: string }
  | { type: 'date'; name: string; label?: string; value?: string }
  | { type: 'boolean'; name: string; label?: string; value?: boolean }
  | { type: 'enumerator'; name: string; label?: string; data: { label: string; value: unknown }[]; value?: unknown; multi_select?: boolean }
  | { type: 'hidden'; name: string; value: unknown };

/** A form reply: the UI shows it and launches again with `data.values`. */
export interface ActionForm {
  items: FormItem[];
  title?: string;
  submit_button_label?: string;
}

/** A result reply shown as a notification. Extra keys (e.g. `type: 'widget'`, `url`) pass through. */
export interface ActionResult {
  success: boolean;
  message: string;
  [key: string]: unknown;
}

/** What `launch` may return: a result, a plain message (success), a form, or nothing. */
export type LaunchReturn = ActionResult | ActionForm | string | void | undefined;

/** Passed to `match`. */
export interface MatchContext<S> {
  session: S;
  user: ActionUser;
  event: ActionEvent;
  logger: Logger;
}

/** Passed to `form` and `launch`. */
export interface LaunchContext<S> extends MatchContext<S> {
  selection: SelectionItem[];
  /** Values of a submitted form, or undefined on the first launch. */
  values: Record<string, unknown> | undefined;
  /** Sends the launching user a notification through `ftrack.action.trigger-user-interface`. */
  sendMessage(message: string, success?: boolean): Promise<void>;
  /**
   * Runs work after the reply was sent. It counts as in flight for a
   * draining host; a failure is logged and sent to the user as a message.
   */
  background(work: () => Promise<unknown>): void;
}

/** Options of {@link defineAction}. */
export interface ActionSpec<S extends ActionSession = ActionSession> {
  /** Unique id sent back in launches (`data.actionIdentifier`). */
  identifier: string;
  label: string;
  /** Shown as a sub-entry under actions with the same label. */
  variant?: string;
  description?: string;
  /** Icon URL or a predefined ftrack icon name. */
  icon?: string;
  /** Extra keys copied into the discover item (the UI sends them back on launch). */
  itemData?: Record<string, unknown>;
  /** Whether to offer the action for this selection. May be async and query the session. Defaults to always. */
  match?(selection: SelectionItem[], context: MatchContext<S>): boolean | Promise<boolean>;
  /** Returns a form to show before launching, or undefined to launch directly. Not called once `values` is present. */
  form?(context: LaunchContext<S>): ActionForm | undefined | Promise<ActionForm | undefined>;
  /** Runs the action. Should return quickly; use `context.background` for long work. */
  launch(context: LaunchContext<S>): LaunchReturn | Promise<LaunchReturn>;
  /** Only these usernames may see and launch the action. */
  allowedUsers?: readonly string[];
  /** Only users with one of these security roles (case-insensitive) may see and launch the action. */
  allowedRoles?: readonly string[];
  /** Resolves a user's role names; defaults to querying the session (cached 60 s). */
  roles?(user: ActionUser, session: S): Promise<readonly string[]>;
}

/** A registered action; `unsubscribe()` removes its two subscriptions. */
export interface ActionRegistration {
  readonly identifier: string;
  readonly subscriptions: readonly string[];
  unsubscribe(): void;
}
