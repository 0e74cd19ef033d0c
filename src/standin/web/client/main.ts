import { ApiClient, type Credentials, type Entity } from './api.js';
import { quoteQueryString } from '../../../session/query-string.js';
import { ActionsView } from './actions-view.js';
import { BrowserEventHub, type HubState } from './hub.js';
import { JobsPanel } from './jobs.js';
import { Notifier } from './notify.js';
import { ProjectTree } from './tree.js';
import { uploadFile } from './upload.js';
import { byId, h, replace } from './dom.js';

/**
 * Entry point of the action panel page: signs in as a stand-in user
 * (`/web/session`), then wires the project browser, upload form, actions
 * panel, jobs panel and notifications to `/api` and the event hub.
 */

/** `applicationId` of the ftrack web UI; `trigger-user-interface` targets match it. */
export const WEB_APPLICATION_ID = 'ftrack.client.web';

interface UserSummary {
  username: string;
  id: string;
  name: string;
  roles: string[];
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-store' });
  const body = (await response.json()) as T & { content?: string };
  if (!response.ok) throw new Error(body.content ?? `HTTP ${response.status}`);
  return body;
}

async function fillUserSwitcher(select: HTMLSelectElement, current: string): Promise<void> {
  const { users } = await getJson<{ users: UserSummary[] }>('/web/users');
  replace(select, ...users.map((u) => h('option', { value: u.username, selected: u.username === current }, `${u.name} (${u.username}, ${u.roles.join(', ') || 'no role'})`)));
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('user', select.value);
    location.assign(url.toString());
  });
}

async function fillUploadTargets(api: ApiClient, select: HTMLSelectElement): Promise<void> {
  const keep = select.value;
  const [versions, assets] = await Promise.all([
    api.query('select id, version, asset_id from AssetVersion'),
    api.query('select id, name from Asset'),
  ]);
  const assetName = new Map(assets.map((a) => [a.id, String(a.name ?? a.id)]));
  replace(
    select,
    h('option', { value: '' }, 'New component (no version)'),
    ...versions.map((v) => h('option', { value: v.id }, `Onto version: ${assetName.get(String(v.asset_id)) ?? 'asset'} v${String(v.version ?? '?')}`)),
  );
  select.value = keep;
}

function wireUpload(api: ApiClient, tree: ProjectTree, notifier: Notifier): void {
  const form = byId<HTMLFormElement>('upload-form');
  const fileInput = byId<HTMLInputElement>('upload-file');
  const target = byId<HTMLSelectElement>('upload-target');
  const progress = byId<HTMLProgressElement>('upload-progress');
  const status = byId('upload-status');
  void fillUploadTargets(api, target).catch(() => undefined);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) {
      status.textContent = 'Choose a file first.';
      fileInput.focus();
      return;
    }
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `Uploading ${file.name}…`;
    const versionId = target.value || undefined;
    uploadFile(api, file, { versionId, onProgress: (f) => (progress.value = f) })
      .then(async (result) => {
        status.textContent = `Uploaded ${file.name}.`;
        status.dataset.componentId = result.componentId;
        const [component] = await api.query(`select id, name, file_type, size, version_id from Component where id is ${quoteQueryString(result.componentId)}`);
        tree.addUpload(component ?? ({ __entity_type__: 'FileComponent', id: result.componentId, name: result.name, file_type: result.fileType } as Entity));
        if (versionId) await tree.refresh(versionId);
        notifier.notify(`Uploaded ${file.name}; it is selected, open Actions to use it.`, 'success');
      })
      .catch((error: unknown) => {
        status.textContent = `Upload failed: ${(error as Error).message}`;
        notifier.notify(`Upload of ${file.name} failed: ${(error as Error).message}`, 'error');
      })
      .finally(() => {
        if (submit) submit.disabled = false;
      });
  });
}

function showHubState(state: HubState, detail?: string): void {
  const element = byId('hub-status');
  element.dataset.state = state;
  const text: Record<HubState, string> = {
    connecting: 'Event hub: connecting…',
    connected: 'Event hub: connected',
    reconnecting: 'Event hub: reconnecting…',
    closed: 'Event hub: closed',
  };
  element.textContent = text[state];
  element.title = detail ?? '';
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const notifier = new Notifier(byId('notifications'));
  let credentials: Credentials;
  try {
    credentials = await getJson<Credentials>(`/web/session${params.get('user') ? `?user=${encodeURIComponent(params.get('user')!)}` : ''}`);
  } catch (error) {
    replace(byId('tree'), h('p', { className: 'error', role: 'alert' }, `Cannot sign in: ${(error as Error).message}`));
    return;
  }
  document.body.dataset.user = credentials.username;
  void fillUserSwitcher(byId<HTMLSelectElement>('user-select'), credentials.username).catch(() => undefined);

  const serverUrl = location.origin;
  const api = new ApiClient(serverUrl, credentials);
  const hub = new BrowserEventHub({
    serverUrl,
    username: credentials.username,
    apiKey: credentials.apiKey,
    subscriberMetadata: { applicationId: WEB_APPLICATION_ID, user: { username: credentials.username, id: credentials.userId } },
    onState: showHubState,
  });

  const actions = new ActionsView(
    { summary: byId('selection-summary'), discoverButton: byId<HTMLButtonElement>('discover'), list: byId('action-list'), result: byId('action-result') },
    hub,
    notifier,
  );
  const tree = new ProjectTree(byId('tree'), api, (selection) => actions.setSelection(selection));
  const jobs = new JobsPanel(byId('jobs'), api);
  jobs.watch(hub);
  hub.subscribe('topic=ftrack.action.trigger-user-interface', (event) => actions.showPushedInterface(event.data));
  hub.connect();

  byId('clear-selection').addEventListener('click', () => tree.clearSelection());
  wireUpload(api, tree, notifier);
  await Promise.all([tree.load(), jobs.loadRecent()]);
  document.body.dataset.ready = 'true';
}

void start();
