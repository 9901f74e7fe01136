// Public pages: home, the directory, a company's public page, the open-data statistics.
import { api, items } from '../api.js';
import { barChart, shareChart } from '../charts.js';
import { announce, clear, field, h, notice, select } from '../dom.js';
import { fmt, label, lang, t } from '../i18n.js';
import { ctx, errorText } from '../context.js';

export const TERRITORIES = ['LAPURDI', 'BAXENABARRE', 'ZUBEROA', 'GIPUZKOA', 'BIZKAIA', 'ARABA', 'NAFARROA'];

/** A text written by a company, marked with its language when it differs from the page's. */
export function foreign(tag, text, textLang, attrs = {}) {
  return h(tag, { ...attrs, lang: textLang && textLang !== lang() ? textLang : null }, text);
}

/** The description in the page's language when there is one, else the first available. */
export function pickDescription(description) {
  if (!description) return null;
  if (typeof description === 'string') return { text: description, lang: null };
  if (description[lang()]) return { text: description[lang()], lang: lang() };
  const first = Object.entries(description).find(([, v]) => v);
  return first ? { text: first[1], lang: first[0] } : null;
}

export function eventDates(event) {
  const days = (event.days || []).map((d) => d.date).filter(Boolean).sort();
  if (days.length === 0) return '';
  const first = fmt.day(days[0]);
  return days.length === 1 ? first : t('event.dateRange', { from: first, to: fmt.day(days[days.length - 1]) });
}

function eventCard(event) {
  return h('li', { class: 'card' },
    h('h3', {}, h('a', { href: `#/events/${encodeURIComponent(event.id)}` }, event.name)),
    h('p', {}, eventDates(event)),
    event.venue ? h('p', {}, [event.venue.name, event.venue.city].filter(Boolean).join(', ')) : null,
    event.status && event.status !== 'OPEN' ? h('p', {}, h('span', { class: 'tag' }, label('eventStatus', event.status))) : null);
}

export async function upcomingEvents() {
  const today = new Date().toISOString().slice(0, 10);
  const list = items(await api('/events', { query: { size: 50 } }));
  return list.filter((e) => (e.days || []).some((d) => d.date >= today))
    .sort((a, b) => String((a.days[0] || {}).date).localeCompare(String((b.days[0] || {}).date)));
}

export async function home(view) {
  view.append(
    h('div', { class: 'hero' },
      h('h1', {}, t('home.title')),
      h('p', {}, t('home.lead')),
      h('ul', {}, h('li', {}, t('home.point1')), h('li', {}, t('home.point2')), h('li', {}, t('home.point3')), h('li', {}, t('home.point4'))),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/directory' }, t('home.cta.directory')),
        ctx.session ? (ctx.hasRole('company') ? h('a', { class: 'button secondary', href: '#/matches' }, t('home.cta.matches')) : null)
          : h('button', { type: 'button', class: 'secondary', onclick: () => ctx.signIn() }, t('home.cta.join')))),
    h('h2', { id: 'upcoming' }, t('home.upcoming')));
  const region = h('div', { 'aria-live': 'polite' }, h('p', { class: 'loading' }, t('common.loading')));
  view.append(region);
  try {
    const events = await upcomingEvents();
    clear(region);
    if (events.length === 0) region.append(h('p', {}, t('home.noEvents')));
    else region.append(h('ul', { class: 'cards', 'aria-labelledby': 'upcoming' }, events.slice(0, 6).map(eventCard)));
  } catch (error) {
    clear(region).append(notice(errorText(error), 'error'));
  }
}

function companyCard(c, conceptLabels) {
  const description = c.description ? { text: c.description, lang: c.descriptionLang } : pickDescription(c.description);
  const concepts = [...new Set([...(c.offers || []), ...(c.needs || [])].flatMap((i) => i.concepts || []).map((k) => k.label || conceptLabels.get(k.code || k) || k.code || k))];
  return h('li', { class: 'card' },
    h('h2', {}, h('a', { href: `#/companies/${encodeURIComponent(c.id)}` }, c.legalName)),
    h('p', {}, [c.city, label('territory', c.territory)].filter(Boolean).join(' · ')),
    description && description.text ? foreign('p', description.text.length > 220 ? `${description.text.slice(0, 219)}…` : description.text, description.lang) : null,
    (c.offers || []).length ? h('p', {}, h('strong', {}, `${t('company.offers')}: `), (c.offers || []).map((o, i) => [i ? ' · ' : '', foreign('span', o.title, o.lang)])) : null,
    (c.needs || []).length ? h('p', {}, h('strong', {}, `${t('company.needs')}: `), (c.needs || []).map((o, i) => [i ? ' · ' : '', foreign('span', o.title, o.lang)])) : null,
    concepts.length ? h('ul', { class: 'tags', 'aria-label': t('company.concepts') }, concepts.slice(0, 8).map((k) => h('li', { class: 'tag' }, k))) : null);
}

