// The console's shell: sign-in, navigation (hash routes), the live /events feed shared by the views, health.
import { credential, get, onUnauthorized } from './api.js';
import { openStream } from './sse.js';
import { h, replace, badge, toast } from './dom.js';

/**
 * Routes: hash path pattern -> view module (in ./views/) and the nav item it lights. A view module exports
 * render(main, params, ctx) and may return a cleanup function (called when the user leaves the view).
 */
const ROUTES = [
  { pattern: /^\/$/, view: 'dashboard', nav: 'dashboard' },
  { pattern: /^\/new$/, view: 'editor', nav: 'new' },
  { pattern: /^\/wizard$/, view: 'wizard', nav: 'wizard' },
  { pattern: /^\/stacks\/([^/]+)$/, view: 'stack', nav: 'dashboard', keys: ['id'] },
  { pattern: /^\/stacks\/([^/]+)\/edit$/, view: 'editor', nav: 'dashboard', keys: ['id'] },
  { pattern: /^\/stacks\/([^/]+)\/versions$/, view: 'versions', nav: 'dashboard', keys: ['id'] },
  { pattern: /^\/commands$/, view: 'commands', nav: 'commands' },
  { pattern: /^\/commands\/(\d+)$/, view: 'command', nav: 'commands', keys: ['id'] },
  { pattern: /^\/events$/, view: 'events', nav: 'events' },
  { pattern: /^\/secrets$/, view: 'secrets', nav: 'secrets' },
  { pattern: /^\/databases$/, view: 'databases', nav: 'databases' },
  { pattern: /^\/databases\/([^/]+)$/, view: 'database', nav: 'databases', keys: ['id'] },
];

/** The one /events subscription; views listen through ctx.events.on(fn) -> off(). */
const events = {
  listeners: new Set(),
  stream: null,
  connected: false,
  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  },
  start() {
    if (this.stream) {
      return;
    }
    this.stream = openStream('/events', (name, data) => {
      this.listeners.forEach((fn) => {
        try {
          fn(name, data);
        } catch (e) {
          console.warn('an events listener failed', e);
        }
      });
    }, {
      reconnect: 3000,
      onOpen: () => { this.connected = true; renderHealth(); },
      onError: () => { this.connected = false; renderHealth(); },
      onEnd: () => { this.connected = false; renderHealth(); },
    });
  },
  stop() {
    if (this.stream) {
      this.stream.close();
      this.stream = null;
    }
    this.connected = false;
  },
};

let cleanup = null;
/** How many times a view was shown: a view whose render ends after the user left it is cleaned up at once. */
let shown = 0;
let lastHealth = null;
let signInMessage = '';

const main = () => document.getElementById('main');

/** The parsed route of the current hash: { view, nav, params, query }. */
function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  for (const r of ROUTES) {
    const m = path.match(r.pattern);
    if (m) {
      const params = {};
      (r.keys || []).forEach((k, i) => { params[k] = decodeURIComponent(m[i + 1]); });
      return { view: r.view, nav: r.nav, params, query: new URLSearchParams(qs || '') };
    }
  }
  return null;
}

export function navigate(hash) {
  if (location.hash === hash) {
    show();
  } else {
    location.hash = hash;
  }
}

/** A view's module; asked again once when its load was cut (the browser drops loads when the network changes). */
async function loadView(name) {
  try {
    return await import('./views/' + name + '.js');
  } catch (e) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    // another URL: a module whose load failed may stay failed in the browser's module map
    return import('./views/' + name + '.js?retry=' + Date.now());
  }
}

