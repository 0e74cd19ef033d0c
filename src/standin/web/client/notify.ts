import { h } from './dom.js';

/**
 * Notifications (launch results, `trigger-user-interface` messages): a live
 * region of dismissible toasts; errors stay until dismissed.
 */

export type NotificationKind = 'success' | 'error' | 'info';

const SUCCESS_LIFETIME_MS = 8000;

export class Notifier {
  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
  }

  notify(message: string, kind: NotificationKind = 'info'): HTMLElement {
    const toast = h('div', { className: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('span', {}, message));
    const dismiss = h('button', { type: 'button', className: 'toast-close', 'aria-label': 'Dismiss notification' }, '×');
    dismiss.addEventListener('click', () => toast.remove());
    toast.append(dismiss);
    this.root.append(toast);
    if (kind !== 'error') setTimeout(() => toast.remove(), SUCCESS_LIFETIME_MS);
    return toast;
  }
}
