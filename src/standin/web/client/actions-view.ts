import {
  discoverActions,
  groupActions,
  iconSource,
  launchAction,
  readLaunchReply,
  type ActionItem,
  type LaunchOutcome,
  type SelectionEntry,
} from './actions.js';
import type { SelectedEntity } from './tree.js';
import type { BrowserEventHub } from './hub.js';
import { renderForm } from './form.js';
import { h, replace } from './dom.js';
import type { Notifier } from './notify.js';

/**
 * The actions panel: the selection summary, the "Actions" button that
 * discovers, the grouped action list, and the launch results (messages,
 * forms submitted back as `data.values`, widget links).
 */

export interface ActionsViewElements {
  summary: HTMLElement;
  discoverButton: HTMLButtonElement;
  list: HTMLElement;
  result: HTMLElement;
}

/** Launch replies are awaited this long before saying nobody answered. */
const LAUNCH_REPLY_TIMEOUT_MS = 15_000;

export class ActionsView {
  private readonly el: ActionsViewElements;
  private readonly hub: BrowserEventHub;
  private readonly notifier: Notifier;
  private selection: SelectedEntity[] = [];
  private discovering = false;
  /** Bumped by each discover, so late replies to an older one are ignored. */
  private generation = 0;

  constructor(elements: ActionsViewElements, hub: BrowserEventHub, notifier: Notifier) {
    this.el = elements;
    this.hub = hub;
    this.notifier = notifier;
    elements.discoverButton.addEventListener('click', () => void this.discover());
    this.setSelection([]);
  }

  setSelection(selection: SelectedEntity[]): void {
    this.selection = selection;
    const count = selection.length;
    this.el.summary.textContent =
      count === 0 ? 'Nothing selected. Tick one or more entities in the project browser.' : `Selected: ${selection.map((s) => s.label).join(', ')}`;
    this.el.discoverButton.disabled = count === 0 || this.discovering;
  }

  private entries(): SelectionEntry[] {
    return this.selection.map(({ entityId, entityType }) => ({ entityId, entityType }));
  }

  /** Publishes discover and shows the grouped items (or "no actions" once the window has passed). */
  async discover(): Promise<void> {
    if (this.selection.length === 0 || this.discovering) return;
    const selection = this.entries();
    this.discovering = true;
    this.el.discoverButton.disabled = true;
    this.el.list.setAttribute('aria-busy', 'true');
    replace(this.el.list, h('p', { className: 'discovering', role: 'status' }, h('span', { className: 'spinner', 'aria-hidden': 'true' }), 'Discovering actions…'));
    replace(this.el.result);
    const generation = (this.generation += 1);
    const items = await discoverActions(this.hub, selection, {
      // A reply after the window (a busy host) replaces "no actions" or extends the list.
      onLateItems: (all) => {
        if (generation === this.generation) this.showItems(all, selection, false);
      },
    });
    this.discovering = false;
    this.el.list.removeAttribute('aria-busy');
    this.el.discoverButton.disabled = this.selection.length === 0;
    this.showItems(items, selection, true);
  }

