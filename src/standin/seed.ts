import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCATION_IDS, type EntityStore, type StandinUser } from './context.js';
import { DATA_DIR } from '../internal/paths.js';
import { quoteQueryString } from '../session/query-string.js';

/**
 * First-start data: built-in locations, users, the lookup rows the schema
 * needs (object types, statuses, types, priority, asset type, project
 * schema) and a small demo project. Every row has a fixed id, and seeding
 * only creates what is missing, so it is idempotent across restarts.
 */

/** Fixed ids of the seeded demo and lookup entities (documented in docs/standin.md). */
export const DEMO_IDS = {
  project: '8cecc02e-dc7a-451f-b00f-a3a6282739c8',
  sequence: '982dc51e-4876-4654-ba19-4e2197d5f507',
  shot: '99382b13-7965-4a22-be6b-cdf9cfbcb0c9',
  task: '76304486-ed44-468c-91e1-9154966eb2eb',
  asset: 'cf9063ad-23ea-4b48-bdb0-a0fa88a34f71',
  version: 'a215b74a-18c1-428b-8260-c3434f34cf9f',
  component: 'a38e9f21-b6b6-4b22-96b2-925a2574c4ff',
  componentLocation: '3dff2d21-51cb-40c4-b486-20907719582d',
  projectSchema: 'd83d1c57-68a7-4d96-92a8-a52b6bc9e348',
  assetTypeUpload: 'e816a79a-3a55-4463-b118-a53aa7d597fd',
  typeGeneric: '54a781fb-3ea9-4957-915e-b0c659c3107f',
  typeCompositing: '3ab94517-4dfa-41be-af9f-fcbf5a025a4d',
  statusNotStarted: '44dd9fb2-4164-11df-9218-0019bb4983d8',
  statusInProgress: '8e365165-7741-422c-8b56-9777c913de8b',
  statusApproved: '4417bfed-f89a-4bbe-a86d-aa0305422f0e',
  stateNotStarted: '7a4c7578-e0a1-4293-a29e-37017a6cf72d',
  stateInProgress: '7920c8a8-e342-41f1-a3dd-b086ca2d4452',
  stateDone: '4c1a7697-e283-42bf-8606-39a896721aae',
  priorityMedium: '9661b320-3a0c-11e2-81c1-0800200c9a66',
  roleAdministrator: '1e0b28c2-3e09-42f9-8145-225c82bbc7c1',
  roleUser: '910f4d1b-678a-42d7-b18a-43904220d91c',
} as const;

/** Object types with the fixed ids of the schema's classifiers. */
const OBJECT_TYPES: [string, string, number][] = [
  ['Task', '11c137c0-ee7e-4f9c-91c5-8c77cec22b2c', 0],
  ['Shot', 'bad911de-3bd6-47b9-8b46-3476e237cb36', 1],
  ['Sequence', 'e5139355-61da-4c8f-9db4-3abc870166bc', 2],
  ['Episode', '22139355-61da-4c8f-9db4-3abc870166bc', 3],
  ['Folder', '3c133785-51cb-11e3-980a-20c9d0831e59', 4],
  ['Asset Build', '4be63b64-5010-42fb-bf1f-428af9d638f0', 5],
  ['Milestone', '01decdd1-51cb-11e3-9d5b-20c9d0831e59', 6],
];

const LOCATIONS: [keyof typeof LOCATION_IDS, string, string][] = [
  ['origin', 'ftrack.origin', 'Origin'],
  ['unmanaged', 'ftrack.unmanaged', 'Unmanaged'],
  ['review', 'ftrack.review', 'Review'],
  ['connect', 'ftrack.connect', 'Connect'],
  ['server', 'ftrack.server', 'ftrack server'],
];

