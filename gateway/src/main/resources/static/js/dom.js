// Small DOM helpers: elements are built node by node (no innerHTML), so texts from the API are never parsed as markup.
const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'multiple', 'required', 'indeterminate']);

export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (!svg && PROPS.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let uid = 0;
export function id(prefix = 'f') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Reads aloud a short status through the polite live region. */
export function announce(text) {
  const live = document.getElementById('live');
  live.textContent = '';
  window.setTimeout(() => { live.textContent = text; }, 50);
}

/** A labelled form field; `control` gets the id, the hint and the error message are tied to it. */
export function field(labelText, control, { hint, name } = {}) {
  const controlId = control.id || id('in');
  control.id = controlId;
  if (name) control.name = name;
  const described = [];
  const wrap = h('div', { class: 'field' }, h('label', { for: controlId }, labelText));
  if (hint) {
    const hintId = `${controlId}-hint`;
    wrap.append(h('span', { class: 'hint', id: hintId }, hint));
    described.push(hintId);
  }
  wrap.append(control);
  const errorId = `${controlId}-error`;
  wrap.append(h('span', { class: 'error', id: errorId, hidden: true }));
  control.setAttribute('aria-describedby', described.join(' '));
  return wrap;
}

export function checkbox(labelText, attrs = {}) {
  const { labelLang, ...inputAttrs } = attrs;
  const inputId = inputAttrs.id || id('cb');
  return h('div', { class: 'check' }, h('input', { type: 'checkbox', ...inputAttrs, id: inputId }), h('label', { for: inputId, lang: labelLang }, labelText));
}

export function select(options, attrs = {}) {
  return h('select', attrs, options.map(([value, text, extra]) => h('option', { value, ...(extra || {}) }, text)));
}

/** A scrollable table wrapper that keyboard users can reach. */
export function tableWrap(table, label) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

export function notice(text, kind = '') {
  return h('div', { class: `notice ${kind}`.trim(), role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  window.setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}
