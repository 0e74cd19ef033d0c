import type { ApiClient, Entity } from './api.js';
import { quoteQueryString } from '../../../session/query-string.js';
import type { BrowserEventHub } from './hub.js';
import { h, replace } from './dom.js';

/**
 * The jobs panel: follows Job entities live from `ftrack.update` events
 * (entityType `job`), re-reading the job on each change, and plays the
 * outputs of a finished encode (`ftrackreview-mp4` in a video element,
 * `ftrackreview-image` as an image).
 */

/** A Job's `data`: a JSON string on the wire (protocol 4.2). */
export interface JobData {
  description?: string;
  message?: string;
  progress?: number;
  output?: { component_id?: string; format?: string }[];
  source_component_id?: string;
}

export function parseJobData(value: unknown): JobData {
  if (typeof value === 'object' && value !== null) return value as JobData;
  if (typeof value !== 'string' || value === '') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? (parsed as JobData) : {};
  } catch {
    return { description: value };
  }
}

const FINISHED = new Set(['done', 'failed', 'killed']);
const JOB_PROJECTION = 'select id, status, type, data, created_at, finished_at, user_id from Job';
const RECENT_JOBS = 8;

interface JobView {
  element: HTMLLIElement;
  outputsShown: boolean;
  latest: Entity;
}

export class JobsPanel {
  private readonly list: HTMLOListElement;
  private readonly api: ApiClient;
  private readonly views = new Map<string, JobView>();
  /** Names of source components, for job titles ("Encode colour_wheel.mov"). */
  private readonly names = new Map<string, string | Promise<void>>();

  constructor(root: HTMLElement, api: ApiClient) {
    this.api = api;
    this.list = h('ol', { className: 'jobs', 'aria-label': 'Jobs' });
    replace(root, this.list);
    this.showEmpty();
  }

  /** Follows `ftrack.update` events about jobs. */
  watch(hub: BrowserEventHub): void {
    hub.subscribe('topic=ftrack.update', (event) => {
      const entities = (event.data as { entities?: unknown } | null)?.entities;
      if (!Array.isArray(entities)) return;
      for (const entity of entities as { entityType?: unknown; entityId?: unknown; action?: unknown }[]) {
        if (entity.entityType !== 'job' || typeof entity.entityId !== 'string' || entity.action === 'remove') continue;
        void this.refresh(entity.entityId);
      }
    });
  }

  /**
   * Shows the most recent jobs of every user: an action's job usually belongs
   * to the host's API user, not to the person who launched it.
   */
  async loadRecent(): Promise<void> {
    try {
      const jobs = await this.api.query(`${JOB_PROJECTION} order by created_at desc limit ${RECENT_JOBS}`);
      jobs.sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')));
      for (const job of jobs.slice(-RECENT_JOBS)) this.render(job);
    } catch {
      // An empty panel is fine: new jobs still arrive through ftrack.update.
    }
  }

  /** Re-reads one job and updates its entry. */
  async refresh(jobId: string): Promise<void> {
    try {
      const [job] = await this.api.query(`${JOB_PROJECTION} where id is ${quoteQueryString(jobId)}`);
      if (job) this.render(job);
    } catch {
      // The next update event refreshes it again.
    }
  }

  private showEmpty(): void {
    if (this.views.size === 0) replace(this.list, h('li', { className: 'muted empty' }, 'No jobs yet. Launch an action such as “Encode media”.'));
  }

  private render(job: Entity): void {
    let view = this.views.get(job.id);
    if (!view) {
      this.list.querySelector('.empty')?.remove();
      view = { element: h('li', { className: 'job', 'data-job-id': job.id }), outputsShown: false, latest: job };
      this.views.set(job.id, view);
      this.list.prepend(view.element);
    }
    view.latest = job;
    const status = String(job.status ?? 'queued');
    const data = parseJobData(job.data);
    const element = view.element;
    element.dataset.status = status;
    const progress = typeof data.progress === 'number' ? (data.progress > 1 ? data.progress / 100 : data.progress) : undefined;
    const bar = FINISHED.has(status)
      ? null
      : progress === undefined
        ? h('progress', { 'aria-label': 'Job progress' })
        : h('progress', { 'aria-label': 'Job progress', max: 1, value: progress });
    const title = data.description ?? this.sourceTitle(job.id, data.source_component_id) ?? (job.type ? `${String(job.type)} job` : 'Job');
    const head = h(
      'div',
      { className: 'job-head' },
      h('span', { className: `badge badge-${status}` }, status),
      h('span', { className: 'job-title' }, title),
    );
    const parts: (HTMLElement | null)[] = [head, bar];
    if (bar && progress !== undefined) parts.push(h('span', { className: 'job-progress muted' }, `${Math.round(progress * 100)} %`));
    if (status === 'failed') parts.push(h('p', { className: 'error job-message', role: 'alert' }, data.message ?? 'The job failed without a reason.'));
    else if (data.message) parts.push(h('p', { className: 'job-message' }, data.message));
    const outputs = element.querySelector<HTMLElement>('.job-outputs') ?? h('div', { className: 'job-outputs' });
    parts.push(outputs);
    replace(element, ...parts);
    if (status === 'done' && !view.outputsShown) {
      view.outputsShown = true;
      void this.showOutputs(outputs, data);
    }
  }

  /** "Encode <source name>" once the name is known; looks it up and re-renders otherwise. */
  private sourceTitle(jobId: string, componentId: string | undefined): string | undefined {
    if (!componentId) return undefined;
    const known = this.names.get(componentId);
    if (typeof known === 'string') return `Encode ${known}`;
    if (known === undefined) {
      const lookup = this.api
        .query(`select id, name, file_type from Component where id is ${quoteQueryString(componentId)}`)
        .then(([component]) => {
          this.names.set(componentId, component ? `${String(component.name ?? '')}${String(component.file_type ?? '')}` : componentId.slice(0, 8));
        })
        .catch(() => {
          this.names.set(componentId, componentId.slice(0, 8));
        })
        .then(() => {
          const view = this.views.get(jobId);
          if (view) this.render(view.latest);
        });
      this.names.set(componentId, lookup);
    }
    return undefined;
  }

  private async showOutputs(root: HTMLElement, data: JobData): Promise<void> {
    const ids = (data.output ?? []).map((o) => o.component_id).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return;
    try {
      const components = await this.api.query(`select id, name, file_type from Component where id in (${ids.map(quoteQueryString).join(', ')})`);
      const byName = (prefix: string): Entity | undefined => components.find((c) => String(c.name ?? '') === prefix);
      const video = byName('ftrackreview-mp4') ?? components.find((c) => c.file_type === '.mp4');
      const image = byName('ftrackreview-image') ?? components.find((c) => ['.jpg', '.jpeg', '.png'].includes(String(c.file_type)));
      const imageUrl = image ? this.api.componentUrl(image.id) : undefined;
      replace(
        root,
        video
          ? h('figure', {},
              h('video', { className: 'review-video', controls: true, preload: 'auto', poster: imageUrl, src: this.api.componentUrl(video.id), 'aria-label': 'Encoded review video' }),
              h('figcaption', {}, `${String(video.name)}${String(video.file_type ?? '')}`))
          : null,
        image
          ? h('figure', {}, h('img', { className: 'review-image', src: imageUrl, alt: 'Encoded review image' }), h('figcaption', {}, `${String(image.name)}${String(image.file_type ?? '')}`))
          : null,
      );
    } catch (error) {
      replace(root, h('p', { className: 'error' }, `Cannot load the outputs: ${(error as Error).message}`));
    }
  }
}
