// A partner (chamber of commerce, cluster, agency): its signed webhook subscriptions and their delivery logs.
import { api, ApiError, items } from '../api.js';
import { announce, checkbox, clear, field, h, notice, select, tableWrap } from '../dom.js';
import { fmt, label, t } from '../i18n.js';
import { ctx, errorText, guard } from '../context.js';

/** The message types a partner may receive (notification-service, PartnerPayloads). */
const TYPES = [
  'eus.elkarlan.company.registered.v1', 'eus.elkarlan.company.updated.v1', 'eus.elkarlan.company.deleted.v1',
  'eus.elkarlan.match.suggested.v1', 'eus.elkarlan.event.published.v1', 'eus.elkarlan.event.participant-registered.v1',
  'eus.elkarlan.event.schedule-published.v1',
];
const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'];
const PAGE_SIZE = 20;

const typeLabel = (type) => label('webhookType', type);

export async function webhooks(view) {
  if (!guard(view, 'partner')) return;
  view.append(h('h1', {}, t('webhooks.title')), h('p', {}, t('webhooks.lead')));
  const listBox = h('section', { 'aria-labelledby': 'subscriptions-title' });
  const createBox = h('section', { 'aria-labelledby': 'new-subscription-title' });
  view.append(listBox, createBox);
  const refresh = async () => {
    clear(listBox).append(h('h2', { id: 'subscriptions-title' }, t('webhooks.mine')));
    await subscriptionList(listBox, refresh);
  };
  createBox.append(h('h2', { id: 'new-subscription-title' }, t('webhooks.new')), subscriptionForm(refresh));
  await refresh();
}

async function subscriptionList(box, refresh) {
  let list;
  try {
    list = items(await api('/webhooks', { query: { size: 100 }, lang: false }));
  } catch (error) {
    box.append(notice(errorText(error), 'error'));
    return;
  }
  if (list.length === 0) {
    box.append(h('p', {}, t('webhooks.none')));
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const remove = (s) => async () => {
    try {
      await api(`/webhooks/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
      announce(t('webhooks.deleted'));
      await refresh();
      box.prepend(notice(t('webhooks.deleted')));
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  box.append(status, tableWrap(h('table', { id: 'subscriptions' },
    h('caption', {}, t('webhooks.mine')),
    h('thead', {}, h('tr', {}, ['webhooks.url', 'webhooks.types', 'webhooks.status', 'webhooks.created', 'requests.actions']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, list.map((s) => h('tr', { 'data-subscription': s.id },
      h('th', { scope: 'row' }, h('span', { class: 'url' }, s.url), s.description ? h('span', { class: 'small muted' }, ` — ${s.description}`) : null),
      h('td', {}, h('ul', { class: 'plain' }, (s.types || []).map((type) => h('li', {}, typeLabel(type))))),
      h('td', {}, label('webhookStatus', s.status), s.consecutiveFailures ? ` (${t('webhooks.failures', { n: s.consecutiveFailures })})` : ''),
      h('td', {}, fmt.dateTime(s.createdAt)),
      h('td', {}, h('a', { href: `#/webhooks/${encodeURIComponent(s.id)}`, 'aria-label': t('webhooks.deliveriesOf', { url: s.url }) }, t('webhooks.deliveries')),
        ' ', deleteControl(s, remove(s))))))),
  t('webhooks.mine')));
}

/** Delete asks once more in place (a second button), so that a slip of the finger deletes nothing. */
function deleteControl(s, remove) {
  const box = h('span', {});
  const ask = () => {
    const confirm = h('button', { type: 'button', class: 'danger', onclick: remove, 'aria-label': t('webhooks.deleteConfirm', { url: s.url }) }, t('webhooks.deleteYes'));
    const keep = h('button', { type: 'button', class: 'secondary', onclick: () => { clear(box).append(first()); box.querySelector('button').focus(); } }, t('webhooks.keep'));
    clear(box).append(confirm, ' ', keep);
    confirm.focus();
  };
  const first = () => h('button', { type: 'button', class: 'danger', onclick: ask, 'aria-label': t('webhooks.deleteOf', { url: s.url }) }, t('webhooks.delete'));
  box.append(first());
  return box;
}

