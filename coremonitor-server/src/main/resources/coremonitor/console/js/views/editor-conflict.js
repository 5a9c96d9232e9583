// The editor's stale-parent dialog: someone saved a newer version since this definition was loaded (409 conflict).
import { h, fmtTime } from '../dom.js';

/**
 * Explains that `latest` (a version view) was saved after `parent` was loaded, and asks what to do.
 * Resolves 'reload' (load the latest; the user's text stays available to copy), 'save' (save anyway on top of the
 * latest) or 'cancel'. Keyboard: Escape cancels; focus starts on Reload (the safe choice).
 */
export function staleParentDialog(parent, latest) {
  return new Promise((resolve) => {
    const meta = latest.metadata || {};
    const button = (label, action, cls) => h('button', { type: 'button', class: 'btn ' + (cls || ''),
      dataset: { action } }, label);
    const cancel = button('Cancel', 'cancel');
    const reload = button('Reload ' + latest.version, 'reload', 'btn-primary');
    const save = button('Save anyway', 'save-anyway', 'btn-danger');
    const dialog = h('dialog', { class: 'dialog', id: 'stale-parent', 'aria-labelledby': 'stale-parent-title' },
      h('h2', { id: 'stale-parent-title' }, 'Someone saved a newer version'),
      h('div', { class: 'dialog-body' },
        h('p', {}, 'You edited ', h('strong', {}, parent), ', but ', h('strong', {}, latest.version),
          ' has been saved since then', meta.created_by ? ' by ' + meta.created_by : '',
          meta.created_at ? ' (' + fmtTime(meta.created_at) + ')' : '', '.'),
        meta.comment ? h('p', {}, 'Its comment: ', h('q', {}, meta.comment)) : null,
        h('ul', { class: 'stale-choices' },
          h('li', {}, h('strong', {}, 'Reload'), ': show ', latest.version,
            ' in the editor. Your text stays below the editor so that you can copy from it.'),
          h('li', {}, h('strong', {}, 'Save anyway'), ': save your text as the version after ', latest.version,
            '. The changes made in ', latest.version, ' that are not in your text are then undone.'))),
      h('div', { class: 'dialog-actions' }, cancel, save, reload));
    const done = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener('click', () => done('cancel'));
    reload.addEventListener('click', () => done('reload'));
    save.addEventListener('click', () => done('save'));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done('cancel');
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    reload.focus();
  });
}

/** A read-only panel holding the user's text (after a reload), with a copy button and a close button. */
export function keptTextPanel(text, onUseIt) {
  const area = h('textarea', { id: 'kept-text', class: 'mono kept-text', readonly: true, rows: '10',
    spellcheck: 'false' });
  area.value = text;
  const status = h('span', { class: 'muted', role: 'status' });
  const panel = h('section', { class: 'card kept-panel', id: 'kept-panel', 'aria-labelledby': 'kept-title' },
    h('h2', { id: 'kept-title' }, 'Your text (not saved)'),
    h('label', { for: 'kept-text', class: 'sr-only' }, 'Your text, not saved'), area,
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'btn btn-small', id: 'copy-kept', onclick: async () => {
        area.focus();
        area.select();
        try {
          await navigator.clipboard.writeText(text);
          status.textContent = 'Copied.';
        } catch (e) {
          status.textContent = 'Selected: press Ctrl+C to copy.';
        }
      } }, 'Copy'),
      h('button', { type: 'button', class: 'btn btn-small', id: 'use-kept', onclick: () => onUseIt(text) },
        'Put it back in the editor'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => panel.remove() }, 'Dismiss'),
      status));
  return panel;
}
