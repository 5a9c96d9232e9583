// The console's libraries (webjars served by the jar) are loaded by the views that need them, not by the page: the
// dashboard needs none, so a first visit downloads only the console's own small modules. The page names each
// library's versioned folder in a <meta name="coremonitor-webjar" data-name=... content=...>.
const LIBS = {
  codemirror: {
    css: ['lib/codemirror.css', 'addon/lint/lint.css'],
    js: ['lib/codemirror.js', 'mode/yaml/yaml.js', 'addon/lint/lint.js', 'addon/display/placeholder.js'],
  },
  uplot: { css: ['dist/uPlot.min.css'], js: ['dist/uPlot.iife.min.js'] },
  diff: { css: [], js: ['dist/diff.min.js'] },
  'js-yaml': { css: [], js: ['dist/js-yaml.min.js'] },
};

const loading = new Map();

function base(name) {
  const meta = document.querySelector('meta[name="coremonitor-webjar"][data-name="' + name + '"]');
  if (!meta) {
    throw new Error('the page names no library ' + name);
  }
  return meta.content;
}

/** Adds an element that loads url, asked again once when the load was cut (a network change drops loads). */
function load(make, url) {
  const attempt = (src) => new Promise((resolve, reject) => {
    const el = make(src);
    el.addEventListener('load', () => resolve(el));
    el.addEventListener('error', () => {
      el.remove();
      reject(new Error('could not load ' + url));
    });
    if (el.tagName === 'LINK') {
      // before the console's own stylesheets, so that theirs win over the library's defaults
      document.head.insertBefore(el, document.head.querySelector('link[rel=stylesheet][href*="/assets/"]'));
    } else {
      document.head.appendChild(el);
    }
  });
  return attempt(url).catch(() => new Promise((resolve) => setTimeout(resolve, 250))
    .then(() => attempt(url + '?retry=' + Date.now())));
}

function script(src) {
  const el = document.createElement('script');
  el.src = src;
  el.async = false;
  return el;
}

function stylesheet(href) {
  const el = document.createElement('link');
  el.rel = 'stylesheet';
  el.href = href;
  return el;
}

function loadLib(name) {
  const lib = LIBS[name];
  if (!lib) {
    return Promise.reject(new Error('no library ' + name));
  }
  const root = base(name);
  const css = Promise.all(lib.css.map((f) => load(stylesheet, root + '/' + f)));
  // the scripts of one library in order (CodeMirror's mode and addon need CodeMirror)
  const js = lib.js.reduce((previous, f) => previous.then(() => load(script, root + '/' + f)), Promise.resolve());
  return Promise.all([css, js]);
}

/** Resolves once every named library is loaded (each is loaded once per page). */
export function need(...names) {
  return Promise.all(names.map((name) => {
    if (!loading.has(name)) {
      const p = loadLib(name);
      p.catch(() => loading.delete(name));
      loading.set(name, p);
    }
    return loading.get(name);
  }));
}
