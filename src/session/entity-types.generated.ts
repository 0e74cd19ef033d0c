// GENERATED FILE, do not edit by hand.
// Source: data/query_schemas.json (116 entity types).
// Regenerate: node --import=tsx scripts/generate-entity-types.ts
//
// One interface per entity schema. Every attribute is optional: a query
// returns only the attributes it projected (or that were fetched later).
// A reference reads as its target type and accepts any entity on assignment.

import type { Entity } from './entity.js';

/** `Appointment` entity. */
export interface Appointment extends Entity {
  readonly __entity_type__: 'Appointment';
  get context(): Context | undefined;
  set context(value: Entity | undefined);
  context_id?: string;
  id?: string;
  get resource(): Resource | undefined;
  set resource(value: Entity | undefined);
  resource_id?: string;
  type?: string;
}

/** `Asset` entity. */
export interface Asset extends Entity {
  readonly __entity_type__: 'Asset';
  context_id?: string;
  custom_attributes?: AssetCustomAttributeValue[];
  id?: string;
  get latest_version(): AssetVersion | undefined;
  set latest_version(value: Entity | undefined);
  metadata?: Metadata[];
  name?: string;
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  get type(): AssetType | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
  versions?: AssetVersion[];
}

/** `AssetBuild` entity. */
export interface AssetBuild extends Entity {
  readonly __entity_type__: 'AssetBuild';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `AssetCustomAttributeLink` entity. */
export interface AssetCustomAttributeLink extends Entity {
  readonly __entity_type__: 'AssetCustomAttributeLink';
  get asset(): Asset | undefined;
  set asset(value: Entity | undefined);
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `AssetCustomAttributeLinkFrom` entity. */
export interface AssetCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'AssetCustomAttributeLinkFrom';
  get asset(): Asset | undefined;
  set asset(value: Entity | undefined);
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
}

/** `AssetCustomAttributeValue` entity. */
export interface AssetCustomAttributeValue extends Entity {
  readonly __entity_type__: 'AssetCustomAttributeValue';
  get configuration(): CustomAttributeConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `AssetType` entity. */
export interface AssetType extends Entity {
  readonly __entity_type__: 'AssetType';
  assets?: Asset[];
  component?: string;
  id?: string;
  name?: string;
  short?: string;
}

/** `AssetVersion` entity. */
export interface AssetVersion extends Entity {
  readonly __entity_type__: 'AssetVersion';
  _link?: string;
  get asset(): Asset | undefined;
  set asset(value: Entity | undefined);
  asset_id?: string;
  comment?: string;
  components?: Component[];
  custom_attributes?: AssetVersionCustomAttributeValue[];
  date?: Date;
  id?: string;
  incoming_links?: AssetVersionLink[];
  is_latest_version?: boolean;
  is_published?: boolean;
  link?: string;
  lists?: AssetVersionList[];
  metadata?: Metadata[];
  notes?: Note[];
  outgoing_links?: AssetVersionLink[];
  review_session_objects?: ReviewSessionObject[];
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get task(): Task | undefined;
  set task(value: Entity | undefined);
  task_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  used_in_versions?: AssetVersion[];
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
  uses_versions?: AssetVersion[];
  version?: number;
}

/** `AssetVersionCustomAttributeLink` entity. */
export interface AssetVersionCustomAttributeLink extends Entity {
  readonly __entity_type__: 'AssetVersionCustomAttributeLink';
  get asset_version(): AssetVersion | undefined;
  set asset_version(value: Entity | undefined);
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `AssetVersionCustomAttributeLinkFrom` entity. */
export interface AssetVersionCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'AssetVersionCustomAttributeLinkFrom';
  get asset_version(): AssetVersion | undefined;
  set asset_version(value: Entity | undefined);
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
}

/** `AssetVersionCustomAttributeValue` entity. */
export interface AssetVersionCustomAttributeValue extends Entity {
  readonly __entity_type__: 'AssetVersionCustomAttributeValue';
  get configuration(): CustomAttributeConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `AssetVersionLink` entity. */
export interface AssetVersionLink extends Entity {
  readonly __entity_type__: 'AssetVersionLink';
  get from(): AssetVersion | undefined;
  set from(value: Entity | undefined);
  from_id?: string;
  id?: string;
  metadata?: Metadata[];
  get to(): AssetVersion | undefined;
  set to(value: Entity | undefined);
  to_id?: string;
}

/** `AssetVersionList` entity. */
export interface AssetVersionList extends Entity {
  readonly __entity_type__: 'AssetVersionList';
  get category(): ListCategory | undefined;
  set category(value: Entity | undefined);
  category_id?: string;
  custom_attributes?: ListCustomAttributeValue[];
  date?: Date;
  id?: string;
  is_open?: boolean;
  items?: AssetVersion[];
  name?: string;
  get owner(): User | undefined;
  set owner(value: Entity | undefined);
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  system_type?: string;
  user_id?: string;
}

/** `AssetVersionStatusChange` entity. */
export interface AssetVersionStatusChange extends Entity {
  readonly __entity_type__: 'AssetVersionStatusChange';
  date?: Date;
  get from_status(): Status | undefined;
  set from_status(value: Entity | undefined);
  from_status_id?: string;
  id?: string;
  get parent(): AssetVersion | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  parent_type?: string;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `CalendarEvent` entity. */
export interface CalendarEvent extends Entity {
  readonly __entity_type__: 'CalendarEvent';
  calendar_event_resources?: CalendarEventResource[];
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  effort?: number;
  end?: Date;
  estimate?: number;
  everyone?: boolean;
  forecast?: boolean;
  id?: string;
  leave?: boolean;
  metadata?: Metadata[];
  name?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  start?: Date;
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `CalendarEventResource` entity. */
export interface CalendarEventResource extends Entity {
  readonly __entity_type__: 'CalendarEventResource';
  get calendar_event(): CalendarEvent | undefined;
  set calendar_event(value: Entity | undefined);
  calendar_event_id?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  id?: string;
  get resource(): Resource | undefined;
  set resource(value: Entity | undefined);
  resource_id?: string;
}

/** `Component` entity. */
export interface Component extends Entity {
  readonly __entity_type__: 'Component';
  component_locations?: ComponentLocation[];
  get container(): ContainerComponent | undefined;
  set container(value: Entity | undefined);
  container_id?: string;
  file_type?: string;
  id?: string;
  metadata?: Metadata[];
  name?: string;
  size?: number;
  system_type?: string;
  get version(): AssetVersion | undefined;
  set version(value: Entity | undefined);
  version_id?: string;
}

/** `ComponentCustomAttributeLink` entity. */
export interface ComponentCustomAttributeLink extends Entity {
  readonly __entity_type__: 'ComponentCustomAttributeLink';
  get component(): Component | undefined;
  set component(value: Entity | undefined);
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `ComponentCustomAttributeLinkFrom` entity. */
export interface ComponentCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'ComponentCustomAttributeLinkFrom';
  get component(): Component | undefined;
  set component(value: Entity | undefined);
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
}

/** `ComponentLocation` entity. */
export interface ComponentLocation extends Entity {
  readonly __entity_type__: 'ComponentLocation';
  get component(): Component | undefined;
  set component(value: Entity | undefined);
  component_id?: string;
  id?: string;
  get location(): Location | undefined;
  set location(value: Entity | undefined);
  location_id?: string;
  resource_identifier?: string;
  url?: unknown;
}

/** `ContainerComponent` entity. */
export interface ContainerComponent extends Entity {
  readonly __entity_type__: 'ContainerComponent';
  component_locations?: ComponentLocation[];
  get container(): ContainerComponent | undefined;
  set container(value: Entity | undefined);
  container_id?: string;
  file_type?: string;
  id?: string;
  members?: Component[];
  metadata?: Metadata[];
  name?: string;
  size?: number;
  system_type?: string;
  get version(): AssetVersion | undefined;
  set version(value: Entity | undefined);
  version_id?: string;
}

/** `Context` entity. */
export interface Context extends Entity {
  readonly __entity_type__: 'Context';
  _link?: string;
  allocations?: Appointment[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  id?: string;
  link?: string;
  managers?: Manager[];
  name?: string;
  notes?: Note[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  project_id?: string;
  scopes?: Scope[];
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  timelogs?: Timelog[];
}

/** `ContextCustomAttributeLink` entity. */
export interface ContextCustomAttributeLink extends Entity {
  readonly __entity_type__: 'ContextCustomAttributeLink';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  get context(): Context | undefined;
  set context(value: Entity | undefined);
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `ContextCustomAttributeLinkFrom` entity. */
export interface ContextCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'ContextCustomAttributeLinkFrom';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  get context(): Context | undefined;
  set context(value: Entity | undefined);
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
}

/** `ContextCustomAttributeValue` entity. */
export interface ContextCustomAttributeValue extends Entity {
  readonly __entity_type__: 'ContextCustomAttributeValue';
  get configuration(): CustomAttributeConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `Conversation` entity. */
export interface Conversation extends Entity {
  readonly __entity_type__: 'Conversation';
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  id?: string;
  messages?: Message[];
  participants?: Participant[];
}

/** `CustomAttributeConfiguration` entity. */
export interface CustomAttributeConfiguration extends Entity {
  readonly __entity_type__: 'CustomAttributeConfiguration';
  config?: string;
  core?: boolean;
  default?: unknown;
  entity_type?: string;
  get group(): CustomAttributeGroup | undefined;
  set group(value: Entity | undefined);
  group_id?: string;
  id?: string;
  is_hierarchical?: boolean;
  key?: string;
  label?: string;
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  project_id?: string;
  read_security_roles?: SecurityRole[];
  sort?: number;
  get type(): CustomAttributeType | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
  values?: CustomAttributeValue[];
  write_security_roles?: SecurityRole[];
}

/** `CustomAttributeGroup` entity. */
export interface CustomAttributeGroup extends Entity {
  readonly __entity_type__: 'CustomAttributeGroup';
  custom_attribute_configurations?: CustomAttributeConfiguration[];
  id?: string;
  name?: string;
}

/** `CustomAttributeLink` entity. */
export interface CustomAttributeLink extends Entity {
  readonly __entity_type__: 'CustomAttributeLink';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `CustomAttributeLinkConfiguration` entity. */
export interface CustomAttributeLinkConfiguration extends Entity {
  readonly __entity_type__: 'CustomAttributeLinkConfiguration';
  config?: string;
  core?: boolean;
  entity_type?: string;
  entity_type_to?: string;
  get group(): CustomAttributeGroup | undefined;
  set group(value: Entity | undefined);
  group_id?: string;
  id?: string;
  key?: string;
  label?: string;
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  object_type_id_to?: string;
  get object_type_to(): ObjectType | undefined;
  set object_type_to(value: Entity | undefined);
  one_to_one?: boolean;
  project_id?: string;
  read_security_roles?: SecurityRole[];
  sort?: number;
  write_security_roles?: SecurityRole[];
}

/** `CustomAttributeLinkFrom` entity. */
export interface CustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'CustomAttributeLinkFrom';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
}

/** `CustomAttributeType` entity. */
export interface CustomAttributeType extends Entity {
  readonly __entity_type__: 'CustomAttributeType';
  core?: boolean;
  custom_attribute_configurations?: CustomAttributeConfiguration[];
  form_config?: string;
  id?: string;
  name?: string;
}

/** `CustomAttributeValue` entity. */
export interface CustomAttributeValue extends Entity {
  readonly __entity_type__: 'CustomAttributeValue';
  get configuration(): CustomAttributeConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  entity_id?: string;
  value?: unknown;
}

/** `CustomConfigurationBase` entity. */
export interface CustomConfigurationBase extends Entity {
  readonly __entity_type__: 'CustomConfigurationBase';
  config?: string;
  core?: boolean;
  entity_type?: string;
  get group(): CustomAttributeGroup | undefined;
  set group(value: Entity | undefined);
  group_id?: string;
  id?: string;
  key?: string;
  label?: string;
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  project_id?: string;
  read_security_roles?: SecurityRole[];
  sort?: number;
  write_security_roles?: SecurityRole[];
}

/** `Dashboard` entity. */
export interface Dashboard extends Entity {
  readonly __entity_type__: 'Dashboard';
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  dashboard_resources?: DashboardResource[];
  id?: string;
  is_shared_with_everyone?: boolean;
  name?: string;
  widgets?: DashboardWidget[];
}

/** `DashboardResource` entity. */
export interface DashboardResource extends Entity {
  readonly __entity_type__: 'DashboardResource';
  get dashboard(): Dashboard | undefined;
  set dashboard(value: Entity | undefined);
  get dashboard_id(): Dashboard | undefined;
  set dashboard_id(value: Entity | undefined);
  is_shared_with_everyone?: boolean;
  get resource(): Resource | undefined;
  set resource(value: Entity | undefined);
  get resource_id(): Resource | undefined;
  set resource_id(value: Entity | undefined);
}

/** `DashboardWidget` entity. */
export interface DashboardWidget extends Entity {
  readonly __entity_type__: 'DashboardWidget';
  config?: string;
  get dashboard(): Dashboard | undefined;
  set dashboard(value: Entity | undefined);
  dashboard_id?: string;
  id?: string;
  sort?: number;
  type?: string;
}

/** `Disk` entity. */
export interface Disk extends Entity {
  readonly __entity_type__: 'Disk';
  id?: string;
  name?: string;
  projects?: Project[];
  unix?: string;
  windows?: string;
}

/** `EntitySetting` entity. */
export interface EntitySetting extends Entity {
  readonly __entity_type__: 'EntitySetting';
  group?: string;
  name?: string;
  parent_id?: string;
  parent_type?: string;
  value?: string;
}

/** `Episode` entity. */
export interface Episode extends Entity {
  readonly __entity_type__: 'Episode';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `Event` entity. */
export interface Event extends Entity {
  readonly __entity_type__: 'Event';
  action?: string;
  created_at?: Date;
  data?: string;
  feeds?: Feed[];
  id?: number;
  insert?: string;
  parent_id?: string;
  parent_type?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `Feed` entity. */
export interface Feed extends Entity {
  readonly __entity_type__: 'Feed';
  cluster_id?: string;
  created_at?: Date;
  distance?: number;
  get event(): Event | undefined;
  set event(value: Entity | undefined);
  id?: string;
  owner_id?: string;
  relation?: string;
  social_id?: number;
}

/** `FileComponent` entity. */
export interface FileComponent extends Entity {
  readonly __entity_type__: 'FileComponent';
  component_locations?: ComponentLocation[];
  get container(): ContainerComponent | undefined;
  set container(value: Entity | undefined);
  container_id?: string;
  file_type?: string;
  id?: string;
  metadata?: Metadata[];
  name?: string;
  size?: number;
  system_type?: string;
  get version(): AssetVersion | undefined;
  set version(value: Entity | undefined);
  version_id?: string;
}

/** `Folder` entity. */
export interface Folder extends Entity {
  readonly __entity_type__: 'Folder';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `Group` entity. */
export interface Group extends Entity {
  readonly __entity_type__: 'Group';
  allocations?: Appointment[];
  appointments?: Appointment[];
  assignments?: Appointment[];
  children?: Group[];
  dashboard_resources?: DashboardResource[];
  id?: string;
  link?: string;
  local?: boolean;
  memberships?: Membership[];
  name?: string;
  get parent(): Group | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  resource_type?: string;
}

/** `GroupCustomAttributeLink` entity. */
export interface GroupCustomAttributeLink extends Entity {
  readonly __entity_type__: 'GroupCustomAttributeLink';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_id?: string;
  get group(): Group | undefined;
  set group(value: Entity | undefined);
  id?: string;
  to_id?: string;
}

/** `GroupCustomAttributeLinkFrom` entity. */
export interface GroupCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'GroupCustomAttributeLinkFrom';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  get group(): Group | undefined;
  set group(value: Entity | undefined);
  id?: string;
  to_entity_type?: string;
  to_id?: string;
}

/** `Job` entity. */
export interface Job extends Entity {
  readonly __entity_type__: 'Job';
  created_at?: Date;
  data?: string;
  finished_at?: Date;
  id?: string;
  job_components?: JobComponent[];
  status?: string;
  type?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `JobComponent` entity. */
export interface JobComponent extends Entity {
  readonly __entity_type__: 'JobComponent';
  get component(): Component | undefined;
  set component(value: Entity | undefined);
  component_id?: string;
  get job(): Job | undefined;
  set job(value: Entity | undefined);
  job_id?: string;
  url?: unknown;
}

/** `List` entity. */
export interface List extends Entity {
  readonly __entity_type__: 'List';
  get category(): ListCategory | undefined;
  set category(value: Entity | undefined);
  category_id?: string;
  custom_attributes?: ListCustomAttributeValue[];
  date?: Date;
  id?: string;
  is_open?: boolean;
  name?: string;
  get owner(): User | undefined;
  set owner(value: Entity | undefined);
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  system_type?: string;
  user_id?: string;
}

/** `ListCategory` entity. */
export interface ListCategory extends Entity {
  readonly __entity_type__: 'ListCategory';
  id?: string;
  lists?: List[];
  name?: string;
}

/** `ListCustomAttributeLink` entity. */
export interface ListCustomAttributeLink extends Entity {
  readonly __entity_type__: 'ListCustomAttributeLink';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_id?: string;
  id?: string;
  get list(): List | undefined;
  set list(value: Entity | undefined);
  to_id?: string;
}

/** `ListCustomAttributeLinkFrom` entity. */
export interface ListCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'ListCustomAttributeLinkFrom';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  get list(): List | undefined;
  set list(value: Entity | undefined);
  to_entity_type?: string;
  to_id?: string;
}

/** `ListCustomAttributeValue` entity. */
export interface ListCustomAttributeValue extends Entity {
  readonly __entity_type__: 'ListCustomAttributeValue';
  get configuration(): CustomAttributeConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `ListObject` entity. */
export interface ListObject extends Entity {
  readonly __entity_type__: 'ListObject';
  custom_attributes?: ListObjectCustomAttributeValue[];
  entity_id?: string;
  id?: string;
  get list(): List | undefined;
  set list(value: Entity | undefined);
  list_id?: string;
}

/** `ListObjectCustomAttributeValue` entity. */
export interface ListObjectCustomAttributeValue extends Entity {
  readonly __entity_type__: 'ListObjectCustomAttributeValue';
  get configuration(): CustomAttributeConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `Location` entity. */
export interface Location extends Entity {
  readonly __entity_type__: 'Location';
  description?: string;
  id?: string;
  label?: string;
  location_components?: ComponentLocation[];
  name?: string;
}

/** `Manager` entity. */
export interface Manager extends Entity {
  readonly __entity_type__: 'Manager';
  get context(): Context | undefined;
  set context(value: Entity | undefined);
  context_id?: string;
  id?: string;
  get type(): ManagerType | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `ManagerType` entity. */
export interface ManagerType extends Entity {
  readonly __entity_type__: 'ManagerType';
  id?: string;
  name?: string;
}

/** `Membership` entity. */
export interface Membership extends Entity {
  readonly __entity_type__: 'Membership';
  get group(): Group | undefined;
  set group(value: Entity | undefined);
  group_id?: string;
  id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `Message` entity. */
export interface Message extends Entity {
  readonly __entity_type__: 'Message';
  get conversation(): Conversation | undefined;
  set conversation(value: Entity | undefined);
  conversation_id?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  id?: string;
  text?: string;
}

/** `Metadata` entity. */
export interface Metadata extends Entity {
  readonly __entity_type__: 'Metadata';
  key?: string;
  parent_id?: string;
  parent_type?: string;
  value?: string;
}

/** `Milestone` entity. */
export interface Milestone extends Entity {
  readonly __entity_type__: 'Milestone';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `Note` entity. */
export interface Note extends Entity {
  readonly __entity_type__: 'Note';
  get author(): User | undefined;
  set author(value: Entity | undefined);
  get category(): NoteCategory | undefined;
  set category(value: Entity | undefined);
  category_id?: string;
  completed_at?: Date;
  get completed_by(): User | undefined;
  set completed_by(value: Entity | undefined);
  completed_by_id?: string;
  content?: string;
  date?: Date;
  id?: string;
  get in_reply_to(): Note | undefined;
  set in_reply_to(value: Entity | undefined);
  in_reply_to_id?: string;
  is_todo?: boolean;
  metadata?: Metadata[];
  note_components?: NoteComponent[];
  note_label_links?: NoteLabelLink[];
  parent_id?: string;
  parent_type?: string;
  recipients?: Recipient[];
  replies?: Note[];
  thread_activity?: Date;
  user_id?: string;
}

/** `NoteCategory` entity. */
export interface NoteCategory extends Entity {
  readonly __entity_type__: 'NoteCategory';
  color?: string;
  id?: string;
  name?: string;
  sort?: number;
}

/** `NoteComponent` entity. */
export interface NoteComponent extends Entity {
  readonly __entity_type__: 'NoteComponent';
  get component(): Component | undefined;
  set component(value: Entity | undefined);
  component_id?: string;
  get note(): Note | undefined;
  set note(value: Entity | undefined);
  note_id?: string;
  thumbnail_url?: unknown;
  url?: unknown;
}

/** `NoteLabel` entity. */
export interface NoteLabel extends Entity {
  readonly __entity_type__: 'NoteLabel';
  color?: string;
  id?: string;
  name?: string;
  sort?: number;
}

/** `NoteLabelLink` entity. */
export interface NoteLabelLink extends Entity {
  readonly __entity_type__: 'NoteLabelLink';
  get label(): NoteLabel | undefined;
  set label(value: Entity | undefined);
  label_id?: string;
  get note(): Note | undefined;
  set note(value: Entity | undefined);
  note_id?: string;
}

/** `ObjectType` entity. */
export interface ObjectType extends Entity {
  readonly __entity_type__: 'ObjectType';
  icon?: string;
  id?: string;
  is_leaf?: boolean;
  is_schedulable?: boolean;
  is_statusable?: boolean;
  is_taskable?: boolean;
  is_time_reportable?: boolean;
  is_typeable?: boolean;
  name?: string;
  project_schemas?: ProjectSchema[];
  sort?: number;
  tasks?: Task[];
}

/** `Participant` entity. */
export interface Participant extends Entity {
  readonly __entity_type__: 'Participant';
  get conversation(): Conversation | undefined;
  set conversation(value: Entity | undefined);
  conversation_id?: string;
  id?: string;
  last_visit?: Date;
  get resource(): Resource | undefined;
  set resource(value: Entity | undefined);
  resource_id?: string;
}

/** `Priority` entity. */
export interface Priority extends Entity {
  readonly __entity_type__: 'Priority';
  color?: string;
  id?: string;
  name?: string;
  sort?: number;
  tasks?: Task[];
  value?: number;
}

/** `Project` entity. */
export interface Project extends Entity {
  readonly __entity_type__: 'Project';
  _link?: string;
  allocations?: Appointment[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  calendar_events?: CalendarEvent[];
  children?: Context[];
  color?: string;
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  get disk(): Disk | undefined;
  set disk(value: Entity | undefined);
  disk_id?: string;
  end_date?: Date;
  full_name?: string;
  id?: string;
  is_global?: boolean;
  is_private?: boolean;
  link?: string;
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  project_id?: string;
  get project_schema(): ProjectSchema | undefined;
  set project_schema(value: Entity | undefined);
  project_schema_id?: string;
  review_sessions?: ReviewSession[];
  root?: string;
  scopes?: Scope[];
  start_date?: Date;
  status?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  timelogs?: Timelog[];
  user_security_role_projects?: UserSecurityRoleProject[];
}

/** `ProjectSchema` entity. */
export interface ProjectSchema extends Entity {
  readonly __entity_type__: 'ProjectSchema';
  _overrides?: ProjectSchemaOverride[];
  _schemas?: Schema[];
  get _task_type_schema(): TaskTypeSchema | undefined;
  set _task_type_schema(value: Entity | undefined);
  get _task_workflow(): WorkflowSchema | undefined;
  set _task_workflow(value: Entity | undefined);
  get _version_workflow(): WorkflowSchema | undefined;
  set _version_workflow(value: Entity | undefined);
  get asset_version_workflow_schema(): WorkflowSchema | undefined;
  set asset_version_workflow_schema(value: Entity | undefined);
  asset_version_workflow_schema_id?: string;
  id?: string;
  name?: string;
  object_type_schemas?: Schema[];
  object_types?: ObjectType[];
  task_templates?: TaskTemplate[];
  get task_type_schema(): TaskTypeSchema | undefined;
  set task_type_schema(value: Entity | undefined);
  task_type_schema_id?: string;
  get task_workflow_schema(): WorkflowSchema | undefined;
  set task_workflow_schema(value: Entity | undefined);
  task_workflow_schema_id?: string;
  task_workflow_schema_overrides?: ProjectSchemaOverride[];
}

/** `ProjectSchemaObjectType` entity. */
export interface ProjectSchemaObjectType extends Entity {
  readonly __entity_type__: 'ProjectSchemaObjectType';
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  get project_schema(): ProjectSchema | undefined;
  set project_schema(value: Entity | undefined);
  project_schema_id?: string;
}

/** `ProjectSchemaOverride` entity. */
export interface ProjectSchemaOverride extends Entity {
  readonly __entity_type__: 'ProjectSchemaOverride';
  id?: string;
  project_schema_id?: string;
  type_id?: string;
  get workflow_schema(): WorkflowSchema | undefined;
  set workflow_schema(value: Entity | undefined);
  workflow_schema_id?: string;
}

/** `Recipient` entity. */
export interface Recipient extends Entity {
  readonly __entity_type__: 'Recipient';
  get note(): Note | undefined;
  set note(value: Entity | undefined);
  note_id?: string;
  get recipient(): Resource | undefined;
  set recipient(value: Entity | undefined);
  resource_id?: string;
  text_mentioned?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
}

/** `Resource` entity. */
export interface Resource extends Entity {
  readonly __entity_type__: 'Resource';
  allocations?: Appointment[];
  appointments?: Appointment[];
  assignments?: Appointment[];
  dashboard_resources?: DashboardResource[];
  id?: string;
  resource_type?: string;
}

/** `ReviewSession` entity. */
export interface ReviewSession extends Entity {
  readonly __entity_type__: 'ReviewSession';
  availability?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  description?: string;
  end_date?: Date;
  id?: string;
  is_moderated?: boolean;
  is_open?: boolean;
  name?: string;
  passphrase?: string;
  passphrase_enabled?: boolean;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  review_session_invitees?: ReviewSessionInvitee[];
  review_session_objects?: ReviewSessionObject[];
  settings?: EntitySetting[];
  shareable_url_enabled?: boolean;
  start_date?: Date;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
}

/** `ReviewSessionInvitee` entity. */
export interface ReviewSessionInvitee extends Entity {
  readonly __entity_type__: 'ReviewSessionInvitee';
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  created_from_shared_url?: boolean;
  email?: string;
  id?: string;
  last_sent_at?: Date;
  name?: string;
  get review_session(): ReviewSession | undefined;
  set review_session(value: Entity | undefined);
  review_session_id?: string;
  statuses?: ReviewSessionObjectStatus[];
}

/** `ReviewSessionObject` entity. */
export interface ReviewSessionObject extends Entity {
  readonly __entity_type__: 'ReviewSessionObject';
  get asset_version(): AssetVersion | undefined;
  set asset_version(value: Entity | undefined);
  created_at?: Date;
  description?: string;
  id?: string;
  name?: string;
  notes?: Note[];
  get review_session(): ReviewSession | undefined;
  set review_session(value: Entity | undefined);
  review_session_id?: string;
  sort_order?: number;
  statuses?: ReviewSessionObjectStatus[];
  version?: string;
  version_id?: string;
}

/** `ReviewSessionObjectStatus` entity. */
export interface ReviewSessionObjectStatus extends Entity {
  readonly __entity_type__: 'ReviewSessionObjectStatus';
  created_at?: Date;
  id?: string;
  get invitee(): ReviewSessionInvitee | undefined;
  set invitee(value: Entity | undefined);
  review_session_invitee_id?: string;
  get review_session_object(): ReviewSessionObject | undefined;
  set review_session_object(value: Entity | undefined);
  review_session_object_id?: string;
  status?: string;
}

/** `Schema` entity. */
export interface Schema extends Entity {
  readonly __entity_type__: 'Schema';
  id?: string;
  object_type_id?: string;
  project_schema_id?: string;
  statuses?: SchemaStatus[];
  type_id?: string;
  types?: SchemaType[];
}

/** `SchemaStatus` entity. */
export interface SchemaStatus extends Entity {
  readonly __entity_type__: 'SchemaStatus';
  schema_id?: string;
  sort?: number;
  status_id?: string;
  get task_status(): Status | undefined;
  set task_status(value: Entity | undefined);
}

/** `SchemaType` entity. */
export interface SchemaType extends Entity {
  readonly __entity_type__: 'SchemaType';
  schema_id?: string;
  sort?: number;
  get task_type(): Type | undefined;
  set task_type(value: Entity | undefined);
  type_id?: string;
}

/** `Scope` entity. */
export interface Scope extends Entity {
  readonly __entity_type__: 'Scope';
  id?: string;
  name?: string;
}

/** `SecurityRole` entity. */
export interface SecurityRole extends Entity {
  readonly __entity_type__: 'SecurityRole';
  id?: string;
  name?: string;
  type?: string;
  user_security_roles?: UserSecurityRole[];
}

/** `Sequence` entity. */
export interface Sequence extends Entity {
  readonly __entity_type__: 'Sequence';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `SequenceComponent` entity. */
export interface SequenceComponent extends Entity {
  readonly __entity_type__: 'SequenceComponent';
  component_locations?: ComponentLocation[];
  get container(): ContainerComponent | undefined;
  set container(value: Entity | undefined);
  container_id?: string;
  file_type?: string;
  id?: string;
  members?: Component[];
  metadata?: Metadata[];
  name?: string;
  padding?: number;
  size?: number;
  system_type?: string;
  get version(): AssetVersion | undefined;
  set version(value: Entity | undefined);
  version_id?: string;
}

/** `Setting` entity. */
export interface Setting extends Entity {
  readonly __entity_type__: 'Setting';
  group?: string;
  name?: string;
  value?: string;
}

/** `SettingComponent` entity. */
export interface SettingComponent extends Entity {
  readonly __entity_type__: 'SettingComponent';
  get component(): Component | undefined;
  set component(value: Entity | undefined);
  component_id?: string;
  group?: string;
  name?: string;
  get setting(): Setting | undefined;
  set setting(value: Entity | undefined);
  thumbnail_url?: unknown;
  url?: unknown;
}

/** `Shot` entity. */
export interface Shot extends Entity {
  readonly __entity_type__: 'Shot';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `State` entity. */
export interface State extends Entity {
  readonly __entity_type__: 'State';
  id?: string;
  name?: string;
  short?: string;
}

/** `Status` entity. */
export interface Status extends Entity {
  readonly __entity_type__: 'Status';
  color?: string;
  id?: string;
  is_active?: boolean;
  name?: string;
  sort?: number;
  get state(): State | undefined;
  set state(value: Entity | undefined);
  tasks?: Task[];
}

/** `StatusChange` entity. */
export interface StatusChange extends Entity {
  readonly __entity_type__: 'StatusChange';
  date?: Date;
  get from_status(): Status | undefined;
  set from_status(value: Entity | undefined);
  from_status_id?: string;
  id?: string;
  parent_id?: string;
  parent_type?: string;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `Task` entity. */
export interface Task extends Entity {
  readonly __entity_type__: 'Task';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `TaskTemplate` entity. */
export interface TaskTemplate extends Entity {
  readonly __entity_type__: 'TaskTemplate';
  id?: string;
  items?: TaskTemplateItem[];
  name?: string;
  get project_schema(): ProjectSchema | undefined;
  set project_schema(value: Entity | undefined);
  project_schema_id?: string;
}

/** `TaskTemplateItem` entity. */
export interface TaskTemplateItem extends Entity {
  readonly __entity_type__: 'TaskTemplateItem';
  id?: string;
  get task_type(): Type | undefined;
  set task_type(value: Entity | undefined);
  task_type_id?: string;
  get template(): TaskTemplate | undefined;
  set template(value: Entity | undefined);
  template_id?: string;
}

/** `TaskTypeSchema` entity. */
export interface TaskTypeSchema extends Entity {
  readonly __entity_type__: 'TaskTypeSchema';
  id?: string;
  name?: string;
  types?: Type[];
}

/** `TaskTypeSchemaType` entity. */
export interface TaskTypeSchemaType extends Entity {
  readonly __entity_type__: 'TaskTypeSchemaType';
  task_type_schema_id?: string;
  type_id?: string;
}

/** `Timelog` entity. */
export interface Timelog extends Entity {
  readonly __entity_type__: 'Timelog';
  comment?: string;
  get context(): Context | undefined;
  set context(value: Entity | undefined);
  context_id?: string;
  duration?: number;
  id?: string;
  name?: string;
  start?: Date;
  time_zone_offset?: number;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `Timer` entity. */
export interface Timer extends Entity {
  readonly __entity_type__: 'Timer';
  comment?: string;
  get context(): Context | undefined;
  set context(value: Entity | undefined);
  context_id?: string;
  id?: string;
  name?: string;
  start?: Date;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `Type` entity. */
export interface Type extends Entity {
  readonly __entity_type__: 'Type';
  color?: string;
  id?: string;
  is_billable?: boolean;
  name?: string;
  sort?: number;
  task_type_schemas?: TaskTypeSchema[];
  tasks?: Task[];
}

/** `TypedContext` entity. */
export interface TypedContext extends Entity {
  readonly __entity_type__: 'TypedContext';
  _link?: string;
  allocations?: Appointment[];
  ancestors?: TypedContext[];
  appointments?: Appointment[];
  assets?: Asset[];
  assignments?: Appointment[];
  bid?: number;
  bid_time_logged_difference?: number;
  children?: Context[];
  context_type?: string;
  created_at?: Date;
  get created_by(): User | undefined;
  set created_by(value: Entity | undefined);
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  description?: string;
  end_date?: Date;
  id?: string;
  incoming_links?: TypedContextLink[];
  link?: string;
  lists?: TypedContextList[];
  managers?: Manager[];
  metadata?: Metadata[];
  name?: string;
  notes?: Note[];
  get object_type(): ObjectType | undefined;
  set object_type(value: Entity | undefined);
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  get parent(): Context | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  get priority(): Priority | undefined;
  set priority(value: Entity | undefined);
  priority_id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_changes?: StatusChange[];
  status_id?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  get type(): Type | undefined;
  set type(value: Entity | undefined);
  type_id?: string;
}

/** `TypedContextLink` entity. */
export interface TypedContextLink extends Entity {
  readonly __entity_type__: 'TypedContextLink';
  get from(): TypedContext | undefined;
  set from(value: Entity | undefined);
  from_id?: string;
  id?: string;
  metadata?: Metadata[];
  get to(): TypedContext | undefined;
  set to(value: Entity | undefined);
  to_id?: string;
}

/** `TypedContextList` entity. */
export interface TypedContextList extends Entity {
  readonly __entity_type__: 'TypedContextList';
  get category(): ListCategory | undefined;
  set category(value: Entity | undefined);
  category_id?: string;
  custom_attributes?: ListCustomAttributeValue[];
  date?: Date;
  id?: string;
  is_open?: boolean;
  items?: Task[];
  name?: string;
  get owner(): User | undefined;
  set owner(value: Entity | undefined);
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  system_type?: string;
  user_id?: string;
}

/** `TypedContextStatusChange` entity. */
export interface TypedContextStatusChange extends Entity {
  readonly __entity_type__: 'TypedContextStatusChange';
  date?: Date;
  get from_status(): Status | undefined;
  set from_status(value: Entity | undefined);
  from_status_id?: string;
  id?: string;
  get parent(): TypedContext | undefined;
  set parent(value: Entity | undefined);
  parent_id?: string;
  parent_type?: string;
  get status(): Status | undefined;
  set status(value: Entity | undefined);
  status_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
}

/** `User` entity. */
export interface User extends Entity {
  readonly __entity_type__: 'User';
  allocations?: Appointment[];
  appointments?: Appointment[];
  assignments?: Appointment[];
  custom_attributes?: UserCustomAttributeValue[];
  dashboard_resources?: DashboardResource[];
  email?: string;
  first_name?: string;
  id?: string;
  is_active?: boolean;
  is_otp_enabled?: boolean;
  is_totp_enabled?: boolean;
  last_name?: string;
  memberships?: Membership[];
  metadata?: Metadata[];
  require_details_update?: boolean;
  resource_type?: string;
  get thumbnail(): Component | undefined;
  set thumbnail(value: Entity | undefined);
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  timelogs?: Timelog[];
  user_security_roles?: UserSecurityRole[];
  get user_type(): UserType | undefined;
  set user_type(value: Entity | undefined);
  user_type_id?: string;
  username?: string;
}

/** `UserApplicationState` entity. */
export interface UserApplicationState extends Entity {
  readonly __entity_type__: 'UserApplicationState';
  key?: string;
  user_id?: string;
  value?: string;
}

/** `UserCustomAttributeLink` entity. */
export interface UserCustomAttributeLink extends Entity {
  readonly __entity_type__: 'UserCustomAttributeLink';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
}

/** `UserCustomAttributeLinkFrom` entity. */
export interface UserCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'UserCustomAttributeLinkFrom';
  get configuration(): CustomAttributeLinkConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
}

/** `UserCustomAttributeValue` entity. */
export interface UserCustomAttributeValue extends Entity {
  readonly __entity_type__: 'UserCustomAttributeValue';
  get configuration(): CustomAttributeConfiguration | undefined;
  set configuration(value: Entity | undefined);
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `UserSecurityRole` entity. */
export interface UserSecurityRole extends Entity {
  readonly __entity_type__: 'UserSecurityRole';
  id?: string;
  is_all_open_projects?: boolean;
  is_all_projects?: boolean;
  get security_role(): SecurityRole | undefined;
  set security_role(value: Entity | undefined);
  security_role_id?: string;
  get user(): User | undefined;
  set user(value: Entity | undefined);
  user_id?: string;
  user_security_role_projects?: UserSecurityRoleProject[];
}

/** `UserSecurityRoleProject` entity. */
export interface UserSecurityRoleProject extends Entity {
  readonly __entity_type__: 'UserSecurityRoleProject';
  id?: string;
  get project(): Project | undefined;
  set project(value: Entity | undefined);
  project_id?: string;
  get user_security_role(): UserSecurityRole | undefined;
  set user_security_role(value: Entity | undefined);
  user_security_role_id?: string;
}

/** `UserType` entity. */
export interface UserType extends Entity {
  readonly __entity_type__: 'UserType';
  id?: string;
  name?: string;
}

/** `WorkflowSchema` entity. */
export interface WorkflowSchema extends Entity {
  readonly __entity_type__: 'WorkflowSchema';
  id?: string;
  name?: string;
  overrides?: ProjectSchemaOverride[];
  statuses?: Status[];
}

/** `WorkflowSchemaStatus` entity. */
export interface WorkflowSchemaStatus extends Entity {
  readonly __entity_type__: 'WorkflowSchemaStatus';
  status_id?: string;
  workflow_schema_id?: string;
}

/** Entity type id → its interface. */
export interface EntityTypeMap {
  Appointment: Appointment;
  Asset: Asset;
  AssetBuild: AssetBuild;
  AssetCustomAttributeLink: AssetCustomAttributeLink;
  AssetCustomAttributeLinkFrom: AssetCustomAttributeLinkFrom;
  AssetCustomAttributeValue: AssetCustomAttributeValue;
  AssetType: AssetType;
  AssetVersion: AssetVersion;
  AssetVersionCustomAttributeLink: AssetVersionCustomAttributeLink;
  AssetVersionCustomAttributeLinkFrom: AssetVersionCustomAttributeLinkFrom;
  AssetVersionCustomAttributeValue: AssetVersionCustomAttributeValue;
  AssetVersionLink: AssetVersionLink;
  AssetVersionList: AssetVersionList;
  AssetVersionStatusChange: AssetVersionStatusChange;
  CalendarEvent: CalendarEvent;
  CalendarEventResource: CalendarEventResource;
  Component: Component;
  ComponentCustomAttributeLink: ComponentCustomAttributeLink;
  ComponentCustomAttributeLinkFrom: ComponentCustomAttributeLinkFrom;
  ComponentLocation: ComponentLocation;
  ContainerComponent: ContainerComponent;
  Context: Context;
  ContextCustomAttributeLink: ContextCustomAttributeLink;
  ContextCustomAttributeLinkFrom: ContextCustomAttributeLinkFrom;
  ContextCustomAttributeValue: ContextCustomAttributeValue;
  Conversation: Conversation;
  CustomAttributeConfiguration: CustomAttributeConfiguration;
  CustomAttributeGroup: CustomAttributeGroup;
  CustomAttributeLink: CustomAttributeLink;
  CustomAttributeLinkConfiguration: CustomAttributeLinkConfiguration;
  CustomAttributeLinkFrom: CustomAttributeLinkFrom;
  CustomAttributeType: CustomAttributeType;
  CustomAttributeValue: CustomAttributeValue;
  CustomConfigurationBase: CustomConfigurationBase;
  Dashboard: Dashboard;
  DashboardResource: DashboardResource;
  DashboardWidget: DashboardWidget;
  Disk: Disk;
  EntitySetting: EntitySetting;
  Episode: Episode;
  Event: Event;
  Feed: Feed;
  FileComponent: FileComponent;
  Folder: Folder;
  Group: Group;
  GroupCustomAttributeLink: GroupCustomAttributeLink;
  GroupCustomAttributeLinkFrom: GroupCustomAttributeLinkFrom;
  Job: Job;
  JobComponent: JobComponent;
  List: List;
  ListCategory: ListCategory;
  ListCustomAttributeLink: ListCustomAttributeLink;
  ListCustomAttributeLinkFrom: ListCustomAttributeLinkFrom;
  ListCustomAttributeValue: ListCustomAttributeValue;
  ListObject: ListObject;
  ListObjectCustomAttributeValue: ListObjectCustomAttributeValue;
  Location: Location;
  Manager: Manager;
  ManagerType: ManagerType;
  Membership: Membership;
  Message: Message;
  Metadata: Metadata;
  Milestone: Milestone;
  Note: Note;
  NoteCategory: NoteCategory;
  NoteComponent: NoteComponent;
  NoteLabel: NoteLabel;
  NoteLabelLink: NoteLabelLink;
  ObjectType: ObjectType;
  Participant: Participant;
  Priority: Priority;
  Project: Project;
  ProjectSchema: ProjectSchema;
  ProjectSchemaObjectType: ProjectSchemaObjectType;
  ProjectSchemaOverride: ProjectSchemaOverride;
  Recipient: Recipient;
  Resource: Resource;
  ReviewSession: ReviewSession;
  ReviewSessionInvitee: ReviewSessionInvitee;
  ReviewSessionObject: ReviewSessionObject;
  ReviewSessionObjectStatus: ReviewSessionObjectStatus;
  Schema: Schema;
  SchemaStatus: SchemaStatus;
  SchemaType: SchemaType;
  Scope: Scope;
  SecurityRole: SecurityRole;
  Sequence: Sequence;
  SequenceComponent: SequenceComponent;
  Setting: Setting;
  SettingComponent: SettingComponent;
  Shot: Shot;
  State: State;
  Status: Status;
  StatusChange: StatusChange;
  Task: Task;
  TaskTemplate: TaskTemplate;
  TaskTemplateItem: TaskTemplateItem;
  TaskTypeSchema: TaskTypeSchema;
  TaskTypeSchemaType: TaskTypeSchemaType;
  Timelog: Timelog;
  Timer: Timer;
  Type: Type;
  TypedContext: TypedContext;
  TypedContextLink: TypedContextLink;
  TypedContextList: TypedContextList;
  TypedContextStatusChange: TypedContextStatusChange;
  User: User;
  UserApplicationState: UserApplicationState;
  UserCustomAttributeLink: UserCustomAttributeLink;
  UserCustomAttributeLinkFrom: UserCustomAttributeLinkFrom;
  UserCustomAttributeValue: UserCustomAttributeValue;
  UserSecurityRole: UserSecurityRole;
  UserSecurityRoleProject: UserSecurityRoleProject;
  UserType: UserType;
  WorkflowSchema: WorkflowSchema;
  WorkflowSchemaStatus: WorkflowSchemaStatus;
}
