import type { ApiClient, Entity } from './api.js';
import { quoteQueryString } from '../../../session/query-string.js';
import type { SelectionEntry } from './actions.js';
import { formatBytes, h, replace } from './dom.js';

/**
 * The project browser: projects → contexts (sequences, shots, tasks) →
 * assets → versions → components, loaded lazily with `/api` queries, each
 * selectable with a checkbox (keyboard: Tab to a row, Space to select,
 * Enter on the arrow button to expand).
 */

/** ftrack's lower-case selection `entityType` of an entity (protocol 7.1). */
export function selectionType(entityType: string): string | undefined {
  if (entityType === 'Project') return 'show';
  if (entityType === 'AssetVersion') return 'assetversion';
  if (entityType.endsWith('Component')) return 'component';
  if (entityType === 'Asset') return undefined;
  return 'task'; // every TypedContext (Sequence, Shot, Task, …)
}

export interface SelectedEntity extends SelectionEntry {
  label: string;
}

function displayName(entity: Entity): string {
  switch (entity.__entity_type__) {
    case 'AssetVersion':
      return `v${String(entity.version ?? '?')}`;
    default:
      if (entity.__entity_type__.endsWith('Component')) {
        const size = typeof entity.size === 'number' ? ` (${formatBytes(entity.size)})` : '';
        return `${String(entity.name ?? entity.id)}${String(entity.file_type ?? '')}${size}`;
      }
      return String(entity.full_name ?? entity.name ?? entity.id);
  }
}

export class ProjectTree {
  private readonly root: HTMLElement;
  private readonly api: ApiClient;
  private readonly onChange: (selection: SelectedEntity[]) => void;
  private readonly selected = new Map<string, SelectedEntity>();
  private readonly uploads: HTMLUListElement;
  private readonly reloaders = new Map<string, () => Promise<void>>();
  private nodeCount = 0;

  constructor(root: HTMLElement, api: ApiClient, onChange: (selection: SelectedEntity[]) => void) {
    this.root = root;
    this.api = api;
    this.onChange = onChange;
    this.uploads = h('ul', { className: 'tree', 'aria-label': 'Uploaded components' });
  }

  get selection(): SelectedEntity[] {
    return [...this.selected.values()];
  }

  async load(): Promise<void> {
    replace(this.root, h('p', { className: 'muted', role: 'status' }, 'Loading projects…'));
    try {
      const projects = await this.api.query('select id, name, full_name, thumbnail_id from Project');
      const list = h('ul', { className: 'tree', 'aria-label': 'Projects' });
      for (const project of projects) list.append(this.node(project));
      replace(this.root, h('h3', { className: 'tree-heading' }, 'Uploads'), this.uploads, h('h3', { className: 'tree-heading' }, 'Projects'), list);
      if (this.uploads.childElementCount === 0) this.uploads.append(h('li', { className: 'muted empty' }, 'Nothing uploaded yet.'));
      if (projects.length === 0) list.append(h('li', { className: 'muted' }, 'No projects.'));
    } catch (error) {
      replace(this.root, h('p', { className: 'error', role: 'alert' }, `Cannot load projects: ${(error as Error).message}`));
    }
  }

  /** Shows a freshly uploaded component under "Uploads" and selects it. */
  addUpload(component: Entity): void {
    this.uploads.querySelector('.empty')?.remove();
    const node = this.node(component);
    this.uploads.prepend(node);
    const box = node.querySelector<HTMLInputElement>('input[type=checkbox]');
    if (box) {
      box.checked = true;
      box.dispatchEvent(new Event('change'));
    }
  }

  /** Reloads the children of an expanded node (e.g. after uploading onto a version). */
  async refresh(entityId: string): Promise<void> {
    await this.reloaders.get(entityId)?.();
  }

  clearSelection(): void {
    for (const box of this.root.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
      box.checked = false;
      box.closest('li')?.classList.remove('selected');
    }
    this.selected.clear();
    this.onChange(this.selection);
  }

