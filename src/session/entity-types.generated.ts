// GENERATED FILE, do not edit by hand.
// Source: data/query_schemas.json (116 entity types).
// Regenerate: node --import=tsx scripts/generate-entity-types.ts
//
// One interface per entity schema. Every attribute is optional: a query
// returns only the attributes it projected (or that were fetched later).

import type { Entity } from './entity.js';

/** `Appointment` entity. */
export interface Appointment extends Entity {
  readonly __entity_type__: 'Appointment';
  context?: Context;
  context_id?: string;
  id?: string;
  resource?: Resource;
  resource_id?: string;
  type?: string;
}

/** `Asset` entity. */
export interface Asset extends Entity {
  readonly __entity_type__: 'Asset';
  context_id?: string;
  custom_attributes?: AssetCustomAttributeValue[];
  id?: string;
  latest_version?: AssetVersion;
  metadata?: Metadata[];
  name?: string;
  parent?: Context;
  type?: AssetType;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
  type_id?: string;
}

/** `AssetCustomAttributeLink` entity. */
export interface AssetCustomAttributeLink extends Entity {
  readonly __entity_type__: 'AssetCustomAttributeLink';
  asset?: Asset;
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `AssetCustomAttributeLinkFrom` entity. */
export interface AssetCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'AssetCustomAttributeLinkFrom';
  asset?: Asset;
  configuration?: CustomAttributeLinkConfiguration;
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
  configuration?: CustomAttributeConfiguration;
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
  asset?: Asset;
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
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  task?: Task;
  task_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  used_in_versions?: AssetVersion[];
  user?: User;
  user_id?: string;
  uses_versions?: AssetVersion[];
  version?: number;
}

/** `AssetVersionCustomAttributeLink` entity. */
export interface AssetVersionCustomAttributeLink extends Entity {
  readonly __entity_type__: 'AssetVersionCustomAttributeLink';
  asset_version?: AssetVersion;
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `AssetVersionCustomAttributeLinkFrom` entity. */
export interface AssetVersionCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'AssetVersionCustomAttributeLinkFrom';
  asset_version?: AssetVersion;
  configuration?: CustomAttributeLinkConfiguration;
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
  configuration?: CustomAttributeConfiguration;
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `AssetVersionLink` entity. */
export interface AssetVersionLink extends Entity {
  readonly __entity_type__: 'AssetVersionLink';
  from?: AssetVersion;
  from_id?: string;
  id?: string;
  metadata?: Metadata[];
  to?: AssetVersion;
  to_id?: string;
}

/** `AssetVersionList` entity. */
export interface AssetVersionList extends Entity {
  readonly __entity_type__: 'AssetVersionList';
  category?: ListCategory;
  category_id?: string;
  custom_attributes?: ListCustomAttributeValue[];
  date?: Date;
  id?: string;
  is_open?: boolean;
  items?: AssetVersion[];
  name?: string;
  owner?: User;
  project?: Project;
  project_id?: string;
  system_type?: string;
  user_id?: string;
}

/** `AssetVersionStatusChange` entity. */
export interface AssetVersionStatusChange extends Entity {
  readonly __entity_type__: 'AssetVersionStatusChange';
  date?: Date;
  from_status?: Status;
  from_status_id?: string;
  id?: string;
  parent?: AssetVersion;
  parent_id?: string;
  parent_type?: string;
  status?: Status;
  status_id?: string;
  user?: User;
  user_id?: string;
}

/** `CalendarEvent` entity. */
export interface CalendarEvent extends Entity {
  readonly __entity_type__: 'CalendarEvent';
  calendar_event_resources?: CalendarEventResource[];
  created_at?: Date;
  created_by?: User;
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
  project?: Project;
  project_id?: string;
  start?: Date;
  type?: Type;
  type_id?: string;
}

/** `CalendarEventResource` entity. */
export interface CalendarEventResource extends Entity {
  readonly __entity_type__: 'CalendarEventResource';
  calendar_event?: CalendarEvent;
  calendar_event_id?: string;
  created_at?: Date;
  created_by?: User;
  created_by_id?: string;
  id?: string;
  resource?: Resource;
  resource_id?: string;
}

/** `Component` entity. */
export interface Component extends Entity {
  readonly __entity_type__: 'Component';
  component_locations?: ComponentLocation[];
  container?: ContainerComponent;
  container_id?: string;
  file_type?: string;
  id?: string;
  metadata?: Metadata[];
  name?: string;
  size?: number;
  system_type?: string;
  version?: AssetVersion;
  version_id?: string;
}

/** `ComponentCustomAttributeLink` entity. */
export interface ComponentCustomAttributeLink extends Entity {
  readonly __entity_type__: 'ComponentCustomAttributeLink';
  component?: Component;
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `ComponentCustomAttributeLinkFrom` entity. */
export interface ComponentCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'ComponentCustomAttributeLinkFrom';
  component?: Component;
  configuration?: CustomAttributeLinkConfiguration;
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
  component?: Component;
  component_id?: string;
  id?: string;
  location?: Location;
  location_id?: string;
  resource_identifier?: string;
  url?: unknown;
}

/** `ContainerComponent` entity. */
export interface ContainerComponent extends Entity {
  readonly __entity_type__: 'ContainerComponent';
  component_locations?: ComponentLocation[];
  container?: ContainerComponent;
  container_id?: string;
  file_type?: string;
  id?: string;
  members?: Component[];
  metadata?: Metadata[];
  name?: string;
  size?: number;
  system_type?: string;
  version?: AssetVersion;
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
  created_by?: User;
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  id?: string;
  link?: string;
  managers?: Manager[];
  name?: string;
  notes?: Note[];
  parent?: Context;
  parent_id?: string;
  project_id?: string;
  scopes?: Scope[];
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  timelogs?: Timelog[];
}

/** `ContextCustomAttributeLink` entity. */
export interface ContextCustomAttributeLink extends Entity {
  readonly __entity_type__: 'ContextCustomAttributeLink';
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  context?: Context;
  from_id?: string;
  id?: string;
  to_id?: string;
}

/** `ContextCustomAttributeLinkFrom` entity. */
export interface ContextCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'ContextCustomAttributeLinkFrom';
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  context?: Context;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
}

