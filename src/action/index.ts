// The action helper for plugin authors (see docs/plugins.md).
export { defineAction, toReply, DISCOVER_TOPIC, LAUNCH_TOPIC } from './define-action.js';
export type { Action } from './define-action.js';
export type {
  ActionEvent,
  ActionForm,
  ActionHub,
  ActionRegistration,
  ActionResult,
  ActionSession,
  ActionSpec,
  ActionUser,
  FormItem,
  LaunchContext,
  LaunchReturn,
  MatchContext,
  SelectionItem,
} from './types.js';
export { normalizeEntityType, parseSelection, readSelection, readUser } from './selection.js';
export { sendUserMessage, sendUserInterface, userInterfaceTarget, TRIGGER_USER_INTERFACE_TOPIC } from './user-interface.js';
export { queryUserRoles, cachedRoles, collectRoleNames, ROLE_CACHE_TTL_MS } from './roles.js';
