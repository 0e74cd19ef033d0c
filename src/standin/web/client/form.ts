import type { FormItem } from './actions.js';
import { h, uuid } from './dom.js';

/**
 * Renders an action's form reply (protocol 7.2 widget types: label, text,
 * textarea, number, date, boolean, enumerator, hidden) and reads the values
 * back as `data.values` for the second launch.
 */

export interface FormSpec {
  title?: string;
  submitLabel?: string;
  items: FormItem[];
}

interface Field {
  name: string;
  read: () => unknown;
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The label widget's text: plain text with simple markdown line breaks kept (no HTML injected). */
function labelBlock(value: unknown): HTMLElement {
  const block = h('div', { className: 'form-label-item' });
  for (const line of text(value).split(/\n|<br\s*\/?>/i)) block.append(h('p', {}, line.replace(/<[^>]*>/g, '')));
  return block;
}

function row(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('div', { className: 'form-row' }, h('label', { for: id }, label), control, hint ? h('small', {}, hint) : null);
}

function buildItem(item: FormItem, fields: Field[]): HTMLElement | null {
  const id = `f-${uuid().slice(0, 8)}`;
  const name = typeof item.name === 'string' ? item.name : '';
  const label = text(item.label ?? item.name);
  const placeholder = typeof item.empty_text === 'string' ? item.empty_text : undefined;
  switch (item.type) {
    case 'label':
      return labelBlock(item.value);
    case 'hidden':
      if (name) fields.push({ name, read: () => item.value });
      return null;
    case 'text': {
      const input = h('input', { id, name, type: 'text', value: text(item.value), placeholder });
      if (name) fields.push({ name, read: () => input.value });
      return row(id, label, input);
    }
    case 'textarea': {
      const area = h('textarea', { id, name, rows: 4, placeholder });
      area.value = text(item.value);
      if (name) fields.push({ name, read: () => area.value });
      return row(id, label, area);
    }
    case 'number': {
      const input = h('input', { id, name, type: 'number', step: 'any', value: text(item.value), placeholder });
      if (name) fields.push({ name, read: () => (input.value === '' ? null : Number(input.value)) });
      return row(id, label, input);
    }
    case 'date': {
      const input = h('input', { id, name, type: 'date', value: text(item.value).slice(0, 10) });
      if (name) fields.push({ name, read: () => (input.value === '' ? null : input.value) });
      return row(id, label, input);
    }
    case 'boolean': {
      const box = h('input', { id, name, type: 'checkbox', checked: item.value === true || item.value === 'true' });
      if (name) fields.push({ name, read: () => box.checked });
      return h('div', { className: 'form-row form-row-inline' }, box, h('label', { for: id }, label));
    }
    case 'enumerator': {
      const options = Array.isArray(item.data) ? (item.data as { label?: unknown; value?: unknown }[]) : [];
      const multi = item.multi_select === true;
      const select = h('select', { id, name, multiple: multi });
      const chosen = Array.isArray(item.value) ? item.value : [item.value];
      // Without a preset value nothing is chosen until the user picks (read back as null).
      if (!multi && (item.value === undefined || item.value === null)) select.append(h('option', { value: '', selected: true }, '—'));
      options.forEach((option, index) => {
        select.append(h('option', { value: String(index), selected: chosen.includes(option.value) }, text(option.label ?? option.value)));
      });
      if (name) {
        fields.push({
          name,
          read: () => {
            const picked = [...select.selectedOptions].filter((o) => o.value !== '').map((o) => options[Number(o.value)]?.value);
            return multi ? picked : (picked[0] ?? null);
          },
        });
      }
      return row(id, label, select);
    }
    default:
      return h('p', { className: 'form-unknown' }, `Unsupported form item type "${item.type}".`);
  }
}

/** Builds the form; `onSubmit` receives `{ name: value }` for every named item. */
export function renderForm(spec: FormSpec, onSubmit: (values: Record<string, unknown>) => void, onCancel?: () => void): HTMLFormElement {
  const fields: Field[] = [];
  const titleId = `t-${uuid().slice(0, 8)}`;
  const form = h('form', { className: 'action-form', 'aria-labelledby': titleId, novalidate: true });
  form.append(h('h3', { id: titleId }, spec.title ?? 'Action options'));
  for (const item of spec.items) {
    const element = buildItem(item, fields);
    if (element) form.append(element);
  }
  const submit = h('button', { type: 'submit', className: 'primary' }, spec.submitLabel ?? 'Submit');
  const buttons = h('div', { className: 'form-buttons' }, submit);
  if (onCancel) buttons.append(h('button', { type: 'button', onclick: () => onCancel() }, 'Cancel'));
  form.append(buttons);
  if (onCancel) {
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCancel();
      }
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values: Record<string, unknown> = {};
    for (const field of fields) values[field.name] = field.read();
    submit.disabled = true;
    onSubmit(values);
  });
  return form;
}