export async function directory(view, { query }) {
  const q = query.get('q') || '';
  const territory = query.get('territory') || '';
  const concept = query.get('concept') || '';
  const page = Math.max(0, Number(query.get('page') || 0));
  const conceptLabels = await ctx.conceptLabels();

  const qInput = h('input', { type: 'search', value: q, name: 'q', autocomplete: 'off' });
  const territorySelect = select([['', t('directory.anyTerritory')], ...TERRITORIES.map((v) => [v, label('territory', v)])], { name: 'territory' });
  territorySelect.value = territory;
  const conceptOptions = [...conceptLabels.entries()].sort((a, b) => a[1].localeCompare(b[1], lang()));
  const conceptSelect = select([['', t('directory.anyConcept')], ...conceptOptions.map(([code, text]) => [code, text])], { name: 'concept' });
  conceptSelect.value = concept;

  const form = h('form', { role: 'search', 'aria-label': t('directory.search'), class: 'inline', novalidate: true },
    field(t('directory.q'), qInput, { hint: t('directory.qHint') }),
    field(t('directory.territory'), territorySelect),
    field(t('directory.concept'), conceptSelect),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, t('directory.submit'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (qInput.value.trim()) params.set('q', qInput.value.trim());
    if (territorySelect.value) params.set('territory', territorySelect.value);
    if (conceptSelect.value) params.set('concept', conceptSelect.value);
    ctx.go(`#/directory${params.toString() ? `?${params}` : ''}`);
  });

  const results = h('div', { id: 'results' }, h('p', { class: 'loading' }, t('common.loading')));
  view.append(h('h1', {}, t('directory.title')), h('p', {}, t('directory.lead')), form,
    h('h2', { id: 'results-title' }, t('directory.results')), results);

  try {
    const answer = await api('/companies', { query: { q, territory, concept, page, size: 20 } });
    const list = items(answer);
    const total = answer.totalItems ?? list.length;
    const status = h('p', { role: 'status' }, t('directory.count', { count: fmt.number(total) }));
    clear(results).append(status);
    if (list.length) results.append(h('ul', { class: 'cards', 'aria-labelledby': 'results-title' }, list.map((c) => companyCard(c, conceptLabels))));
    const pages = answer.totalPages || 1;
    if (pages > 1) {
      const link = (p, text) => {
        const params = new URLSearchParams(query);
        params.set('page', p);
        return h('a', { href: `#/directory?${params}` }, text);
      };
      results.append(h('nav', { class: 'pager', 'aria-label': t('pager.label') },
        page > 0 ? link(page - 1, t('pager.previous')) : null,
        h('span', {}, t('pager.position', { page: page + 1, pages })),
        page + 1 < pages ? link(page + 1, t('pager.next')) : null));
    }
    if (q || territory || concept) announce(status.textContent);
  } catch (error) {
    clear(results).append(notice(errorText(error), 'error'));
  }
}

function itemList(title, list, conceptLabels) {
  if (!list || list.length === 0) return null;
  return [h('h2', {}, title), h('ul', { class: 'cards' }, list.map((item) => h('li', { class: 'card' },
    foreign('h3', item.title, item.lang),
    item.description ? foreign('p', item.description, item.lang) : null,
    (item.concepts || []).length ? h('ul', { class: 'tags', 'aria-label': t('company.concepts') },
      item.concepts.map((code) => h('li', { class: 'tag' }, conceptLabels.get(code) || code))) : null,
    (item.cooperation || []).length ? h('p', {}, h('strong', {}, `${t('company.cooperation')}: `), item.cooperation.map((c) => label('cooperation', c)).join(', ')) : null)))];
}

