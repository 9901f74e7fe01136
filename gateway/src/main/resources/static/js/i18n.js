// Messages per language (i18n/<lang>.json), the language choice and the locale's formats.
export const LANGS = ['eu', 'fr', 'es', 'en'];
export const AUTONYMS = { eu: 'Euskara', fr: 'Français', es: 'Español', en: 'English' };
const STORE_KEY = 'elkarlan.lang';
let current = 'en';
let messages = {};

export function lang() {
  return current;
}

/** The language to start with: ?lang= in the address, else the remembered one, else the browser's preference, else en. */
export function initialLang() {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (LANGS.includes(fromQuery)) return fromQuery;
  try {
    const stored = window.localStorage.getItem(STORE_KEY);
    if (LANGS.includes(stored)) return stored;
  } catch (e) { /* storage may be off */ }
  for (const tag of navigator.languages || [navigator.language]) {
    const primary = String(tag || '').toLowerCase().split('-')[0];
    if (LANGS.includes(primary)) return primary;
  }
  return 'en';
}

export async function load(code) {
  const chosen = LANGS.includes(code) ? code : 'en';
  const response = await fetch(`/i18n/${chosen}.json`, { headers: { Accept: 'application/json' } });
  messages = await response.json();
  current = chosen;
  document.documentElement.lang = chosen;
  try { window.localStorage.setItem(STORE_KEY, chosen); } catch (e) { /* storage may be off */ }
}

/** The text of a key with {name} parameters filled in; the key itself when missing (a test catches that). */
export function t(key, params) {
  let text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  if (params) {
    for (const [name, value] of Object.entries(params)) text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

/** An enum value's label (territory, size band, status…), falling back to the raw value. */
export function label(group, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = `${group}.${value}`;
  return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : String(value);
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

// Some browsers (Debian's chromium among them) ship no Basque calendar data and would write English month
// and day names: Basque dates are then composed here from the parts of the date in the wanted time zone.
const EU_MONTHS = ['urtarrilaren', 'otsailaren', 'martxoaren', 'apirilaren', 'maiatzaren', 'ekainaren', 'uztailaren', 'abuztuaren', 'irailaren', 'urriaren', 'azaroaren', 'abenduaren'];
const EU_MONTHS_SHORT = ['urt.', 'ots.', 'mar.', 'api.', 'mai.', 'eka.', 'uzt.', 'abu.', 'ira.', 'urr.', 'aza.', 'abe.'];
const EU_WEEKDAYS = { Sun: 'igandea', Mon: 'astelehena', Tue: 'asteartea', Wed: 'asteazkena', Thu: 'osteguna', Fri: 'ostirala', Sat: 'larunbata' };
const nativeSupport = new Map();

const JUNE = { eu: 'ekaina', fr: 'juin', es: 'junio', en: 'June' };

/** Whether the browser writes this language's month names (without data it falls back to English or to "M06"). */
function hasNativeNames(code) {
  if (!nativeSupport.has(code)) {
    const june = new Date(Date.UTC(2020, 5, 15, 12));
    const local = new Intl.DateTimeFormat(code, { month: 'long', timeZone: 'UTC' }).format(june);
    nativeSupport.set(code, local.toLowerCase() === JUNE[code]);
  }
  return nativeSupport.get(code);
}

function toDate(value) {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parts(date, timeZone) {
  const options = { year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let list;
  try {
    list = new Intl.DateTimeFormat('en-US', { ...options, timeZone }).formatToParts(date);
  } catch (e) {
    list = new Intl.DateTimeFormat('en-US', options).formatToParts(date);
  }
  const p = Object.fromEntries(list.map((x) => [x.type, x.value]));
  return { y: p.year, m: Number(p.month) - 1, d: Number(p.day), wd: EU_WEEKDAYS[p.weekday], time: `${p.hour === '24' ? '00' : p.hour}:${p.minute}` };
}

const BASQUE = {
  date: (p) => `${p.y}(e)ko ${EU_MONTHS[p.m]} ${p.d}(a)`,
  dateTime: (p) => `${p.y}(e)ko ${EU_MONTHS_SHORT[p.m]} ${p.d}(a), ${p.time}`,
  time: (p) => p.time,
  weekday: (p) => `${p.wd}, ${EU_MONTHS[p.m]} ${p.d}(a)`,
  day: (p) => `${p.y}(e)ko ${EU_MONTHS[p.m]} ${p.d}(a), ${p.wd}`,
};

function format(kind, value, options) {
  const date = toDate(value);
  if (!date) return value ? String(value) : '';
  if (!hasNativeNames(current) && BASQUE[kind] && current === 'eu') return BASQUE[kind](parts(date, options.timeZone));
  try {
    return new Intl.DateTimeFormat(current, options).format(date);
  } catch (e) {
    const { timeZone, ...rest } = options;
    return new Intl.DateTimeFormat(current, rest).format(date);
  }
}

function numberLocale() {
  // Basque writes numbers as Spanish does (1.234,5); used where the browser lacks Basque data
  return current === 'eu' && !hasNativeNames('eu') ? 'es' : current;
}

export const fmt = {
  date: (v, timeZone) => format('date', v, { dateStyle: 'long', timeZone }),
  dateTime: (v, timeZone) => format('dateTime', v, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  time: (v, timeZone) => format('time', v, { timeStyle: 'short', timeZone }),
  weekday: (v, timeZone) => format('weekday', v, { weekday: 'long', day: 'numeric', month: 'long', timeZone }),
  /** A calendar day given as yyyy-mm-dd, shown without a time-zone shift. */
  day: (isoDate) => format('day', new Date(`${isoDate}T12:00:00Z`), { dateStyle: 'full', timeZone: 'UTC' }),
  number: (n, options) => new Intl.NumberFormat(numberLocale(), options).format(n),
  percent: (share) => (current === 'eu' && !hasNativeNames('eu')
    ? `% ${new Intl.NumberFormat('es', { maximumFractionDigits: 0 }).format(Math.round(share * 100))}`
    : new Intl.NumberFormat(current, { style: 'percent', maximumFractionDigits: 0 }).format(share)),
};