function subscriptionForm(refresh) {
  const url = h('input', { type: 'url', name: 'url', required: true, maxlength: '2048', placeholder: 'https://', inputmode: 'url' });
  const description = h('input', { type: 'text', name: 'description', maxlength: '200' });
  const boxes = TYPES.map((type) => checkbox(typeLabel(type), { name: 'types', value: type }));
  const typesSet = h('fieldset', { id: 'types-field' }, h('legend', {}, t('webhooks.types')), h('p', { class: 'hint', id: 'types-hint' }, t('webhooks.typesHint')),
    h('div', { class: 'grid2' }, boxes));
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, id: 'subscription-form' },
    field(t('webhooks.url'), url, { hint: t('webhooks.urlHint') }),
    field(t('webhooks.description'), description),
    typesSet,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'create-subscription' }, t('webhooks.create'))),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    url.removeAttribute('aria-invalid');
    typesSet.removeAttribute('aria-invalid');
    const types = [...form.querySelectorAll('input[name="types"]:checked')].map((i) => i.value);
    const missing = [];
    if (!/^https?:\/\/\S+$/i.test(url.value.trim())) missing.push([url, t('webhooks.url')]);
    if (types.length === 0) missing.push([boxes[0].querySelector('input'), t('webhooks.types')]);
    if (missing.length) {
      missing.forEach(([control]) => control.setAttribute('aria-invalid', 'true'));
      clear(status).append(notice(t('create.invalidFields', { fields: missing.map(([, name]) => name).join(', ') }), 'error'));
      missing[0][0].focus();
      return;
    }
    try {
      const created = await api('/webhooks', {
        method: 'POST',
        body: { url: url.value.trim(), types, description: description.value.trim() || undefined },
        headers: { 'Idempotency-Key': `ui-${Date.now()}-${Math.random().toString(36).slice(2)}` },
      });
      form.reset();
      await refresh();
      clear(status).append(h('div', { class: 'notice', role: 'status', id: 'new-secret' },
        h('p', {}, t('webhooks.created')),
        h('p', {}, t('webhooks.secretOnce')),
        h('p', {}, h('code', { class: 'secret' }, created.secret || ''))));
      announce(t('webhooks.created'));
    } catch (error) {
      const fields = error instanceof ApiError ? error.errors.map((x) => x.field).filter(Boolean) : [];
      if (fields.some((f) => f === 'url')) url.setAttribute('aria-invalid', 'true');
      const names = fields.map((f) => (f === 'url' ? t('webhooks.url') : f.startsWith('types') ? t('webhooks.types') : f));
      clear(status).append(notice(names.length ? t('create.invalidFields', { fields: [...new Set(names)].join(', ') }) : errorText(error), 'error'));
    }
  });
  return form;
}

