// The "New database" form of the databases screen: POST /databases is synchronous (the server answers once a login
// into the new database worked, up to a couple of minutes), so the form stays disabled with a running clock meanwhile.
// The problems of a 422 (errors[].path) are shown at their field; a generated password is shown once, masked.
import { post } from '../api.js';
import { h, replace } from '../dom.js';
import { fieldErrors } from './secrets-form.js';
import { valueBox } from './secret-value.js';

/** Project names as the server accepts them (DatabaseRequest): the database and the user are it with "-" as "_". */
export const PROJECT_NAME = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** The versions of the catalog's components (docs/API.md), the first being the server's default. */
export const ENGINES = {
  postgresql: { label: 'PostgreSQL', versions: ['16', '15'] },
  mariadb: { label: 'MariaDB', versions: ['11', '10.11'] },
};

const FIELDS = ['project', 'engine', 'version', 'memory', 'cpus', 'password', 'port'];

/**
 * The form. onCreated(answer) is called after a 201 (the list reloads). Returns { element, forget(), focus() }:
 * forget() drops a typed or generated password (the screen is left).
 */
export function databaseForm(ctx, onCreated) {
  const id = (f) => 'db-' + f;
  const errors = {};
  const inputs = {};
  const row = (field, label, input, help) => {
    inputs[field] = input;
    errors[field] = h('p', { class: 'error-text field-error', id: id(field) + '-error', 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', (help ? id(field) + '-help ' : '') + id(field) + '-error');
    return h('div', { class: 'form-row' }, h('label', { for: id(field) }, label), input,
      help ? h('span', { class: 'muted small', id: id(field) + '-help' }, help) : null, errors[field]);
  };
  const engine = h('select', { id: id('engine'), name: 'engine' },
    Object.entries(ENGINES).map(([value, e]) => h('option', { value }, e.label)));
  const version = h('select', { id: id('version'), name: 'version' });
  const refreshVersions = () => replace(version, ENGINES[engine.value].versions.map((v) => h('option', { value: v }, v)));
  engine.addEventListener('change', refreshVersions);
  refreshVersions();
  const password = h('input', { type: 'password', id: id('password'), name: 'password', autocomplete: 'new-password',
    spellcheck: 'false', minlength: '8', maxlength: '128' });
  const general = h('p', { class: 'error-text', id: 'db-create-error', role: 'alert' });
  const progress = h('p', { class: 'muted', id: 'db-create-progress', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'db-create' }, 'Create the database');
  const created = h('div', { id: 'db-created', 'aria-live': 'polite' });
  const grid = h('div', { class: 'db-form-grid' },
    row('project', 'Project', h('input', { type: 'text', id: id('project'), name: 'project', required: true,
      autocomplete: 'off', spellcheck: 'false', maxlength: '40' }),
    'Lower-case letters, digits and "-", starting with a letter (at most 40).'),
    row('engine', 'Engine', engine),
    row('version', 'Version', version),
    row('memory', 'Memory', h('input', { type: 'text', id: id('memory'), name: 'memory', placeholder: '512m',
      autocomplete: 'off', spellcheck: 'false' }), 'At least 64m; empty: 512m.'),
    row('cpus', 'CPUs', h('input', { type: 'number', id: id('cpus'), name: 'cpus', placeholder: '1', min: '0.01',
      max: '64', step: 'any' }), 'Empty: 1.'),
    row('password', 'Password (optional)', password, '8 to 128 characters; empty: the server generates one.'),
    row('port', 'Host port (optional)', h('input', { type: 'number', id: id('port'), name: 'port', min: '1',
      max: '65535' }), 'Empty: the first free port of the server\'s range.'));
  inputs.engine = engine;
  inputs.version = version;
  const problems = fieldErrors(errors, general);
  const form = h('form', { class: 'card db-form', id: 'db-form', 'aria-labelledby': 'db-form-title', hidden: true },
    h('h2', { id: 'db-form-title' }, 'New database'), grid,
    h('div', { class: 'toolbar' }, submit, progress), general);
  let once = null;
  let timer = null;

  function body() {
    const b = { project: inputs.project.value.trim(), engine: engine.value, version: version.value };
    const memory = inputs.memory.value.trim();
    if (memory) {
      b.memory = memory;
    }
    if (inputs.cpus.value.trim()) {
      b.cpus = Number(inputs.cpus.value);
    }
    if (password.value) {
      b.password = password.value;
    }
    if (inputs.port.value.trim()) {
      b.port = Number(inputs.port.value);
    }
    return b;
  }

  function check(b) {
    const list = [];
    if (!PROJECT_NAME.test(b.project)) {
      list.push({ path: 'project', message: b.project ? 'Use lower-case letters, digits and "-", starting with a letter'
        + ' and not ending with "-" (at most 40).' : 'A project is required.' });
    }
    if (b.password !== undefined && (b.password.length < 8 || b.password.length > 128)) {
      list.push({ path: 'password', message: 'From 8 to 128 characters, or empty for a generated one.' });
    }
    if (b.port !== undefined && !(Number.isInteger(b.port) && b.port >= 1 && b.port <= 65535)) {
      list.push({ path: 'port', message: 'A port from 1 to 65535, or empty.' });
    }
    return list;
  }

  function forgetOnce() {
    if (once) {
      once.forget();
      once = null;
    }
  }

  function showPassword(answer) {
    forgetOnce();
    once = valueBox(answer.password, 'db-created-password', 'Generated password of ' + answer.project, ctx.toast);
    const done = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'done' } }, 'Done');
    const card = h('div', { class: 'notice secret-once', dataset: { project: answer.project } },
      h('p', {}, h('strong', {}, answer.project), ' has a generated password. It is shown this once: copy it now'
        + ' (an allowed user can reveal it later on the database\'s page).'), once.element, done);
    done.addEventListener('click', () => {
      forgetOnce();
      card.remove();
    });
    replace(created, card);
  }

  function setBusy(busy) {
    grid.querySelectorAll('input, select').forEach((el) => { el.disabled = busy; });
    submit.disabled = busy;
    form.setAttribute('aria-busy', String(busy));
    clearInterval(timer);
    if (!busy) {
      replace(progress);
      return;
    }
    const started = Date.now();
    const tell = () => replace(progress, 'Creating… starting the container and waiting for a login ('
      + Math.round((Date.now() - started) / 1000) + ' s; it can take a couple of minutes).');
    tell();
    timer = setInterval(tell, 1000);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const b = body();
    const list = check(b);
    if (list.length) {
      problems.show(list);
      return;
    }
    problems.clear();
    setBusy(true);
    try {
      const answer = await post('/databases', b);
      password.value = '';
      FIELDS.filter((f) => inputs[f].tagName === 'INPUT').forEach((f) => { inputs[f].value = ''; });
      ctx.toast('Created the database ' + answer.project + '.', 'ok');
      if (answer.password) {
        showPassword(answer);
      } else {
        replace(created, h('p', { class: 'notice' }, 'Created ', h('a', { href: '#/databases/' + encodeURIComponent(
          answer.project) }, answer.project), ' with the password you gave.'));
      }
      form.hidden = true;
      await onCreated(answer);
    } catch (err) {
      problems.show(err);
    } finally {
      setBusy(false);
    }
  });

  return {
    element: form,
    created,
    forget() {
      clearInterval(timer);
      password.value = '';
      forgetOnce();
    },
    toggle() {
      form.hidden = !form.hidden;
      if (!form.hidden) {
        inputs.project.focus();
      }
    },
  };
}