async function show() {
  if (cleanup) {
    try {
      cleanup();
    } catch (e) {
      console.warn('a view cleanup failed', e);
    }
    cleanup = null;
  }
  const route = currentRoute();
  document.querySelectorAll('#nav a').forEach((a) => {
    a.classList.toggle('active', route !== null && a.dataset.nav === route.nav);
    if (route !== null && a.dataset.nav === route.nav) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  const el = main();
  if (route === null) {
    replace(el, h('h1', {}, 'Not found'), h('p', {}, 'No page at ' + location.hash + '. '),
      h('a', { href: '#/' }, 'Back to the dashboard'));
    return;
  }
  replace(el, h('p', { class: 'loading' }, 'Loading…'));
  delete el.dataset.view;
  // each view renders into a root of its own: a view the user left before it finished renders into a detached root,
  // and its cleanup runs as soon as it is known
  const generation = ++shown;
  const root = h('div', { class: 'view' });
  try {
    const module = await loadView(route.view);
    if (generation !== shown) {
      return;
    }
    replace(el, root);
    const result = await module.render(root, route.params, { navigate, events, query: route.query, toast });
    const done = typeof result === 'function' ? result : null;
    if (generation !== shown) {
      if (done) {
        done();
      }
      return;
    }
    cleanup = done;
    // tests (and the screenshots script) wait for this: the view has rendered its first state
    el.dataset.view = route.view;
  } catch (e) {
    if (generation !== shown || (e && e.status === 401)) {
      return;
    }
    console.warn('the view failed', e);
    replace(el, h('h1', {}, 'Something went wrong'), h('p', { class: 'error-text' }, e && e.message ? e.message : String(e)));
  }
  el.focus({ preventScroll: true });
}

function renderHealth() {
  const box = document.getElementById('health');
  if (!box) {
    return;
  }
  const hl = lastHealth;
  replace(box,
    h('div', { class: 'health-row' }, 'Database ', hl ? badge(hl.database.status, hl.database.error || hl.database.version)
      : badge('UNKNOWN')),
    h('div', { class: 'health-row' }, 'Docker ', hl ? badge(hl.docker.status, hl.docker.error || hl.docker.version)
      : badge('UNKNOWN')),
    h('div', { class: 'health-row' }, 'Live ', badge(events.connected ? 'UP' : 'DOWN',
      events.connected ? 'receiving /events' : 'not connected to /events')));
}

async function pollHealth() {
  try {
    const r = await fetch('/api/v1/health', { headers: { Accept: 'application/json' } });
    lastHealth = await r.json();
  } catch (e) {
    lastHealth = null;
  }
  renderHealth();
}

/** The sign-in form, shown when the server asks for a credential (401). */
function showSignIn(message) {
  events.stop();
  shown++;
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  delete main().dataset.view;
  document.getElementById('sign-out').hidden = true;
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'current-password',
    required: true, 'aria-describedby': 'sign-in-help' });
  const error = h('p', { class: 'error-text', id: 'sign-in-error', role: 'alert' }, message || '');
  const form = h('form', { class: 'sign-in card', id: 'sign-in' },
    h('h1', {}, 'Sign in'),
    h('p', { id: 'sign-in-help' }, 'This Core Monitor server needs its API token. It is kept in this browser tab only.'),
    h('label', { for: 'token' }, 'API token'), input, error,
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    credential.set(input.value.trim());
    try {
      const session = await get('/session');
      if (session.authenticated) {
        signInMessage = '';
        start();
        return;
      }
      credential.clear();
      replace(error, 'That token is not accepted: ' + (session.reason || 'refused'));
    } catch (err) {
      credential.clear();
      replace(error, 'Cannot sign in: ' + err.message);
    }
    input.focus();
  });
  replace(main(), form);
  input.focus();
}

/** Asks the server what it needs (GET /session never answers 401), then signs in or shows the console. */
async function start() {
  let session = { authentication: 'none', authenticated: true };
  try {
    session = await get('/session');
  } catch (e) {
    console.warn('cannot read /api/v1/session', e);
  }
  if (!session.authenticated) {
    const given = credential.get();
    credential.clear();
    showSignIn(signInMessage || (given ? 'Please sign in again: ' + (session.reason || 'refused') : ''));
    return;
  }
  document.getElementById('sign-out').hidden = session.authentication === 'none';
  events.start();
  show();
}

function boot() {
  onUnauthorized((message) => {
    if (document.getElementById('sign-in')) {
      // the form is back already: later refusals (calls that were in flight, or sent without the cleared
      // credential) must not replace the first reason
      return;
    }
    credential.clear();
    signInMessage = 'Please sign in again: ' + message;
    showSignIn(signInMessage);
  });
  window.addEventListener('hashchange', () => {
    if (!document.getElementById('sign-in')) {
      show();
    }
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    credential.clear();
    showSignIn('Signed out.');
  });
  pollHealth();
  setInterval(pollHealth, 10000);
  start();
}

boot();