/** `ContextCustomAttributeValue` entity. */
export interface ContextCustomAttributeValue extends Entity {
  readonly __entity_type__: 'ContextCustomAttributeValue';
  configuration?: CustomAttributeConfiguration;
  configuration_id?: string;
  entity_id?: string;
  key?: string;
  value?: unknown;
}

/** `Conversation` entity. */
export interface Conversation extends Entity {
  readonly __entity_type__: 'Conversation';
  created_at?: Date;
  created_by?: User;
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
  group?: CustomAttributeGroup;
  group_id?: string;
  id?: string;
  is_hierarchical?: boolean;
  key?: string;
  label?: string;
  object_type?: ObjectType;
  object_type_id?: string;
  project_id?: string;
  read_security_roles?: SecurityRole[];
  sort?: number;
  type?: CustomAttributeType;
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
  configuration?: CustomAttributeLinkConfiguration;
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
  group?: CustomAttributeGroup;
  group_id?: string;
  id?: string;
  key?: string;
  label?: string;
  object_type?: ObjectType;
  object_type_id?: string;
  object_type_id_to?: string;
  object_type_to?: ObjectType;
  one_to_one?: boolean;
  project_id?: string;
  read_security_roles?: SecurityRole[];
  sort?: number;
  write_security_roles?: SecurityRole[];
}

/** `CustomAttributeLinkFrom` entity. */
export interface CustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'CustomAttributeLinkFrom';
  configuration?: CustomAttributeLinkConfiguration;
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
  configuration?: CustomAttributeConfiguration;
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
  group?: CustomAttributeGroup;
  group_id?: string;
  id?: string;
  key?: string;
  label?: string;
  object_type?: ObjectType;
  object_type_id?: string;
  project_id?: string;
  read_security_roles?: SecurityRole[];
  sort?: number;
  write_security_roles?: SecurityRole[];
}

/** `Dashboard` entity. */
export interface Dashboard extends Entity {
  readonly __entity_type__: 'Dashboard';
  created_by?: User;
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
  dashboard?: Dashboard;
  dashboard_id?: Dashboard;
  is_shared_with_everyone?: boolean;
  resource?: Resource;
  resource_id?: Resource;
}