export async function company(view, { params }) {
  let c;
  try {
    c = await api(`/companies/${encodeURIComponent(params.id)}`);
  } catch (error) {
    view.append(h('h1', {}, t('company.title')), notice(errorText(error), 'error'), h('p', {}, h('a', { href: '#/directory' }, t('nav.directory'))));
    return;
  }
  const conceptLabels = await ctx.conceptLabels();
  const description = pickDescription(c.description);
  const facts = [
    [t('company.territory'), `${label('territory', c.territory)}${c.region ? ` (${label('region', c.region)})` : ''}`],
    [t('company.city'), c.city],
    [t('company.size'), label('sizeBand', c.sizeBand)],
    [t('company.nace'), c.naceCode],
    [t('company.languages'), (c.languages || []).map((l) => label('langName', l)).join(', ')],
  ].filter(([, v]) => v);
  view.append(h('h1', {}, c.legalName),
    description ? foreign('p', description.text, description.lang, { class: 'lead' }) : null,
    h('dl', { class: 'figures' }, facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', { class: 'small' }, v)))),
    /^https?:\/\//i.test(c.website || '') ? h('p', {}, h('a', { href: c.website, rel: 'noopener noreferrer' }, t('company.website'))) : null,
    c.womenLed ? h('p', {}, h('span', { class: 'tag' }, t('company.womenLed'))) : null,
    itemList(t('company.offers'), c.offers, conceptLabels),
    itemList(t('company.needs'), c.needs, conceptLabels));
  if (c.contact && c.contact.email) {
    view.append(h('h2', {}, t('company.contact')), h('p', {}, [c.contact.name, c.contact.email, c.contact.phone].filter(Boolean).join(' · ')));
  }
  if (ctx.hasRole('company')) {
    view.append(h('p', {}, h('a', { href: '#/matches' }, t('company.toMatches'))));
  }
}

const STAT_DIMENSIONS = ['territory', 'region', 'sizeBand', 'naceDivision', 'offering', 'sectorServed'];

function statLabel(dimension, key, conceptLabels) {
  if (dimension === 'territory' || dimension === 'region' || dimension === 'sizeBand') return label(dimension, key);
  if (dimension === 'naceDivision') return t('openData.nace', { code: key });
  return conceptLabels.get(key) || key;
}

export async function openData(view) {
  view.append(h('h1', {}, t('openData.title')), h('p', {}, t('openData.lead')));
  let stats;
  try {
    stats = await api('/open-data/stats');
  } catch (error) {
    view.append(notice(errorText(error), 'error'));
    return;
  }
  const conceptLabels = await ctx.conceptLabels();
  const count = (f) => (f && !f.suppressed ? f.count : null);
  const shown = (v) => (v === null || v === undefined ? t('chart.suppressed') : fmt.number(v));
  view.append(h('dl', { class: 'figures' },
    h('div', {}, h('dt', {}, t('openData.companies')), h('dd', {}, shown(count(stats.companies)))),
    h('div', {}, h('dt', {}, t('openData.meetings')), h('dd', {}, shown(count(stats.meetings)))),
    h('div', {}, h('dt', {}, t('openData.crossBorder')), h('dd', {}, shown(count(stats.crossBorderMeetings))))));
  const meetings = count(stats.meetings);
  const cross = count(stats.crossBorderMeetings);
  if (meetings && cross !== null) {
    view.append(shareChart(t('openData.crossBorderShare'), cross, meetings, t('openData.crossBorderShort'), t('openData.sameSide')));
  }
  const by = stats.companiesBy || {};
  for (const dimension of STAT_DIMENSIONS) {
    const figures = by[dimension];
    if (!Array.isArray(figures)) continue;
    const data = figures.map((f) => ({ label: statLabel(dimension, f.key, conceptLabels), value: f.suppressed ? null : f.count }))
      .sort((a, b) => (b.value || 0) - (a.value || 0));
    view.append(barChart(t(`openData.by.${dimension}`), data, { valueHeader: t('openData.companies'), heading: 'h2' }));
  }
  view.append(h('p', {}, t('openData.suppressed', { min: stats.minCount ?? '' })),
    stats.generatedAt ? h('p', { class: 'muted' }, t('openData.generated', { when: fmt.dateTime(stats.generatedAt) })) : null,
    h('p', {}, h('a', { href: '/api/v1/open-data/stats?format=csv', download: 'elkarlan-open-data.csv' }, t('openData.csv')),
      ' · ', h('a', { href: '/api/v1/open-data/stats?format=json' }, t('openData.json'))));
}