/** A stable id derived from a name (for seeded rows not listed in DEMO_IDS). */
function fixedId(name: string): string {
  const hex = createHash('md5').update(`ftrack-host standin ${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Workflows of the project schema, so `ProjectSchema.get_statuses` / `projectSchema.getStatuses` answer. */
function seedWorkflows(store: EntityStore): void {
  const statuses = [DEMO_IDS.statusNotStarted, DEMO_IDS.statusInProgress, DEMO_IDS.statusApproved].map((id) => ({ __entity_type__: 'Status', id }));
  const taskWorkflow = fixedId('workflow:task');
  const versionWorkflow = fixedId('workflow:version');
  const taskTypes = fixedId('task-type-schema');
  if (!store.get('WorkflowSchema', taskWorkflow)) store.create('WorkflowSchema', { id: taskWorkflow, name: 'Task workflow', statuses });
  if (!store.get('WorkflowSchema', versionWorkflow)) store.create('WorkflowSchema', { id: versionWorkflow, name: 'Version workflow', statuses });
  if (!store.get('TaskTypeSchema', taskTypes)) {
    store.create('TaskTypeSchema', { id: taskTypes, name: 'Task types', types: [DEMO_IDS.typeGeneric, DEMO_IDS.typeCompositing].map((id) => ({ __entity_type__: 'Type', id })) });
  }
  const schema = store.get('ProjectSchema', DEMO_IDS.projectSchema);
  if (schema && !schema.task_workflow_schema_id) {
    store.update('ProjectSchema', DEMO_IDS.projectSchema, {
      task_workflow_schema_id: taskWorkflow,
      asset_version_workflow_schema_id: versionWorkflow,
      task_type_schema_id: taskTypes,
      object_types: OBJECT_TYPES.map(([, id]) => ({ __entity_type__: 'ObjectType', id })),
    });
  }
  // Per object type (other than Task): the statuses and types it may use.
  for (const [, objectTypeId] of OBJECT_TYPES.slice(1)) {
    const id = fixedId(`schema:${objectTypeId}`);
    if (store.get('Schema', id)) continue;
    store.create('Schema', { id, project_schema_id: DEMO_IDS.projectSchema, type_id: objectTypeId, object_type_id: objectTypeId });
    statuses.forEach((status, sort) => store.create('SchemaStatus', { schema_id: id, status_id: status.id, sort }));
    store.create('SchemaType', { schema_id: id, type_id: DEMO_IDS.typeGeneric, sort: 0 });
  }
}

export interface SeedOptions {
  store: EntityStore;
  users: StandinUser[];
  mediaDir: string;
}

export function seedStore({ store, users, mediaDir }: SeedOptions): void {
  const ensure = (type: string, data: Record<string, unknown>, key: string = data.id as string): void => {
    if (!store.get(type, key)) store.create(type, data);
  };
  store.transaction(() => {
    for (const [symbol, name, label] of LOCATIONS) ensure('Location', { id: LOCATION_IDS[symbol], name, label, description: `Built-in location ${name}` });
    for (const [name, id, sort] of OBJECT_TYPES) {
      ensure('ObjectType', { id, name, sort, is_leaf: name === 'Task' || name === 'Milestone', is_time_reportable: name === 'Task', is_schedulable: name === 'Task' || name === 'Milestone' });
    }
    ensure('State', { id: DEMO_IDS.stateNotStarted, name: 'Not started', short: 'NOT_STARTED' });
    ensure('State', { id: DEMO_IDS.stateInProgress, name: 'In progress', short: 'IN_PROGRESS' });
    ensure('State', { id: DEMO_IDS.stateDone, name: 'Done', short: 'DONE' });
    const state = (id: string): Record<string, unknown> => ({ __entity_type__: 'State', id });
    ensure('Status', { id: DEMO_IDS.statusNotStarted, name: 'Not started', color: '#cccccc', is_active: true, sort: 0, state: state(DEMO_IDS.stateNotStarted) });
    ensure('Status', { id: DEMO_IDS.statusInProgress, name: 'In progress', color: '#ffa500', is_active: true, sort: 1, state: state(DEMO_IDS.stateInProgress) });
    ensure('Status', { id: DEMO_IDS.statusApproved, name: 'Approved', color: '#1cbc90', is_active: true, sort: 2, state: state(DEMO_IDS.stateDone) });
    ensure('Type', { id: DEMO_IDS.typeGeneric, name: 'Generic', sort: 0, color: '#510100', is_billable: true });
    ensure('Type', { id: DEMO_IDS.typeCompositing, name: 'Compositing', sort: 1, color: '#2e86de', is_billable: true });
    ensure('Priority', { id: DEMO_IDS.priorityMedium, name: 'Medium', sort: 0, value: 0, color: '#ffcc00' });
    ensure('AssetType', { id: DEMO_IDS.assetTypeUpload, name: 'Upload', short: 'upload', component: 'main' });
    ensure('ProjectSchema', { id: DEMO_IDS.projectSchema, name: 'VFX Scheme' });
    seedWorkflows(store);
    ensure('SecurityRole', { id: DEMO_IDS.roleAdministrator, name: 'Administrator', type: 'PROJECT' });
    ensure('SecurityRole', { id: DEMO_IDS.roleUser, name: 'User', type: 'PROJECT' });
    for (const user of users) {
      const existing = store.get('User', user.id);
      const data = { username: user.username, first_name: user.firstName ?? '', last_name: user.lastName ?? '', email: user.email ?? null, is_active: true };
      if (!existing) store.create('User', { id: user.id, ...data });
      else if (existing.username !== user.username) store.update('User', user.id, { username: user.username });
      for (const role of user.roles) {
        const roleId = role === 'Administrator' ? DEMO_IDS.roleAdministrator : role === 'User' ? DEMO_IDS.roleUser : undefined;
        if (!roleId) continue;
        const found = store.query(`select id from UserSecurityRole where user_id is ${quoteQueryString(user.id)} and security_role_id is ${quoteQueryString(roleId)} limit 1`);
        if (found.data.length === 0) store.create('UserSecurityRole', { user_id: user.id, security_role_id: roleId, is_all_projects: true, is_all_open_projects: true });
      }
    }
    ensure('Project', { id: DEMO_IDS.project, name: 'demo_project', full_name: 'Demo Project', project_schema_id: DEMO_IDS.projectSchema, status: 'active', root: '' });
    ensure('Sequence', { id: DEMO_IDS.sequence, name: 'sq010', parent_id: DEMO_IDS.project, project_id: DEMO_IDS.project, status_id: DEMO_IDS.statusInProgress, type_id: DEMO_IDS.typeGeneric });
    ensure('Shot', { id: DEMO_IDS.shot, name: 'sh010', parent_id: DEMO_IDS.sequence, project_id: DEMO_IDS.project, status_id: DEMO_IDS.statusInProgress, type_id: DEMO_IDS.typeGeneric });
    ensure('Task', { id: DEMO_IDS.task, name: 'compositing', parent_id: DEMO_IDS.shot, project_id: DEMO_IDS.project, status_id: DEMO_IDS.statusNotStarted, type_id: DEMO_IDS.typeCompositing });
    ensure('Asset', { id: DEMO_IDS.asset, name: 'plate', context_id: DEMO_IDS.shot, type_id: DEMO_IDS.assetTypeUpload });
    ensure('AssetVersion', { id: DEMO_IDS.version, asset_id: DEMO_IDS.asset, version: 1, task_id: DEMO_IDS.task, status_id: DEMO_IDS.statusNotStarted, comment: 'Demo plate', user_id: users[0]?.id ?? null, is_published: true });
    ensure('FileComponent', { id: DEMO_IDS.component, name: 'main', file_type: '.mov', size: 0, version_id: DEMO_IDS.version });
    ensure('ComponentLocation', { id: DEMO_IDS.componentLocation, component_id: DEMO_IDS.component, location_id: LOCATION_IDS.server, resource_identifier: DEMO_IDS.component });
  });
  mkdirSync(mediaDir, { recursive: true });
  const target = join(mediaDir, DEMO_IDS.component);
  const source = join(DATA_DIR, 'colour_wheel.mov');
  if (!existsSync(target) && existsSync(source)) {
    copyFileSync(source, target);
  }
  const size = existsSync(target) ? statSync(target).size : 0;
  const component = store.get('FileComponent', DEMO_IDS.component);
  if (component && component.size !== size) store.update('FileComponent', DEMO_IDS.component, { size });
}