/** `DashboardWidget` entity. */
export interface DashboardWidget extends Entity {
  readonly __entity_type__: 'DashboardWidget';
  config?: string;
  dashboard?: Dashboard;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
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
  project?: Project;
  project_id?: string;
  user?: User;
  user_id?: string;
}

/** `Feed` entity. */
export interface Feed extends Entity {
  readonly __entity_type__: 'Feed';
  cluster_id?: string;
  created_at?: Date;
  distance?: number;
  event?: Event;
  id?: string;
  owner_id?: string;
  relation?: string;
  social_id?: number;
}

/** `FileComponent` entity. */
export interface FileComponent extends Entity {
  readonly __entity_type__: 'FileComponent';
  component_locations?: ComponentLocation[];
  container?: ContainerComponent;
  container_id?: string;
  file_type?: string;
  id?: string;
  metadata?: Metadata[];
  name?: string;
  size?: number;
  system_type?: string;
  version?: AssetVersion;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
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
  parent?: Group;
  parent_id?: string;
  resource_type?: string;
}

/** `GroupCustomAttributeLink` entity. */
export interface GroupCustomAttributeLink extends Entity {
  readonly __entity_type__: 'GroupCustomAttributeLink';
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_id?: string;
  group?: Group;
  id?: string;
  to_id?: string;
}

/** `GroupCustomAttributeLinkFrom` entity. */
export interface GroupCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'GroupCustomAttributeLinkFrom';
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  group?: Group;
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
  user?: User;
  user_id?: string;
}

/** `JobComponent` entity. */
export interface JobComponent extends Entity {
  readonly __entity_type__: 'JobComponent';
  component?: Component;
  component_id?: string;
  job?: Job;
  job_id?: string;
  url?: unknown;
}

/** `List` entity. */
export interface List extends Entity {
  readonly __entity_type__: 'List';
  category?: ListCategory;
  category_id?: string;
  custom_attributes?: ListCustomAttributeValue[];
  date?: Date;
  id?: string;
  is_open?: boolean;
  name?: string;
  owner?: User;
  project?: Project;
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
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_id?: string;
  id?: string;
  list?: List;
  to_id?: string;
}

/** `ListCustomAttributeLinkFrom` entity. */
export interface ListCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'ListCustomAttributeLinkFrom';
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  list?: List;
  to_entity_type?: string;
  to_id?: string;
}

/** `ListCustomAttributeValue` entity. */
export interface ListCustomAttributeValue extends Entity {
  readonly __entity_type__: 'ListCustomAttributeValue';
  configuration?: CustomAttributeConfiguration;
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
  list?: List;
  list_id?: string;
}

/** `ListObjectCustomAttributeValue` entity. */
export interface ListObjectCustomAttributeValue extends Entity {
  readonly __entity_type__: 'ListObjectCustomAttributeValue';
  configuration?: CustomAttributeConfiguration;
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
  context?: Context;
  context_id?: string;
  id?: string;
  type?: ManagerType;
  type_id?: string;
  user?: User;
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
  group?: Group;
  group_id?: string;
  id?: string;
  user?: User;
  user_id?: string;
}

/** `Message` entity. */
export interface Message extends Entity {
  readonly __entity_type__: 'Message';
  conversation?: Conversation;
  conversation_id?: string;
  created_at?: Date;
  created_by?: User;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
  type_id?: string;
}

/** `Note` entity. */
export interface Note extends Entity {
  readonly __entity_type__: 'Note';
  author?: User;
  category?: NoteCategory;
  category_id?: string;
  completed_at?: Date;
  completed_by?: User;
  completed_by_id?: string;
  content?: string;
  date?: Date;
  id?: string;
  in_reply_to?: Note;
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
  component?: Component;
  component_id?: string;
  note?: Note;
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
  label?: NoteLabel;
  label_id?: string;
  note?: Note;
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
  conversation?: Conversation;
  conversation_id?: string;
  id?: string;
  last_visit?: Date;
  resource?: Resource;
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
  created_by?: User;
  created_by_id?: string;
  custom_attributes?: ContextCustomAttributeValue[];
  descendants?: TypedContext[];
  disk?: Disk;
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
  parent?: Context;
  parent_id?: string;
  project_id?: string;
  project_schema?: ProjectSchema;
  project_schema_id?: string;
  review_sessions?: ReviewSession[];
  root?: string;
  scopes?: Scope[];
  start_date?: Date;
  status?: string;
  thumbnail?: Component;
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
  _task_type_schema?: TaskTypeSchema;
  _task_workflow?: WorkflowSchema;
  _version_workflow?: WorkflowSchema;
  asset_version_workflow_schema?: WorkflowSchema;
  asset_version_workflow_schema_id?: string;
  id?: string;
  name?: string;
  object_type_schemas?: Schema[];
  object_types?: ObjectType[];
  task_templates?: TaskTemplate[];
  task_type_schema?: TaskTypeSchema;
  task_type_schema_id?: string;
  task_workflow_schema?: WorkflowSchema;
  task_workflow_schema_id?: string;
  task_workflow_schema_overrides?: ProjectSchemaOverride[];
}

