// The API through the gateway: the browser session's cookie, the CSRF token echoed on writes, the UI language.
import { lang } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = (problem && Array.isArray(problem.errors)) ? problem.errors : [];
  }
}

function csrfToken() {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.slice('XSRF-TOKEN='.length)) : null;
}

/**
 * Calls /api/v1{path}. Options: method, body (sent as JSON), query (object), accept, headers, raw (return the Response).
 * GETs carry ?lang= (unless query sets it) so that texts from the services come in the page's language.
 */
export async function api(path, options = {}) {
  const method = options.method || 'GET';
  const url = new URL(`/api/v1${path}`, window.location.origin);
  const query = { ...(options.query || {}) };
  if (method === 'GET' && !('lang' in query) && options.lang !== false) query.lang = lang();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  const headers = { Accept: options.accept || 'application/json', 'Accept-Language': lang(), ...(options.headers || {}) };
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const init = { method, headers, body, credentials: 'same-origin', redirect: 'manual' };
  const read = async (response) => {
    if (response.type === 'opaqueredirect') throw new ApiError(401, { title: 'redirect' });
    if (!response.ok) {
      let problem = null;
      try { problem = await response.json(); } catch (e) { /* not JSON */ }
      throw new ApiError(response.status, problem);
    }
    if (options.raw) return response;
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  };
  // An answer that never completes must not leave a page blank: a read is abandoned after a while and
  // asked once more (reads change nothing); a write is abandoned later and not repeated.
  if (method === 'GET' || method === 'HEAD') {
    try {
      return await within(READ_TIMEOUT_MS, url, init, read);
    } catch (error) {
      if (!(error instanceof Timeout)) throw error;
      return within(READ_TIMEOUT_MS, url, init, read).catch(timedOut);
    }
  }
  return within(WRITE_TIMEOUT_MS, url, init, read).catch(timedOut);
}

const READ_TIMEOUT_MS = 15000;
const WRITE_TIMEOUT_MS = 60000;

class Timeout extends Error {}

/** fetch, then read the answer, both within {@code ms}; a Timeout when the time is up. */
async function within(ms, url, init, read) {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => { expired = true; controller.abort(); }, ms);
  try {
    return await read(await fetch(url, { ...init, signal: controller.signal }));
  } catch (error) {
    throw expired ? new Timeout() : error;
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(error) {
  throw error instanceof Timeout ? new ApiError(504, { title: 'Gateway Timeout', detail: null }) : error;
}

/** The list of a paged answer, or the answer itself when it is a plain array. */
export function items(page) {
  if (Array.isArray(page)) return page;
  return (page && Array.isArray(page.items)) ? page.items : [];
}
