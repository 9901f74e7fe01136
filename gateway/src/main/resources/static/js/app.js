// Elkarlan's single-page app: hash routes, the header (navigation, language, account) and the page modules.
import { announce, clear, h } from './dom.js';
import { initialLang, lang, load, t } from './i18n.js';
import { ctx } from './context.js';

// path pattern, module, exported page function, navigation key
const ROUTES = [
  ['/', 'public', 'home', 'home'],
  ['/directory', 'public', 'directory', 'directory'],
  ['/companies/:id', 'public', 'company', 'directory'],
  ['/open-data', 'public', 'openData', 'openData'],
  ['/events', 'events', 'list', 'events'],
  ['/events/:id', 'events', 'detail', 'events'],
  ['/me', 'company', 'myCompany', 'me'],
  ['/matches', 'company', 'matches', 'matches'],
  ['/notifications', 'company', 'notifications', 'notifications'],
  ['/organize', 'organizer', 'list', 'organize'],
  ['/organize/new', 'organizer', 'create', 'organize'],
  ['/organize/:id', 'organizer', 'manage', 'organize'],
  ['/organize/:id/edit', 'organizer', 'edit', 'organize'],
  ['/webhooks', 'partner', 'webhooks', 'webhooks'],
  ['/webhooks/:id', 'partner', 'deliveries', 'webhooks'],
];

const MODULES = {
  public: () => import('./pages/public.js'),
  events: () => import('./pages/events.js'),
  company: () => import('./pages/company.js'),
  organizer: () => import('./pages/organizer.js'),
  partner: () => import('./pages/partner.js'),
};

let firstRender = true;

function parseHash() {
  const raw = window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/';
  const [path, search] = raw.split('?');
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(search || '') };
}

function match(path) {
  for (const [pattern, module, page, nav] of ROUTES) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; })}$`);
    const found = regex.exec(path);
    if (found) {
      const params = {};
      names.forEach((name, i) => { params[name] = decodeURIComponent(found[i + 1]); });
      return { module, page, nav, params };
    }
  }
  return null;
}

function navItems() {
  const items = [['home', '#/'], ['directory', '#/directory'], ['events', '#/events'], ['openData', '#/open-data']];
  if (ctx.hasRole('company')) items.push(['me', '#/me'], ['matches', '#/matches'], ['notifications', '#/notifications']);
  if (ctx.hasRole('organizer')) items.push(['organize', '#/organize']);
  if (ctx.hasRole('partner')) items.push(['webhooks', '#/webhooks']);
  return items;
}

function renderChrome(activeNav) {
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nLabel)); });
  document.getElementById('brand').setAttribute('aria-label', t('nav.homeOf'));
  document.getElementById('lang-select').value = lang();

  const list = clear(document.getElementById('nav-list'));
  for (const [key, href] of navItems()) {
    list.append(h('li', {}, h('a', { href, 'aria-current': key === activeNav ? 'page' : null }, t(`nav.${key}`))));
  }

  const account = clear(document.getElementById('account'));
  if (ctx.session) {
    account.append(h('span', { class: 'who' }, t('auth.signedInAs', { name: ctx.session.name })),
      h('button', { type: 'button', id: 'sign-out', onclick: () => ctx.signOut() }, t('auth.signOut')));
  } else {
    account.append(h('button', { type: 'button', id: 'sign-in', onclick: () => ctx.signIn() }, t('auth.signIn')));
  }

  const footer = clear(document.getElementById('footer'));
  footer.append(h('p', {}, t('footer.about')),
    h('p', {}, h('a', { href: '#/open-data' }, t('nav.openData')), ' · ', h('a', { href: '/v3/api-docs' }, t('footer.api'))));
}

async function render() {
  delete document.documentElement.dataset.rendered;
  const { path, query } = parseHash();
  const route = match(path);
  renderChrome(route ? route.nav : null);
  const main = clear(document.getElementById('main'));
  const view = h('div', { class: 'view', 'aria-busy': 'true' });
  main.append(view);
  try {
    if (!route) {
      view.append(h('h1', { tabindex: '-1' }, t('notFound.title')), h('p', {}, h('a', { href: '#/' }, t('notFound.back'))));
    } else {
      const module = await MODULES[route.module]();
      await module[route.page](view, { params: route.params, query });
    }
  } catch (error) {
    view.append(h('div', { class: 'notice error', role: 'alert' }, t('error.page')));
    console.error(error);
  }
  view.removeAttribute('aria-busy');
  const heading = view.querySelector('h1');
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  document.title = heading ? `${heading.textContent} · Elkarlan` : 'Elkarlan';
  if (!firstRender && heading) {
    heading.focus();
    announce(heading.textContent);
  }
  firstRender = false;
  document.documentElement.dataset.rendered = window.location.hash || '#/';
}

async function changeLanguage(code) {
  await load(code);
  ctx.conceptCache.clear();
  firstRender = true; // keep the focus on the language menu
  await render();
  announce(t('language.changed'));
}

async function start() {
  await load(initialLang());
  document.getElementById('lang-select').addEventListener('change', (e) => changeLanguage(e.target.value));
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    const main = document.getElementById('main');
    const heading = main.querySelector('h1');
    (heading || main).focus();
  });
  await ctx.loadSession();
  const back = ctx.session ? ctx.takeReturn() : null;
  if (back && back !== window.location.hash) {
    window.history.replaceState(null, '', back);
  }
  window.addEventListener('hashchange', render);
  await render();
  document.documentElement.dataset.ready = 'true';
}

start();