/** `ProjectSchemaObjectType` entity. */
export interface ProjectSchemaObjectType extends Entity {
  readonly __entity_type__: 'ProjectSchemaObjectType';
  object_type?: ObjectType;
  object_type_id?: string;
  project_schema?: ProjectSchema;
  project_schema_id?: string;
}

/** `ProjectSchemaOverride` entity. */
export interface ProjectSchemaOverride extends Entity {
  readonly __entity_type__: 'ProjectSchemaOverride';
  id?: string;
  project_schema_id?: string;
  type_id?: string;
  workflow_schema?: WorkflowSchema;
  workflow_schema_id?: string;
}

/** `Recipient` entity. */
export interface Recipient extends Entity {
  readonly __entity_type__: 'Recipient';
  note?: Note;
  note_id?: string;
  recipient?: Resource;
  resource_id?: string;
  text_mentioned?: string;
  user?: User;
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
  created_by?: User;
  created_by_id?: string;
  description?: string;
  end_date?: Date;
  id?: string;
  is_moderated?: boolean;
  is_open?: boolean;
  name?: string;
  passphrase?: string;
  passphrase_enabled?: boolean;
  project?: Project;
  project_id?: string;
  review_session_invitees?: ReviewSessionInvitee[];
  review_session_objects?: ReviewSessionObject[];
  settings?: EntitySetting[];
  shareable_url_enabled?: boolean;
  start_date?: Date;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
}

/** `ReviewSessionInvitee` entity. */
export interface ReviewSessionInvitee extends Entity {
  readonly __entity_type__: 'ReviewSessionInvitee';
  created_at?: Date;
  created_by?: User;
  created_by_id?: string;
  created_from_shared_url?: boolean;
  email?: string;
  id?: string;
  last_sent_at?: Date;
  name?: string;
  review_session?: ReviewSession;
  review_session_id?: string;
  statuses?: ReviewSessionObjectStatus[];
}

/** `ReviewSessionObject` entity. */
export interface ReviewSessionObject extends Entity {
  readonly __entity_type__: 'ReviewSessionObject';
  asset_version?: AssetVersion;
  created_at?: Date;
  description?: string;
  id?: string;
  name?: string;
  notes?: Note[];
  review_session?: ReviewSession;
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
  invitee?: ReviewSessionInvitee;
  review_session_invitee_id?: string;
  review_session_object?: ReviewSessionObject;
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
  task_status?: Status;
}

/** `SchemaType` entity. */
export interface SchemaType extends Entity {
  readonly __entity_type__: 'SchemaType';
  schema_id?: string;
  sort?: number;
  task_type?: Type;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
  type_id?: string;
}

/** `SequenceComponent` entity. */
export interface SequenceComponent extends Entity {
  readonly __entity_type__: 'SequenceComponent';
  component_locations?: ComponentLocation[];
  container?: ContainerComponent;
  container_id?: string;
  file_type?: string;
  id?: string;
  members?: Component[];
  metadata?: Metadata[];
  name?: string;
  padding?: number;
  size?: number;
  system_type?: string;
  version?: AssetVersion;
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
  component?: Component;
  component_id?: string;
  group?: string;
  name?: string;
  setting?: Setting;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
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
  state?: State;
  tasks?: Task[];
}

/** `StatusChange` entity. */
export interface StatusChange extends Entity {
  readonly __entity_type__: 'StatusChange';
  date?: Date;
  from_status?: Status;
  from_status_id?: string;
  id?: string;
  parent_id?: string;
  parent_type?: string;
  status?: Status;
  status_id?: string;
  user?: User;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
  type_id?: string;
}

