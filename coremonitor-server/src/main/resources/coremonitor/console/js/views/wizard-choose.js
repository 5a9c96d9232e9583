// The wizard's first step: the stack's name and its components (the catalog, GET /api/v1/catalog), each chosen
// component with its instance name (its compose service name).
import { h } from '../dom.js';
import { errorSlot, fieldRow } from './wizard-fields.js';

/** The step's panel. w: the wizard ({ state, catalog, add(id), remove(i), changed() }). */
export function componentsStep(w) {
  const { state } = w;
  const name = h('input', { type: 'text', id: 'wizard-name', name: 'name', autocomplete: 'off', spellcheck: 'false',
    maxlength: '63', required: true });
  name.value = state.name;
  name.addEventListener('input', () => {
    state.name = name.value;
    w.changed();
  });

  const chosen = state.components.map((c, i) => {
    const item = w.catalog.get(c.component);
    const instance = h('input', { type: 'text', id: 'c' + i + '-name', class: 'mono', autocomplete: 'off',
      spellcheck: 'false', placeholder: c.component });
    instance.value = c.name;
    instance.addEventListener('input', () => {
      c.name = instance.value;
      w.changed();
    });
    return h('li', { class: 'chosen-item', dataset: { index: String(i), component: c.component } },
      h('div', { class: 'chosen-head' },
        h('strong', {}, item ? item.title : c.component), h('span', { class: 'muted small' }, ' ' + c.component),
        h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'remove' },
          'aria-label': 'Remove ' + (c.name || c.component), onclick: () => w.remove(i) }, 'Remove')),
      h('div', { class: 'form-row' }, h('label', { for: instance.id }, 'Instance name'), instance,
        h('span', { class: 'muted small' }, 'Its service name in the stack; empty: ' + c.component + '.'),
        errorSlot('components[' + i + '].name', instance)),
      errorSlot('components[' + i + '].component'),
      errorSlot('components[' + i + ']'));
  });

  const byCategory = new Map();
  w.catalog.forEach((item) => {
    if (!byCategory.has(item.category)) {
      byCategory.set(item.category, []);
    }
    byCategory.get(item.category).push(item);
  });
  const catalog = Array.from(byCategory.entries()).map(([category, items]) => h('li', { class: 'catalog-group' },
    h('h3', {}, category.replace(/-/g, ' ')),
    h('ul', { class: 'catalog-items' }, items.map((item) => h('li', { class: 'catalog-item', dataset: { id: item.id } },
      h('div', { class: 'catalog-title' }, h('strong', {}, item.title),
        h('span', { class: 'muted small' }, ' ' + item.versions.map((v) => v.version).join(', '))),
      h('p', { class: 'muted small' }, item.description),
      h('button', { type: 'button', class: 'btn btn-small', dataset: { add: item.id },
        'aria-label': 'Add ' + item.title, onclick: () => w.add(item.id) }, 'Add'))))));

  return h('div', { class: 'wizard-components' },
    fieldRow('Stack name', name, 'name',
      'Lower-case letters, digits, "_" and "-"; it prefixes every container, network and volume name.'),
    h('div', { class: 'components-grid' },
      h('section', { 'aria-labelledby': 'chosen-title' },
        h('h2', { id: 'chosen-title' }, 'Chosen components'),
        chosen.length ? h('ol', { class: 'chosen', id: 'wizard-chosen' }, chosen)
          : h('p', { class: 'muted', id: 'wizard-chosen' }, 'None yet: add components from the catalog.'),
        errorSlot('components')),
      h('section', { 'aria-labelledby': 'catalog-title' },
        h('h2', { id: 'catalog-title' }, 'Catalog'),
        h('ul', { class: 'catalog', id: 'wizard-catalog' }, catalog))));
}
