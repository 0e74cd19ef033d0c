import type { ActionHub, ActionUser } from './types.js';

/** Topic that pushes UI to a user's browser (protocol 7.3). */
export const TRIGGER_USER_INTERFACE_TOPIC = 'ftrack.action.trigger-user-interface';

/**
 * Target expression of the web UI of one user: by id when known, else by
 * username. Returns undefined when the user is unknown.
 */
export function userInterfaceTarget(user: ActionUser): string | undefined {
  if (user.id) return `applicationId=ftrack.client.web and user.id="${user.id}"`;
  if (user.username) return `applicationId=ftrack.client.web and user.username="${user.username}"`;
  return undefined;
}

/** Sends a user a notification (`type: message`). No-op when the user is unknown. */
export async function sendUserMessage(hub: Pick<ActionHub, 'publish'>, user: ActionUser, message: string, success = true): Promise<void> {
  await sendUserInterface(hub, user, { type: 'message', success, message });
}

/** Pushes any user-interface payload (`message`, `widget`, `form`) to a user. */
export async function sendUserInterface(hub: Pick<ActionHub, 'publish'>, user: ActionUser, data: Record<string, unknown>): Promise<void> {
  const target = userInterfaceTarget(user);
  if (!target) return;
  await hub.publish({ topic: TRIGGER_USER_INTERFACE_TOPIC, target, data });
}