/** One subscription: its facts, resume when paused, and its delivery log (filter by status, paged) with replay. */
export async function deliveries(view, { params, query }) {
  if (!guard(view, 'partner')) return;
  const path = `/webhooks/${encodeURIComponent(params.id)}`;
  let subscription;
  try {
    subscription = await api(path, { lang: false });
  } catch (error) {
    view.append(h('h1', {}, t('webhooks.deliveries')), notice(errorText(error), 'error'));
    return;
  }
  view.append(h('h1', {}, t('webhooks.deliveriesTitle')),
    h('p', {}, h('a', { href: '#/webhooks' }, t('webhooks.back'))),
    h('dl', { class: 'figures' },
      h('div', {}, h('dt', {}, t('webhooks.url')), h('dd', { class: 'small url' }, subscription.url)),
      h('div', {}, h('dt', {}, t('webhooks.status')), h('dd', { class: 'small' }, label('webhookStatus', subscription.status))),
      h('div', {}, h('dt', {}, t('webhooks.types')), h('dd', { class: 'small' }, (subscription.types || []).map(typeLabel).join(', ')))));
  const status = h('div', { 'aria-live': 'polite' });
  view.append(status);
  if (subscription.status === 'PAUSED') {
    const resume = async () => {
      try {
        await api(`${path}/resume`, { method: 'POST' });
        announce(t('webhooks.resumed'));
        ctx.go(window.location.hash);
      } catch (error) {
        clear(status).append(notice(errorText(error), 'error'));
      }
    };
    view.append(notice(t('webhooks.paused'), 'warn'), h('div', { class: 'actions' }, h('button', { type: 'button', id: 'resume', onclick: resume }, t('webhooks.resume'))));
  }

  const filter = query.get('status') || '';
  const page = Math.max(0, Number(query.get('page')) || 0);
  const chooser = select([['', t('webhooks.allStatuses')], ...DELIVERY_STATUSES.map((s) => [s, label('deliveryStatus', s)])], { id: 'delivery-status' });
  chooser.value = filter;
  const go = (p, s) => {
    const q = new URLSearchParams();
    if (s) q.set('status', s);
    if (p) q.set('page', String(p));
    ctx.go(`#/webhooks/${encodeURIComponent(params.id)}${q.toString() ? `?${q}` : ''}`);
  };
  chooser.addEventListener('change', () => go(0, chooser.value));
  view.append(h('h2', { id: 'deliveries-title' }, t('webhooks.log')),
    h('div', { class: 'field' }, h('label', { for: 'delivery-status' }, t('webhooks.filter')), chooser));

  let answer;
  try {
    answer = await api(`${path}/deliveries`, { query: { status: filter || null, page, size: PAGE_SIZE }, lang: false });
  } catch (error) {
    view.append(notice(errorText(error), 'error'));
    return;
  }
  const list = items(answer);
  if (list.length === 0) {
    view.append(h('p', {}, t('webhooks.noDeliveries')));
    return;
  }
  const replay = (d) => async () => {
    try {
      await api(`${path}/deliveries/${encodeURIComponent(d.id)}/replay`, { method: 'POST' });
      clear(status).append(notice(t('webhooks.replayed', { type: typeLabel(d.type) })));
      announce(t('webhooks.replayed', { type: typeLabel(d.type) }));
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  view.append(tableWrap(h('table', { id: 'deliveries' },
    h('caption', {}, t('webhooks.log')),
    h('thead', {}, h('tr', {}, ['webhooks.type', 'webhooks.status', 'webhooks.attempts', 'webhooks.created', 'webhooks.lastOutcome', 'requests.actions']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, list.map((d) => {
      const last = (d.log || [])[(d.log || []).length - 1];
      return h('tr', { 'data-delivery': d.id },
        h('th', { scope: 'row' }, typeLabel(d.type)),
        h('td', {}, label('deliveryStatus', d.status)),
        h('td', { class: 'num' }, fmt.number(d.attempts || 0)),
        h('td', {}, fmt.dateTime(d.createdAt)),
        h('td', {}, last ? [last.httpStatus ? `HTTP ${last.httpStatus}` : label('deliveryOutcome', last.outcome), ' · ', fmt.dateTime(last.at)] : '—'),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: replay(d), 'aria-label': t('webhooks.replayOf', { type: typeLabel(d.type), when: fmt.dateTime(d.createdAt) }) }, t('webhooks.replay'))));
    }))), t('webhooks.log')));
  const pages = answer.totalPages || 1;
  if (pages > 1) {
    view.append(h('nav', { class: 'pager', 'aria-label': t('pager.label') },
      page > 0 ? h('button', { type: 'button', class: 'link', onclick: () => go(page - 1, filter) }, t('pager.previous')) : null,
      h('span', {}, t('pager.position', { page: page + 1, pages })),
      page + 1 < pages ? h('button', { type: 'button', class: 'link', onclick: () => go(page + 1, filter) }, t('pager.next')) : null));
  }
}
