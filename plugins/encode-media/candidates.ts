import { normalizeEntityType, type SelectionItem } from '../../src/action/index.js';
import { formatQueryValue } from '../../src/session/expression.js';

/** Id of the `ftrack.server` location (protocol 3.1). */
export const SERVER_LOCATION_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';

/** Component types the encoder takes. */
const ENCODABLE_TYPES = new Set(['FileComponent', 'SequenceComponent', 'Component']);
/** Selection types that may hold components. */
const COMPONENT_SELECTION_TYPES = new Set(['component', 'filecomponent', 'sequencecomponent', 'containercomponent']);
const VERSION_SELECTION_TYPES = new Set(['assetversion', 'version']);

/** The session calls the plugin needs (a `Session` satisfies it). */
export interface QuerySession {
  query(expression: string): { all(): Promise<any[]> };
}

/** A component the action can encode. */
export interface Candidate {
  id: string;
  name: string;
  entityType: string;
  fileType: string;
  versionId: string | undefined;
  /** The queried entity (passed to `session.encodeMedia`). */
  entity: unknown;
}

/** Why a component was left out (for the "nothing to encode" message). */
export interface Rejection {
  id: string;
  reason: string;
}

/** Whether a selection holds anything that may resolve to components (decided without querying). */
export function mayHoldCandidates(selection: readonly SelectionItem[]): boolean {
  return selection.some((item) => {
    const type = normalizeEntityType(item.entityType);
    return COMPONENT_SELECTION_TYPES.has(type) || VERSION_SELECTION_TYPES.has(type);
  });
}

const COMPONENT_FIELDS = 'select id, name, file_type, version_id, container_id';

/**
 * Resolves a selection into the components that can be encoded: selected
 * components themselves, and the source components of selected versions
 * (not the `ftrackreview-*` outputs). Each must be a file or sequence
 * component, have an allowed file type and be in the server location.
 */
export async function findCandidates(
  session: QuerySession,
  selection: readonly SelectionItem[],
  fileTypes: readonly string[],
): Promise<{ candidates: Candidate[]; rejected: Rejection[] }> {
  const componentIds = new Set<string>();
  const versionIds = new Set<string>();
  for (const item of selection) {
    const type = normalizeEntityType(item.entityType);
    if (COMPONENT_SELECTION_TYPES.has(type)) componentIds.add(item.entityId);
    else if (VERSION_SELECTION_TYPES.has(type)) versionIds.add(item.entityId);
  }
  const rows: any[] = [];
  if (componentIds.size > 0) rows.push(...(await session.query(`${COMPONENT_FIELDS} from Component where id in (${quoteList(componentIds)})`).all()));
  if (versionIds.size > 0) {
    const fromVersions = await session.query(`${COMPONENT_FIELDS} from Component where version_id in (${quoteList(versionIds)})`).all();
    rows.push(...fromVersions.filter((r) => !String(r.name ?? '').startsWith('ftrackreview-') && r.name !== 'thumbnail' && !r.container_id));
  }
  const allowed = new Set(fileTypes.map(normalizeFileType));
  const rejected: Rejection[] = [];
  const typed: Candidate[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const id = String(row.id);
    if (seen.has(id)) continue;
    seen.add(id);
    const entityType = String(row.__entity_type__ ?? row.entityType ?? 'Component');
    const fileType = normalizeFileType(String(row.file_type ?? ''));
    const name = String(row.name ?? id);
    if (!ENCODABLE_TYPES.has(entityType)) rejected.push({ id, reason: `${name} is a ${entityType}` });
    else if (String(row.name ?? '').startsWith('ftrackreview-')) rejected.push({ id, reason: `${name} is already a review output` });
    else if (!allowed.has(fileType)) rejected.push({ id, reason: `${name} has file type "${fileType || 'none'}"` });
    else typed.push({ id, name, entityType, fileType, versionId: row.version_id ? String(row.version_id) : undefined, entity: row });
  }
  if (typed.length === 0) return { candidates: [], rejected };

  // In the server location: the component itself, or for a sequence its members.
  const sequences = typed.filter((c) => c.entityType === 'SequenceComponent');
  const members = new Map<string, string>();
  if (sequences.length > 0) {
    const memberRows = await session.query(`select id, container_id from Component where container_id in (${quoteList(sequences.map((s) => s.id))})`).all();
    for (const m of memberRows) members.set(String(m.id), String(m.container_id));
  }
  const ids = [...typed.map((c) => c.id), ...members.keys()];
  const located = await session
    .query(`select component_id from ComponentLocation where location_id is "${SERVER_LOCATION_ID}" and component_id in (${quoteList(ids)})`)
    .all();
  const inServer = new Set<string>();
  for (const row of located) {
    const componentId = String(row.component_id ?? row.component?.id);
    inServer.add(componentId);
    const container = members.get(componentId);
    if (container) inServer.add(container);
  }
  const candidates: Candidate[] = [];
  for (const c of typed) {
    if (inServer.has(c.id)) candidates.push(c);
    else rejected.push({ id: c.id, reason: `${c.name} is not in the ftrack server location` });
  }
  candidates.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { candidates, rejected };
}

/** `.MOV`, `mov` → `.mov`. */
export function normalizeFileType(value: string): string {
  const t = value.trim().toLowerCase();
  if (t === '') return '';
  return t.startsWith('.') ? t : `.${t}`;
}

function quoteList(ids: Iterable<string>): string {
  return [...ids].map(formatQueryValue).join(', ');
}
