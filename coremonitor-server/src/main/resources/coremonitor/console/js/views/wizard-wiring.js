// The wizard's third step: each requirement of a chosen component (GET /api/v1/catalog/{id} requires) and the
// instance that provides it. Automatic: the rules wire it when exactly one chosen component fits.
import { h, replace } from '../dom.js';
import { fieldRow } from './wizard-fields.js';

/** The select's value for "let the rules choose" (no instance name has a '*'). */
export const AUTO = '*';

export const instanceOf = (c) => c.name.trim() || c.component;

/** The step's panel. w: the wizard ({ state, details, changed() }). */
export function wiringStep(w) {
  const { state } = w;
  const blocks = state.components.map((c, i) => {
    const d = w.details.get(c.component);
    const requires = (d && d.requires) || [];
    const others = state.components.filter((o) => o !== c).map(instanceOf);
    const rows = requires.map((r) => {
      const select = h('select', { id: 'c' + i + '-wire-' + r.key, dataset: { key: r.key } },
        h('option', { value: AUTO }, 'Automatic'),
        r.optional ? h('option', { value: '' }, 'None (leave it unwired)') : null,
        others.map((o) => h('option', { value: o }, o)));
      select.value = c.wiring[r.key] === undefined ? AUTO : c.wiring[r.key];
      select.addEventListener('change', () => {
        if (select.value === AUTO) {
          delete c.wiring[r.key];
        } else {
          c.wiring[r.key] = select.value;
        }
        w.changed();
      });
      return h('div', { class: 'wire-row' },
        fieldRow(r.key + (r.optional ? ' (optional)' : '') + ': ' + r.capability
          + (r.versions && r.versions !== '*' ? ' ' + r.versions : ''), select,
        'components[' + i + '].wiring.' + r.key, r.description),
        h('p', { class: 'wire-result small', dataset: { wireFor: instanceOf(c) + '/' + r.key } }));
    });
    return h('fieldset', { class: 'card wizard-fieldset', dataset: { index: String(i), component: c.component } },
      h('legend', {}, (d ? d.title : c.component) + ' · ' + instanceOf(c)),
      rows.length ? rows : h('p', { class: 'muted' }, 'Needs no other component.'));
  });
  const panel = h('div', { class: 'wizard-wiring' }, blocks.length ? blocks
    : h('p', { class: 'muted' }, 'Choose components first.'));
  showWiring(panel, state.wiring);
  return panel;
}

/** Says, under each requirement, what the last check wired it to. */
export function showWiring(panel, wiring) {
  panel.querySelectorAll('[data-wire-for]').forEach((el) => {
    const wire = (wiring || []).find((x) => x.instance + '/' + x.key === el.dataset.wireFor);
    replace(el, wire ? ['Wired to ', h('strong', {}, wire.provider), wire.automatic ? ' (automatically)' : '']
      : h('span', { class: 'muted' }, 'Not wired.'));
    el.dataset.provider = wire ? wire.provider : '';
  });
}
