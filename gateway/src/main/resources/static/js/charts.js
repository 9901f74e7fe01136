// Charts as inline SVG, each with its figures in a table for screen readers and keyboard users.
import { h, id, tableWrap } from './dom.js';
import { fmt, t } from './i18n.js';

const ROW = 30;
const LABEL_W = 190;
const WIDTH = 640;

function dataTable(caption, rows, valueHeader) {
  return tableWrap(h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('chart.item')), h('th', { scope: 'col', class: 'num' }, valueHeader || t('chart.value')))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', { class: 'num' }, r.text))))), caption);
}

/**
 * Horizontal bars. data: [{ label, value (number or null when suppressed) }].
 * format: how a value is written (a number by default).
 */
export function barChart(title, data, { format = (v) => fmt.number(v), valueHeader, heading } = {}) {
  const titleId = id('chart');
  const shown = data.map((d) => ({ ...d, text: d.value === null || d.value === undefined ? t('chart.suppressed') : format(d.value) }));
  const max = Math.max(1, ...shown.map((d) => d.value || 0));
  const height = Math.max(ROW, shown.length * ROW) + 8;
  const barMax = WIDTH - LABEL_W - 70;
  const svg = h('svg:svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': titleId, focusable: 'false' },
    h('svg:line', { class: 'axis', x1: LABEL_W, y1: 0, x2: LABEL_W, y2: height }),
    shown.map((d, i) => {
      const y = i * ROW + 4;
      const w = d.value ? Math.max(2, Math.round((d.value / max) * barMax)) : 0;
      const shortLabel = d.label.length > 26 ? `${d.label.slice(0, 25)}…` : d.label;
      return h('svg:g', {},
        h('svg:text', { x: LABEL_W - 8, y: y + 18, 'text-anchor': 'end' }, shortLabel),
        h('svg:rect', { class: `bar${i % 2 ? ' alt' : ''}`, x: LABEL_W, y: y + 3, width: w, height: ROW - 10, rx: 3 }),
        h('svg:text', { class: 'value', x: LABEL_W + w + 6, y: y + 18 }, d.text));
    }));
  // the caption may be a heading of the page's outline (a figcaption may hold one)
  const caption = heading ? h('figcaption', {}, h(heading, { id: titleId }, title)) : h('figcaption', { id: titleId }, title);
  if (shown.length === 0) {
    return h('figure', { class: 'chart' }, caption, h('p', { class: 'muted' }, t('chart.empty')));
  }
  return h('figure', { class: 'chart' },
    caption,
    svg,
    h('details', {}, h('summary', {}, t('chart.table')), dataTable(title, shown, valueHeader)));
}

/** One share of a whole as a stacked bar (e.g. cross-border meetings among all). */
export function shareChart(title, part, whole, partLabel, restLabel) {
  const titleId = id('chart');
  const share = whole > 0 ? part / whole : 0;
  const w = WIDTH - 20;
  const partW = Math.round(share * w);
  const svg = h('svg:svg', { viewBox: `0 0 ${WIDTH} 70`, role: 'img', 'aria-labelledby': titleId, focusable: 'false' },
    h('svg:rect', { class: 'bar rest', x: 10, y: 6, width: w, height: 28, rx: 3 }),
    h('svg:rect', { class: 'bar', x: 10, y: 6, width: partW, height: 28, rx: 3 }),
    h('svg:text', { class: 'value', x: 10, y: 56 }, t('chart.share', { label: partLabel, share: fmt.percent(share), count: fmt.number(part) })),
    h('svg:text', { x: WIDTH - 10, y: 56, 'text-anchor': 'end' }, t('chart.rest', { label: restLabel, count: fmt.number(Math.max(0, whole - part)) })));
  return h('figure', { class: 'chart' }, h('figcaption', { id: titleId }, `${title} — ${fmt.percent(share)}`), svg);
}
