import { randomBytes } from 'node:crypto';
import type { ActionHandler, StandinContext } from '../context.js';
import { badRequest } from './errors.js';
import { StoreValidationError } from '../store/errors.js';
import { schemaHash } from '../store/schema-hash.js';

/**
 * Handlers of the built-in `/api` actions (protocol 1.6). The media actions
 * (`get_upload_metadata`, `complete_multipart_upload`, `encode_media`) are
 * registered by the media part.
 */

/** Server version reported to clients; Python needs >= 3.3.11 (protocol 1.7). */
export const STANDIN_SERVER_VERSION = '4.13.0';

export interface BuiltinActionOptions {
  /** Changes the API key of a user (`reset_remote`); returns the new key. */
  resetApiKey(userId: string): string | undefined;
}

function str(op: Record<string, unknown>, name: string): string {
  const value = op[name];
  if (typeof value !== 'string' || value === '') throw badRequest(`Operation ${String(op.action)} needs a non-empty string "${name}".`);
  return value;
}

function entityData(op: Record<string, unknown>): Record<string, unknown> {
  const data = op.entity_data ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badRequest(`Operation ${String(op.action)} needs an "entity_data" object.`);
  return data as Record<string, unknown>;
}

function entityKey(op: Record<string, unknown>): string | string[] {
  const key = op.entity_key;
  if (typeof key === 'string' && key !== '') return key;
  if (Array.isArray(key) && key.length > 0 && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key.map(String);
  throw badRequest(`Operation ${String(op.action)} needs an "entity_key" (a string or a list of primary-key values).`);
}

export function registerBuiltinActions(context: StandinContext, options: BuiltinActionOptions): void {
  const hash = schemaHash(context.store.schemas);
  const primaryKeys = new Map(context.store.schemas.map((s) => [s.id, (s as { primary_key?: string[] }).primary_key]));
  const information = (): Record<string, unknown> => ({
    version: STANDIN_SERVER_VERSION,
    schema_hash: hash,
    storage_scenario: { scenario: 'ftrack.automatic', data: {} },
    is_timezone_support_enabled: true,
    is_nested_subqueries_enabled: true,
    product: { name: 'ftrack-host stand-in' },
  });
  const handlers: Record<string, ActionHandler> = {
    query_server_information: (op, call) => {
      const all: Record<string, unknown> = {
        ...information(),
        user_information: { id: call.user.id, username: call.user.username, first_name: call.user.firstName ?? '', last_name: call.user.lastName ?? '' },
      };
      if (!Array.isArray(op.values)) return information();
      return Object.fromEntries((op.values as unknown[]).filter((v): v is string => typeof v === 'string' && v in all).map((k) => [k, all[k]]));
    },
    query_schemas: () => context.store.schemas,
    query: (op, call) => {
      const result = context.store.query(str(op, 'expression'), { strict: call.apiOptions?.strict === true });
      return { action: 'query', data: result.data, metadata: { next: { offset: result.next } } };
    },
    search: (op) => {
      // Simple semantics (undocumented upstream): the expression (or `entity_type`) is queried,
      // then rows whose string attributes contain every term (case-insensitive) are kept,
      // restricted to `context_id` (project/parent/context) and `object_type_ids` when given.
      const expression = typeof op.expression === 'string' && op.expression.trim() !== '' ? op.expression : str(op, 'entity_type');
      const terms = Array.isArray(op.terms) ? op.terms.filter((t): t is string => typeof t === 'string' && t !== '').map((t) => t.toLowerCase()) : [];
      const result = context.store.query(expression);
      const objectTypeIds = Array.isArray(op.object_type_ids) ? op.object_type_ids.filter((t): t is string => typeof t === 'string') : [];
      const data = result.data.filter((record) => {
        if (objectTypeIds.length > 0 && !objectTypeIds.includes(String(record.object_type_id))) return false;
        if (typeof op.context_id === 'string' && op.context_id && record.project_id !== undefined && record.project_id !== op.context_id && record.parent_id !== op.context_id && record.context_id !== op.context_id) return false;
        const text = Object.values(record).filter((v) => typeof v === 'string').join(' ').toLowerCase();
        return terms.every((t) => text.includes(t));
      });
      return { action: 'search', data, metadata: { next: { offset: result.next } } };
    },
    create: (op, call) => {
      const type = str(op, 'entity_type');
      const data = { ...entityData(op) };
      const primaryKey = primaryKeys.get(type);
      if (op.entity_key !== undefined && op.entity_key !== null && primaryKey) {
        const key = entityKey(op);
        const values = typeof key === 'string' ? [key] : key;
        primaryKey.forEach((k, i) => {
          if (data[k] === undefined && values[i] !== undefined) data[k] = values[i];
        });
      }
      return { action: 'create', data: context.store.create(type, data, call.user) };
    },
    update: (op, call) => ({ action: 'update', data: context.store.update(str(op, 'entity_type'), entityKey(op), entityData(op), call.user) }),
    delete: (op, call) => {
      context.store.delete(str(op, 'entity_type'), entityKey(op), call.user);
      return { action: 'delete', data: true };
    },
    reset_remote: (op) => {
      const resetType = op.reset_type;
      if (resetType !== 'api_key') throw new StoreValidationError(`reset_type ${JSON.stringify(resetType)} is not supported; only "api_key" can be reset.`);
      const type = op.entity_type ?? 'User';
      if (type !== 'User' && type !== 'ApiKey') throw new StoreValidationError(`reset_remote of api_key works on User, not ${String(type)}.`);
      const key = op.entity_key;
      const userId = Array.isArray(key) ? String(key[0]) : typeof key === 'string' ? key : undefined;
      if (!userId) throw badRequest('reset_remote needs "entity_key": the id of the User.');
      const apiKey = options.resetApiKey(userId);
      if (apiKey === undefined) throw new StoreValidationError(`User ${userId} does not exist.`);
      return { action: 'reset_remote', data: apiKey };
    },
    get_widget_url: (op) => {
      const name = str(op, 'name');
      const params = new URLSearchParams({ widget: name, theme: typeof op.theme === 'string' ? op.theme : 'dark', token: randomBytes(8).toString('hex') });
      if (typeof op.entity_type === 'string') params.set('entityType', op.entity_type);
      const key = op.entity_key;
      if (Array.isArray(key) && key.length > 0) params.set('entityId', String(key[0]));
      else if (typeof key === 'string') params.set('entityId', key);
      return { widget_url: `${context.url}/?${params.toString()}` };
    },
    send_user_invite: (op) => {
      str(op, 'user_id');
      return { sent: true };
    },
    send_review_session_invite: (op) => {
      str(op, 'review_session_invitee_id');
      return { sent: true };
    },
    delayed_job: (op, call) => {
      // Legacy action: records an `api_job` Job that is immediately done.
      const jobType = typeof op.job_type === 'string' ? op.job_type : 'delayed_job';
      const finished = { __type__: 'datetime', value: new Date().toISOString() };
      const job = context.store.create('Job', { status: 'done', type: 'api_job', data: JSON.stringify({ description: `Delayed job ${jobType}` }), user_id: call.user.id, finished_at: finished }, call.user);
      return { action: 'delayed_job', data: job };
    },
  };
  for (const [name, handler] of Object.entries(handlers)) context.registerAction(name, handler);
}