  private async children(entity: Entity): Promise<Entity[]> {
    const id = quoteQueryString(entity.id);
    switch (entity.__entity_type__) {
      case 'Asset':
        return this.api.query(`select id, version, thumbnail_id, comment from AssetVersion where asset_id is ${id}`);
      case 'AssetVersion':
        return this.api.query(`select id, name, file_type, size from Component where version_id is ${id}`);
      default: {
        if (entity.__entity_type__.endsWith('Component')) return [];
        const [contexts, assets] = await Promise.all([
          this.api.query(`select id, name, thumbnail_id from TypedContext where parent_id is ${id}`),
          this.api.query(`select id, name from Asset where context_id is ${id}`),
        ]);
        return [...contexts, ...assets];
      }
    }
  }

  private node(entity: Entity): HTMLLIElement {
    const kind = entity.__entity_type__;
    const name = displayName(entity);
    const leaf = kind.endsWith('Component');
    const item = h('li', { className: 'node', 'data-entity-id': entity.id, 'data-entity-type': kind });
    const group = h('ul', { className: 'tree', hidden: true });
    const rowChildren: (Node | null)[] = [];
    if (leaf) {
      rowChildren.push(h('span', { className: 'twisty-spacer', 'aria-hidden': 'true' }));
    } else {
      let loaded = false;
      const toggle = h('button', { type: 'button', className: 'twisty', 'aria-expanded': 'false', 'aria-label': `Expand ${kind} ${name}` }, '▸');
      const load = async (): Promise<void> => {
        replace(group, h('li', { className: 'muted' }, 'Loading…'));
        try {
          const children = await this.children(entity);
          replace(group, ...children.map((child) => this.node(child)));
          if (children.length === 0) group.append(h('li', { className: 'muted' }, 'Empty.'));
        } catch (error) {
          replace(group, h('li', { className: 'error' }, (error as Error).message));
        }
        loaded = true;
      };
      this.reloaders.set(entity.id, async () => {
        if (loaded) await load();
      });
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        toggle.setAttribute('aria-label', `${open ? 'Collapse' : 'Expand'} ${kind} ${name}`);
        toggle.textContent = open ? '▾' : '▸';
        group.hidden = !open;
        if (open && !loaded) void load();
      });
      rowChildren.push(toggle);
    }
    const type = selectionType(kind);
    // The same entity may be listed twice (under Uploads and under its version): ids stay unique, state is shared.
    const boxId = `sel-${entity.id}-${(this.nodeCount += 1)}`;
    if (type) {
      const box = h('input', { type: 'checkbox', id: boxId, className: 'select', 'data-entity-id': entity.id, 'aria-label': `Select ${kind} ${name}` });
      box.checked = this.selected.has(entity.id);
      item.classList.toggle('selected', box.checked);
      box.addEventListener('change', () => {
        if (box.checked) this.selected.set(entity.id, { entityId: entity.id, entityType: type, label: `${kind} ${name}` });
        else this.selected.delete(entity.id);
        for (const twin of this.root.querySelectorAll<HTMLInputElement>(`input.select[data-entity-id="${entity.id}"]`)) {
          twin.checked = box.checked;
          twin.closest('li')?.classList.toggle('selected', box.checked);
        }
        item.classList.toggle('selected', box.checked);
        this.onChange(this.selection);
      });
      rowChildren.push(box);
    }
    const thumbnailId = typeof entity.thumbnail_id === 'string' ? entity.thumbnail_id : undefined;
    if (thumbnailId) rowChildren.push(h('img', { className: 'thumb', src: this.api.thumbnailUrl(thumbnailId, 96), alt: '', loading: 'lazy' }));
    const text = h('span', { className: 'node-name' }, h('span', { className: 'kind' }, kind), ' ', name);
    rowChildren.push(type ? h('label', { for: boxId }, text) : text);
    item.append(h('div', { className: 'node-row' }, ...rowChildren), group);
    return item;
  }
}
