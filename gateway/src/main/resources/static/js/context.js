// What every page may ask: who is signed in, my company, the concept labels, and how to move elsewhere.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { lang, t } from './i18n.js';

const LOGIN_PATH = '/oauth2/authorization/keycloak';
const RETURN_KEY = 'elkarlan.return';

export const ctx = {
  session: null,
  company: undefined,
  conceptCache: new Map(),

  hasRole(role) {
    return Boolean(this.session && this.session.roles.includes(role));
  },

  async loadSession() {
    try {
      const s = await api('/session', { lang: false });
      const roles = (s.roles || s.authorities || []).map((r) => String(r.authority || r).replace(/^ROLE_/, ''));
      this.session = {
        name: s.name || s.preferredUsername || s.username || s.email || s.subject || s.sub || '',
        subject: s.subject || s.sub || null,
        roles,
      };
    } catch (e) {
      this.session = null;
    }
    this.company = undefined;
    return this.session;
  },

  /** My company (GET /companies/me), null when I have none yet; cached until changed. */
  async myCompany(force = false) {
    if (this.company !== undefined && !force) return this.company;
    try {
      const response = await api('/companies/me', { raw: true });
      const company = await response.json();
      company.etag = response.headers.get('ETag') || (company.version !== undefined ? `"${company.version}"` : null);
      this.company = company;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.company = null;
      else throw e;
    }
    return this.company;
  },

  /** code → label of every concept of the taxonomy, in the page's language. */
  async conceptLabels() {
    const key = lang();
    if (!this.conceptCache.has(key)) {
      const promise = api('/concepts', { query: { lang: key } })
        .then((list) => new Map((list.items || list || []).map((c) => [c.code, c.label || (c.labels && c.labels[key]) || c.code])))
        .catch(() => new Map());
      this.conceptCache.set(key, promise);
    }
    return this.conceptCache.get(key);
  },

  signIn() {
    try { window.sessionStorage.setItem(RETURN_KEY, window.location.hash || '#/'); } catch (e) { /* ignore */ }
    window.location.assign(LOGIN_PATH);
  },

  /** The hash to go back to after a sign-in, once. */
  takeReturn() {
    try {
      const hash = window.sessionStorage.getItem(RETURN_KEY);
      window.sessionStorage.removeItem(RETURN_KEY);
      return hash;
    } catch (e) {
      return null;
    }
  },

  /**
   * POST /logout as a real form (the CSRF token in the _csrf field): the gateway ends its session, then sends
   * the browser to Keycloak to end the single sign-on session, which comes back to the home page.
   */
  signOut() {
    const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    const form = h('form', { method: 'post', action: '/logout', hidden: true },
      h('input', { type: 'hidden', name: '_csrf', value: cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '' }));
    document.body.append(form);
    form.submit();
  },

  go(hash) {
    if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else window.location.hash = hash;
  },
};

/**
 * Renders a sign-in prompt or a "not for your role" notice into view and answers false when the page
 * may not be shown.
 */
export function guard(view, role) {
  if (!ctx.session) {
    view.append(h('h1', { tabindex: '-1' }, t('auth.required.title')),
      h('p', {}, t('auth.required.text')),
      h('p', {}, h('button', { type: 'button', onclick: () => ctx.signIn() }, t('auth.signIn'))));
    return false;
  }
  if (role && !ctx.hasRole(role)) {
    view.append(h('h1', { tabindex: '-1' }, t('auth.forbidden.title')), h('p', {}, t(`auth.forbidden.${role}`)));
    return false;
  }
  return true;
}

/** A localized sentence for a failed call (never the service's own wording, which may be in another language). */
export function errorText(error) {
  if (!(error instanceof ApiError)) return t('error.network');
  const known = { 400: 'error.400', 401: 'error.401', 403: 'error.403', 404: 'error.404', 409: 'error.409', 412: 'error.412', 413: 'error.413', 428: 'error.412', 429: 'error.429' };
  return t(known[error.status] || 'error.server');
}
