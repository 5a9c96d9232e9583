// The editor's validation: POST /validate (stores nothing) turned into CodeMirror lint annotations at each problem's
// line and column, and the list of problems shown under the editor.
import { h, replace } from '../dom.js';

/** An entry of the validation answer ({path, message, line, column}) as one line of text. */
export function describe(entry) {
  return (entry.path ? entry.path + ': ' : '') + entry.message;
}

/** Where an entry is, as text: "line 4, column 24" (or "whole definition" when the server gives no position). */
export function where(entry) {
  if (!entry.line) {
    return 'whole definition';
  }
  return 'line ' + entry.line + (entry.column ? ', column ' + entry.column : '');
}

/**
 * The CodeMirror annotations of a validation answer: errors and warnings at their line (1-based from the server,
 * 0-based in CodeMirror), marked from their column to the end of that line. Positions past the text are clamped.
 */
export function annotationsOf(cm, result) {
  const out = [];
  const add = (entries, severity) => (entries || []).forEach((e) => {
    const line = Math.min(Math.max((e.line || 1) - 1, 0), cm.lastLine());
    const text = cm.getLine(line) || '';
    const ch = Math.min(Math.max((e.column || 1) - 1, 0), text.length);
    const ann = { from: CodeMirror.Pos(line, ch), message: describe(e), severity };
    if (text.length > ch) {
      ann.to = CodeMirror.Pos(line, text.length);
    }
    out.push(ann);
  });
  add(result.errors, 'error');
  add(result.warnings, 'warning');
  return out;
}

/**
 * Fills the problems list (an <ol>) with the errors then the warnings; each item's button puts the cursor at the
 * problem in the editor. Returns the number of items.
 */
export function renderProblems(list, result, cm) {
  const item = (e, severity) => {
    const jump = h('button', { type: 'button', class: 'linkish problem-where', title: 'Go to this place in the editor',
      onclick: () => {
        cm.focus();
        cm.setCursor({ line: Math.max((e.line || 1) - 1, 0), ch: Math.max((e.column || 1) - 1, 0) });
      } }, where(e));
    return h('li', { class: 'problem problem-' + severity, dataset: { severity, line: String(e.line || ''),
      path: e.path || '' } },
    h('span', { class: 'problem-kind' }, severity === 'error' ? 'Error' : 'Warning'), ' ', jump, ' ',
    h('span', { class: 'problem-message' }, describe(e)));
  };
  const items = [...(result.errors || []).map((e) => item(e, 'error')),
    ...(result.warnings || []).map((e) => item(e, 'warning'))];
  replace(list, items);
  list.hidden = items.length === 0;
  return items.length;
}

/** "2 errors, 1 warning". */
export function countText(result) {
  const n = (k, word) => k + ' ' + word + (k === 1 ? '' : 's');
  const e = (result.errors || []).length;
  const w = (result.warnings || []).length;
  if (e === 0 && w === 0) {
    return 'Valid.';
  }
  return (e === 0 ? 'Valid, with ' : '') + [e ? n(e, 'error') : null, w ? n(w, 'warning') : null].filter(Boolean)
    .join(', ') + '.';
}
