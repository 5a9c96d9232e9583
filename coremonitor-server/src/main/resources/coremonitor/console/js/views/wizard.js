// The wizard (#/wizard): a stack from the catalog's components, step by step: components -> versions and parameters
// -> wiring -> review (the YAML and the plan) -> create (and apply). The server's rules check the choices while the
// user goes (POST /wizard/validate stores nothing) and every error is shown at its step, next to its field; Next
// stays on a step (or goes back to an earlier one) while that step has errors. Passwords typed here stay in this
// page's memory: they are sent with the choices and never stored by the browser.
import { get, post, enc } from '../api.js';
import { h, replace, pageHeader, errorText } from '../dom.js';
import { need } from '../libs.js';
import { STEPS, stepOf, stepIndex, applyErrors } from './wizard-fields.js';
import { componentsStep } from './wizard-choose.js';
import { parametersStep } from './wizard-params.js';
import { wiringStep, showWiring, instanceOf } from './wizard-wiring.js';
import { reviewStep, createStep } from './wizard-review.js';

const CHECK_DELAY_MS = 350;

export async function render(main, params, ctx) {
  const [list] = await Promise.all([get('/catalog'), need('codemirror')]);
  const catalog = new Map(list.items.map((i) => [i.id, i]));
  const details = new Map();
  const state = { name: '', components: [], step: 'components', errors: [], warnings: [], wiring: [], preview: null,
    apply: false, author: '', comment: '' };
  let seq = 0;
  let timer = null;
  let closed = false;
  let review = null;
  let panel = null;

  const stepsNav = h('ol', { class: 'wizard-steps', id: 'wizard-steps' });
  const heading = h('h2', { id: 'wizard-step-title', tabindex: '-1' });
  const panelHost = h('div', { id: 'wizard-step' });
  const status = h('p', { class: 'validation-status', id: 'wizard-status', role: 'status' });
  const back = h('button', { type: 'button', class: 'btn', id: 'wizard-back' }, '‹ Back');
  const next = h('button', { type: 'button', class: 'btn btn-primary', id: 'wizard-next' }, 'Next ›');
  replace(main,
    pageHeader('New stack from the catalog', h('a', { class: 'btn', href: '#/new' }, 'Write the YAML instead')),
    h('nav', { 'aria-label': 'Wizard steps' }, stepsNav),
    h('section', { class: 'card wizard-panel', 'aria-labelledby': 'wizard-step-title' }, heading, panelHost, status,
      h('div', { class: 'toolbar wizard-nav' }, back, next)));

  /** The body of both wizard routes (docs/API.md, "The choices"); generated passwords are left out. */
  function choices() {
    return {
      name: state.name.trim(),
      components: state.components.map((c) => {
        const out = { component: c.component };
        if (c.name.trim()) {
          out.name = c.name.trim();
        }
        if (c.version) {
          out.version = c.version;
        }
        if (c.image.trim()) {
          out.image = c.image.trim();
        }
        const values = {};
        Object.entries(c.parameters).forEach(([k, v]) => {
          if (!c.generated[k] && v !== '' && v !== null && v !== undefined) {
            values[k] = v;
          }
        });
        if (Object.keys(values).length) {
          out.parameters = values;
        }
        if (Object.keys(c.wiring).length) {
          out.wiring = Object.assign({}, c.wiring);
        }
        return out;
      }),
    };
  }

  /** What is checked here, before the server is asked (it answers 400 for a missing name). */
  function localErrors(c) {
    const out = [];
    if (!c.name) {
      out.push({ path: 'name', message: 'A stack name is required.' });
    }
    if (!c.components.length) {
      out.push({ path: 'components', message: 'Choose at least one component from the catalog.' });
    }
    return out;
  }

  const w = {
    state, details,
    catalog,
    add, remove, go, create,
    changed() {
      state.preview = null;
      clearTimeout(timer);
      timer = setTimeout(() => check(), CHECK_DELAY_MS);
    },
  };

  // ------------------------------------------------------------------ errors and the step list

  function counts() {
    const out = {};
    state.errors.forEach((e) => {
      const s = stepOf(e.path);
      out[s] = (out[s] || 0) + 1;
    });
    return out;
  }

  function renderSteps() {
    const n = counts();
    replace(stepsNav, STEPS.map((s, i) => h('li', { class: 'wizard-step' + (s.id === state.step ? ' current' : '') },
      h('button', { type: 'button', class: 'step-button', dataset: { step: s.id, errors: String(n[s.id] || 0) },
        'aria-current': s.id === state.step ? 'step' : null, onclick: () => go(s.id) },
      h('span', { class: 'step-num', 'aria-hidden': 'true' }, String(i + 1)), ' ' + s.title,
      n[s.id] ? h('span', { class: 'step-error-count', title: n[s.id] + ' error(s) at this step' },
        h('span', { class: 'sr-only' }, ', errors: '), String(n[s.id])) : null))));
    back.hidden = state.step === STEPS[0].id;
    next.hidden = state.step === 'create';
  }

  function refreshErrors() {
    if (panel) {
      applyErrors(panel, state.step, state.errors, state.warnings);
      if (state.step === 'wiring') {
        showWiring(panel, state.wiring);
      }
    }
    renderSteps();
    const n = counts();
    const where = STEPS.filter((s) => n[s.id]).map((s) => s.title + ' (' + n[s.id] + ')');
    replace(status, where.length ? 'Errors at: ' + where.join(', ') + '.' : 'No error so far.');
    status.dataset.state = where.length ? 'invalid' : 'valid';
  }

  /** Asks the rules about the choices now; resolves their answer, or null when it is stale or failed. */
  async function check() {
    clearTimeout(timer);
    const c = choices();
    const my = ++seq;
    const local = localErrors(c);
    if (local.length) {
      state.errors = local;
      state.warnings = [];
      refreshErrors();
      return { valid: false, errors: local, warnings: [], wiring: [] };
    }
    replace(status, 'Checking…');
    status.dataset.state = 'checking';
    try {
      const r = await post('/wizard/validate', c);
      if (my !== seq || closed) {
        return null;
      }
      state.errors = r.errors;
      state.warnings = r.warnings;
      state.wiring = r.wiring;
      refreshErrors();
      return r;
    } catch (e) {
      if (my === seq && !closed) {
        replace(status, 'Cannot check the choices now: ' + errorText(e));
        status.dataset.state = 'error';
      }
      return null;
    }
  }

  // ------------------------------------------------------------------ steps

  async function add(id) {
    if (!details.has(id)) {
      details.set(id, await get('/catalog/' + enc(id)));
    }
    const d = details.get(id);
    const taken = new Set(state.components.map(instanceOf));
    let name = '';
    if (taken.has(id)) {
      let n = 2;
      while (taken.has(id + '-' + n)) {
        n++;
      }
      name = id + '-' + n;
    }
    const c = { component: id, name, version: d.default_version, image: '', parameters: {}, generated: {}, wiring: {} };
    (d.parameters || []).forEach((p) => {
      if (p.generate) {
        c.generated[p.name] = true;
      } else if (p.default_value !== null && p.default_value !== undefined) {
        c.parameters[p.name] = String(p.default_value);
      }
    });
    state.components.push(c);
    show();
    w.changed();
  }

  function remove(i) {
    state.components.splice(i, 1);
    show();
    w.changed();
  }

  async function showReview(body) {
    const c = choices();
    const local = localErrors(c);
    const my = ++seq;
    let preview;
    if (local.length) {
      preview = { valid: false, errors: local, warnings: [], wiring: [] };
    } else {
      replace(body, h('p', { class: 'loading' }, 'Making the definition and its plan…'));
      try {
        preview = await post('/wizard/preview', c);
      } catch (e) {
        if (my === seq && !closed) {
          replace(body, h('p', { class: 'error-text', id: 'review-status' }, 'Cannot preview the stack: ' + errorText(e)));
        }
        return;
      }
    }
    if (my !== seq || closed || state.step !== 'review') {
      return;
    }
    state.preview = preview;
    state.errors = preview.errors;
    state.warnings = preview.warnings;
    state.wiring = preview.wiring;
    review = reviewStep(w, preview);
    replace(body, review.element);
    review.attached();
    refreshErrors();
  }

  function show() {
    if (review) {
      review.cleanup();
      review = null;
    }
    const step = STEPS.find((s) => s.id === state.step);
    replace(heading, (stepIndex(step.id) + 1) + '. ' + step.title);
    const content = h('div');
    panel = h('div', { class: 'wizard-step-body', dataset: { step: step.id } },
      h('div', { class: 'step-problems', hidden: true }), content);
    replace(panelHost, panel);
    if (step.id === 'components') {
      replace(content, componentsStep(w));
    } else if (step.id === 'parameters') {
      replace(content, parametersStep(w));
    } else if (step.id === 'wiring') {
      replace(content, wiringStep(w));
    } else if (step.id === 'review') {
      showReview(content);
    } else {
      replace(content, createStep(w));
    }
    refreshErrors();
  }

  function go(id) {
    state.step = id;
    show();
    heading.focus({ preventScroll: false });
  }

  /** Focuses the first field of this step that shows an error. */
  function focusFirstError() {
    const slot = Array.from(panel.querySelectorAll('[data-error-for]'))
      .find((s) => s.querySelector('.wizard-message.wizard-error'));
    if (slot) {
      (slot.input || slot).scrollIntoView({ block: 'center' });
      if (slot.input) {
        slot.input.focus({ preventScroll: true });
      }
    }
  }

  async function onNext() {
    next.disabled = true;
    try {
      const here = stepIndex(state.step);
      if (state.step === 'review') {
        if (state.preview && state.preview.valid) {
          go('create');
        } else if (state.errors.length) {
          go(STEPS.find((s) => state.errors.some((x) => stepOf(x.path) === s.id)).id);
          focusFirstError();
        }
        return;
      }
      const r = await check();
      if (!r) {
        return;
      }
      const n = counts();
      const blocking = STEPS.findIndex((s, i) => i <= here && n[s.id]);
      if (blocking !== -1) {
        if (blocking !== here) {
          go(STEPS[blocking].id);
        }
        focusFirstError();
        return;
      }
      go(STEPS[here + 1].id);
    } finally {
      next.disabled = false;
    }
  }

  // ------------------------------------------------------------------ create

  async function create(button, result) {
    const body = Object.assign(choices(), { apply: Boolean(state.apply) });
    if (state.author.trim()) {
      body.author = state.author.trim();
    }
    if (state.comment.trim()) {
      body.comment = state.comment.trim();
    }
    button.disabled = true;
    replace(result, h('p', { class: 'muted' }, 'Creating…'));
    try {
      const made = await post('/wizard/stacks', body);
      const generated = (made.secrets || []).filter((s) => s.generated).map((s) => s.name);
      ctx.toast('Created ' + made.stack.name + ' (' + (made.version || 'v1') + ')'
        + (made.command ? '; its APPLY is queued' : '')
        + (generated.length ? '. Generated secrets: ' + generated.join(', ') + ' (reveal them on the Secrets page)' : '')
        + '.', 'ok');
      ctx.navigate('#/stacks/' + enc(made.stack.stack_id));
    } catch (e) {
      const p = e.problem || {};
      if (e.status === 409) {
        state.errors = [{ path: 'name', message: p.detail || 'A stack named ' + body.name + ' exists already.',
          fix: 'choose another name' }];
      } else if (e.status === 422 && Array.isArray(p.errors) && p.errors.length) {
        state.errors = p.errors;
      } else {
        replace(result, h('p', { class: 'error-text', role: 'alert' }, 'Not created: ' + errorText(e)));
        return;
      }
      state.warnings = [];
      const first = STEPS.find((s) => state.errors.some((x) => stepOf(x.path) === s.id));
      go(first.id);
      focusFirstError();
      replace(status, 'Not created: ' + (p.detail || p.title || e.message) + ' The steps marked say what to change.');
      status.dataset.state = 'invalid';
    } finally {
      button.disabled = false;
    }
  }

  back.addEventListener('click', () => go(STEPS[Math.max(0, stepIndex(state.step) - 1)].id));
  next.addEventListener('click', onNext);
  show();
  replace(status);
  return () => {
    closed = true;
    clearTimeout(timer);
    if (review) {
      review.cleanup();
    }
    // the typed passwords go with the page's state
    state.components = [];
  };
}