/** `TaskTemplate` entity. */
export interface TaskTemplate extends Entity {
  readonly __entity_type__: 'TaskTemplate';
  id?: string;
  items?: TaskTemplateItem[];
  name?: string;
  project_schema?: ProjectSchema;
  project_schema_id?: string;
}

/** `TaskTemplateItem` entity. */
export interface TaskTemplateItem extends Entity {
  readonly __entity_type__: 'TaskTemplateItem';
  id?: string;
  task_type?: Type;
  task_type_id?: string;
  template?: TaskTemplate;
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
  context?: Context;
  context_id?: string;
  duration?: number;
  id?: string;
  name?: string;
  start?: Date;
  time_zone_offset?: number;
  user?: User;
  user_id?: string;
}

/** `Timer` entity. */
export interface Timer extends Entity {
  readonly __entity_type__: 'Timer';
  comment?: string;
  context?: Context;
  context_id?: string;
  id?: string;
  name?: string;
  start?: Date;
  user?: User;
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
  created_by?: User;
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
  object_type?: ObjectType;
  object_type_id?: string;
  outgoing_links?: TypedContextLink[];
  parent?: Context;
  parent_id?: string;
  priority?: Priority;
  priority_id?: string;
  project?: Project;
  project_id?: string;
  scopes?: Scope[];
  sort?: number;
  start_date?: Date;
  status?: Status;
  status_changes?: StatusChange[];
  status_id?: string;
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  time_logged?: number;
  timelogs?: Timelog[];
  type?: Type;
  type_id?: string;
}

/** `TypedContextLink` entity. */
export interface TypedContextLink extends Entity {
  readonly __entity_type__: 'TypedContextLink';
  from?: TypedContext;
  from_id?: string;
  id?: string;
  metadata?: Metadata[];
  to?: TypedContext;
  to_id?: string;
}

/** `TypedContextList` entity. */
export interface TypedContextList extends Entity {
  readonly __entity_type__: 'TypedContextList';
  category?: ListCategory;
  category_id?: string;
  custom_attributes?: ListCustomAttributeValue[];
  date?: Date;
  id?: string;
  is_open?: boolean;
  items?: Task[];
  name?: string;
  owner?: User;
  project?: Project;
  project_id?: string;
  system_type?: string;
  user_id?: string;
}

/** `TypedContextStatusChange` entity. */
export interface TypedContextStatusChange extends Entity {
  readonly __entity_type__: 'TypedContextStatusChange';
  date?: Date;
  from_status?: Status;
  from_status_id?: string;
  id?: string;
  parent?: TypedContext;
  parent_id?: string;
  parent_type?: string;
  status?: Status;
  status_id?: string;
  user?: User;
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
  thumbnail?: Component;
  thumbnail_id?: string;
  thumbnail_url?: unknown;
  timelogs?: Timelog[];
  user_security_roles?: UserSecurityRole[];
  user_type?: UserType;
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
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_id?: string;
  id?: string;
  to_id?: string;
  user?: User;
}

/** `UserCustomAttributeLinkFrom` entity. */
export interface UserCustomAttributeLinkFrom extends Entity {
  readonly __entity_type__: 'UserCustomAttributeLinkFrom';
  configuration?: CustomAttributeLinkConfiguration;
  configuration_id?: string;
  from_entity_type?: string;
  from_id?: string;
  id?: string;
  to_entity_type?: string;
  to_id?: string;
  user?: User;
}

/** `UserCustomAttributeValue` entity. */
export interface UserCustomAttributeValue extends Entity {
  readonly __entity_type__: 'UserCustomAttributeValue';
  configuration?: CustomAttributeConfiguration;
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
  security_role?: SecurityRole;
  security_role_id?: string;
  user?: User;
  user_id?: string;
  user_security_role_projects?: UserSecurityRoleProject[];
}

/** `UserSecurityRoleProject` entity. */
export interface UserSecurityRoleProject extends Entity {
  readonly __entity_type__: 'UserSecurityRoleProject';
  id?: string;
  project?: Project;
  project_id?: string;
  user_security_role?: UserSecurityRole;
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