  private showItems(items: ActionItem[], selection: SelectionEntry[], moveFocus: boolean): void {
    if (items.length === 0) {
      const why = this.hub.connected ? 'No plugin answered: is the host running?' : 'The event hub is not connected.';
      replace(this.el.list, h('p', { className: 'no-actions', role: 'status' }, 'No actions available for this selection. ', h('small', {}, why)));
      return;
    }
    const groups = groupActions(items);
    const list = h('ul', { className: 'action-groups', 'aria-label': 'Available actions' });
    for (const group of groups) {
      const source = iconSource(group.icon, location.origin);
      // Icons from elsewhere are not loaded (offline page, CSP): the letter icon with the URL as tooltip.
      const icon = source
        ? h('img', { className: 'action-icon', src: source, alt: '' })
        : h('span', { className: 'action-icon action-icon-letter', 'aria-hidden': 'true', title: group.icon ? `Icon: ${group.icon}` : null, 'data-icon': group.icon ?? null },
            group.label.slice(0, 1).toUpperCase());
      const buttons = h('div', { className: 'action-variants' });
      for (const item of group.items) {
        const text = item.variant ? String(item.variant) : group.label;
        const name = item.variant ? `${group.label} ${String(item.variant)}` : group.label;
        buttons.append(
          h('button', { type: 'button', className: 'action-button', title: String(item.description ?? group.description ?? ''), 'aria-label': name,
            'data-action-identifier': item.actionIdentifier, onclick: () => this.launch(item, selection) }, text),
        );
      }
      list.append(
        h('li', { className: 'action-group' }, icon, h('div', { className: 'action-body' }, h('h3', {}, group.label),
          group.description ? h('p', { className: 'muted' }, group.description) : null, buttons)),
      );
    }
    replace(this.el.list, list);
    if (moveFocus) list.querySelector<HTMLButtonElement>('button')?.focus();
  }

  /** Launches an item (again with `values` after a form submit) and shows each reply. */
  launch(item: ActionItem, selection: SelectionEntry[], values?: Record<string, unknown>): void {
    const title = item.variant ? `${item.label} ${String(item.variant)}` : item.label;
    const status = h('p', { className: 'launching', role: 'status' }, h('span', { className: 'spinner', 'aria-hidden': 'true' }), `Launching ${title}…`);
    replace(this.el.result, status);
    launchAction(this.hub, item, selection, {
      values,
      timeoutMs: LAUNCH_REPLY_TIMEOUT_MS,
      onReply: (outcome) => {
        status.remove();
        this.showOutcome(outcome, (formValues) => this.launch(item, selection, formValues));
      },
      onDone: (replies) => {
        if (replies === 0) {
          replace(this.el.result, h('p', { className: 'error', role: 'alert' }, `No reply from “${title}”: is the host running the plugin?`));
        }
      },
    });
  }

  /** Shows a launch reply or a `trigger-user-interface` payload; `submit` relaunches with form values. */
  showOutcome(outcome: LaunchOutcome, submit?: (values: Record<string, unknown>) => void): void {
    switch (outcome.kind) {
      case 'message':
        this.el.result.append(
          h('p', { className: `launch-message ${outcome.success ? 'success' : 'error'}`, role: outcome.success ? 'status' : 'alert' }, outcome.message),
        );
        return;
      case 'widget':
        this.el.result.append(
          h('p', { className: 'launch-message success' }, outcome.message || outcome.title || 'Open the widget: ',
            h('a', { href: outcome.url, target: '_blank', rel: 'noopener' }, outcome.title ?? outcome.url)),
        );
        return;
      case 'form': {
        const form = renderForm(
          { title: outcome.title, submitLabel: outcome.submitLabel, items: outcome.items },
          (values) => {
            form.remove();
            submit?.(values);
          },
          () => form.remove(),
        );
        this.el.result.append(form);
        form.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
        return;
      }
    }
  }

  /** Handles `ftrack.action.trigger-user-interface` (protocol 7.3). */
  showPushedInterface(data: unknown): void {
    const body = (data ?? {}) as Record<string, unknown>;
    const outcome = readLaunchReply(data);
    if (outcome.kind === 'message') {
      this.notifier.notify(outcome.message, outcome.success ? 'success' : 'error');
      return;
    }
    const actionIdentifier = typeof body.actionIdentifier === 'string' ? body.actionIdentifier : undefined;
    this.showOutcome(outcome, (values) => {
      if (actionIdentifier === undefined) {
        this.notifier.notify('Submitted.', 'success');
        return;
      }
      const selection = Array.isArray(body.selection) ? (body.selection as SelectionEntry[]) : this.entries();
      const { items: _items, type: _type, title: _title, submit_button_label: _submit, ...item } = body;
      this.launch({ ...item, label: String(body.label ?? actionIdentifier), actionIdentifier } as ActionItem, selection, values);
    });
  }
}
