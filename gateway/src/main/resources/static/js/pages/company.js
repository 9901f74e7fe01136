// A signed-in company: its profile (with concept suggestions as it types), its matches, its notifications, its data.
import { api, ApiError, items } from '../api.js';
import { announce, checkbox, clear, downloadBlob, field, h, id, notice, select } from '../dom.js';
import { AUTONYMS, fmt, label, lang, LANGS, t } from '../i18n.js';
import { ctx, errorText, guard } from '../context.js';
import { foreign, TERRITORIES, upcomingEvents } from './public.js';
import { meetingRequestForm } from './events.js';

const SCHEMES = ['ES_NIF', 'FR_SIREN', 'FR_SIRET'];
const SIZES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'];
const COOPERATION = ['SUPPLIER', 'CUSTOMER', 'PARTNER', 'DISTRIBUTOR', 'SUBCONTRACTOR', 'JOINT_VENTURE', 'RESEARCH', 'INVESTOR'];
const SUGGEST_DELAY_MS = 350;

const langOptions = () => LANGS.map((l) => [l, AUTONYMS[l], { lang: l }]);

function input(name, value, attrs = {}) {
  return h('input', { type: 'text', name, value: value ?? '', ...attrs });
}

/** One offer or need: title, language, description, concepts suggested while typing, kinds of cooperation. */
function itemEditor(kind, item, conceptLabels, onRemove) {
  const block = h('fieldset', { class: 'item-block', 'data-kind': kind });
  const legend = h('legend', {});
  const title = input('title', item.title, { 'data-part': 'title', maxlength: '200' });
  const itemLang = select(langOptions(), { 'data-part': 'lang' });
  itemLang.value = item.lang || lang();
  const description = h('textarea', { 'data-part': 'description', rows: '3', maxlength: '4000' }, item.description || '');
  const suggestionsId = id('sugg');
  const suggestionStatus = h('p', { class: 'hint', 'aria-live': 'polite', id: `${suggestionsId}-status` });
  const conceptBox = h('div', { class: 'concept-list' });
  const chosen = new Map((item.concepts || []).map((code) => [code, conceptLabels.get(code) || code]));
  const checked = new Set(chosen.keys());

  const renderConcepts = () => {
    clear(conceptBox);
    for (const [code, text] of chosen) {
      conceptBox.append(checkbox(text, { 'data-part': 'concept', value: code, checked: checked.has(code), onchange: (e) => {
        if (e.target.checked) checked.add(code); else checked.delete(code);
      } }));
    }
    if (chosen.size === 0) conceptBox.append(h('p', { class: 'muted' }, t('profile.noConcepts')));
  };

  let timer = null;
  let asked = '';
  const suggest = async () => {
    const text = `${title.value} ${description.value}`.trim();
    if (text.length < 3 || text === asked) return;
    asked = text;
    try {
      const answer = await api('/concepts/suggest', { query: { text, lang: itemLang.value } });
      let added = 0;
      for (const s of answer.items || []) {
        if (!chosen.has(s.code)) {
          chosen.set(s.code, s.label || conceptLabels.get(s.code) || s.code);
          checked.add(s.code);
          added += 1;
        }
      }
      renderConcepts();
      suggestionStatus.textContent = (answer.items || []).length
        ? t('profile.suggested', { count: (answer.items || []).length }) : t('profile.noSuggestion');
      if (added) announce(suggestionStatus.textContent);
    } catch (error) {
      suggestionStatus.textContent = errorText(error);
    }
  };
  const schedule = () => { window.clearTimeout(timer); timer = window.setTimeout(suggest, SUGGEST_DELAY_MS); };
  title.addEventListener('input', schedule);
  description.addEventListener('input', schedule);
  itemLang.addEventListener('change', () => { asked = ''; schedule(); });

  const cooperation = h('fieldset', {}, h('legend', {}, t('profile.cooperation')),
    h('div', { class: 'grid2' }, COOPERATION.map((c) => checkbox(label('cooperation', c), { 'data-part': 'cooperation', value: c, checked: (item.cooperation || []).includes(c) }))));

  const remove = h('button', { type: 'button', class: 'secondary', onclick: () => onRemove(block) });
  block.append(legend,
    h('div', { class: 'grid2' }, field(t('profile.itemTitle'), title), field(t('profile.itemLang'), itemLang, { hint: t('profile.itemLangHint') })),
    field(t('profile.itemDescription'), description),
    h('div', { class: 'suggestions', role: 'group', 'aria-labelledby': suggestionsId },
      h('p', { id: suggestionsId }, h('strong', {}, t('profile.concepts')), ' ', h('span', { class: 'hint' }, t('profile.conceptsHint'))),
      conceptBox, suggestionStatus),
    cooperation, remove);
  block.relabel = (n) => {
    legend.textContent = t(`profile.${kind}N`, { n });
    remove.textContent = t('profile.remove');
    remove.setAttribute('aria-label', t(`profile.remove.${kind}`, { n }));
  };
  block.collect = () => {
    const concepts = [...checked];
    const out = { title: title.value.trim(), lang: itemLang.value, description: description.value.trim() || undefined };
    if (concepts.length) out.concepts = concepts;
    const coop = [...cooperation.querySelectorAll('input:checked')].map((i) => i.value);
    if (coop.length) out.cooperation = coop;
    if (item.id) out.id = item.id;
    return out;
  };
  block.fields = { title, lang: itemLang, description };
  renderConcepts();
  return block;
}

function itemsEditor(kind, list, conceptLabels) {
  const container = h('div', {});
  const relabel = () => [...container.children].forEach((b, i) => b.relabel(i + 1));
  const onRemove = (block) => { block.remove(); relabel(); announce(t('profile.removed')); };
  const add = (item) => { const block = itemEditor(kind, item, conceptLabels, onRemove); container.append(block); relabel(); return block; };
  (list || []).forEach(add);
  const addButton = h('button', { type: 'button', class: 'secondary', id: `add-${kind}`, onclick: () => { const b = add({ lang: lang() }); b.fields.title.focus(); } }, t(`profile.add.${kind}`));
  return { element: h('section', { 'aria-labelledby': `${kind}-title` }, h('h2', { id: `${kind}-title` }, t(`profile.${kind}`)), h('p', { class: 'hint' }, t(`profile.${kind}Hint`)), container, addButton),
    collect: () => [...container.children].map((b) => b.collect()),
    blocks: () => [...container.children] };
}

/** Marks the fields named in a problem's errors (dotted paths such as offers[0].title) and lists them at the top. */
function showErrors(form, summary, errors, fieldsByPath) {
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field .error').forEach((el) => { el.hidden = true; el.textContent = ''; });
  clear(summary);
  if (errors.length === 0) return;
  const list = h('ul', {});
  for (const e of errors) {
    const control = fieldsByPath(e.field);
    const name = control ? (form.querySelector(`label[for="${control.id}"]`) || {}).textContent : null;
    const text = t('profile.invalid', { field: name || t('profile.someField') });
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      const err = document.getElementById(`${control.id}-error`);
      if (err) {
        err.hidden = false;
        err.textContent = t('profile.invalidHere');
        const described = new Set((control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
        described.add(err.id);
        control.setAttribute('aria-describedby', [...described].join(' '));
      }
      list.append(h('li', {}, h('a', { href: `#${control.id}`, onclick: (ev) => { ev.preventDefault(); control.focus(); } }, text)));
    } else {
      list.append(h('li', {}, text));
    }
  }
  summary.append(h('div', { class: 'notice error', tabindex: '-1', id: 'error-summary' }, h('h2', {}, t('profile.errorsTitle')), list));
  summary.querySelector('#error-summary').focus();
}

export async function myCompany(view) {
  if (!guard(view, 'company')) return;
  let company;
  try {
    company = await ctx.myCompany(true);
  } catch (error) {
    view.append(h('h1', {}, t('profile.title')), notice(errorText(error), 'error'));
    return;
  }
  const conceptLabels = await ctx.conceptLabels();
  const c = company || { languages: [lang()], publicProfile: true, offers: [{ lang: lang() }], needs: [], contact: {} };
  const isNew = !company;
  view.append(h('h1', {}, isNew ? t('profile.createTitle') : t('profile.title')), h('p', {}, isNew ? t('profile.createLead') : t('profile.lead')));

  const f = {
    legalName: input('legalName', c.legalName, { autocomplete: 'organization', required: true }),
    scheme: select(SCHEMES.map((s) => [s, label('scheme', s)]), { name: 'legalId.scheme' }),
    legalIdValue: input('legalId.value', c.legalId && c.legalId.value, { required: true }),
    territory: select([['', t('profile.choose')], ...TERRITORIES.map((v) => [v, label('territory', v)])], { name: 'territory', required: true }),
    city: input('city', c.city, { autocomplete: 'address-level2', required: true }),
    postalCode: input('postalCode', c.postalCode, { autocomplete: 'postal-code', required: true, inputmode: 'numeric' }),
    website: input('website', c.website, { type: 'url', autocomplete: 'url' }),
    sizeBand: select([['', t('profile.choose')], ...SIZES.map((s) => [s, label('sizeBand', s)])], { name: 'sizeBand', required: true }),
    naceCode: input('naceCode', c.naceCode, { required: true }),
    contactName: input('contact.name', c.contact && c.contact.name, { autocomplete: 'name' }),
    contactEmail: input('contact.email', c.contact && c.contact.email, { type: 'email', autocomplete: 'email', required: true }),
    contactPhone: input('contact.phone', c.contact && c.contact.phone, { type: 'tel', autocomplete: 'tel' }),
  };
  f.scheme.value = (c.legalId && c.legalId.scheme) || 'ES_NIF';
  f.territory.value = c.territory || '';
  f.sizeBand.value = c.sizeBand || '';
  const languageBoxes = LANGS.map((l) => checkbox(AUTONYMS[l], { name: 'languages', value: l, checked: (c.languages || []).includes(l), labelLang: l }));
  const descriptions = Object.fromEntries(LANGS.map((l) => [l, h('textarea', { name: `description.${l}`, lang: l, rows: '3', maxlength: '4000' }, (c.description || {})[l] || '')]));
  const womenLed = checkbox(t('profile.womenLed'), { name: 'womenLed', checked: Boolean(c.womenLed) });
  const publicProfile = checkbox(t('profile.public'), { name: 'publicProfile', checked: c.publicProfile !== false });
  const offers = itemsEditor('offers', c.offers, conceptLabels);
  const needs = itemsEditor('needs', c.needs, conceptLabels);
  const summary = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  const languagesGroup = h('fieldset', { id: 'languages-group' }, h('legend', {}, t('profile.languages')), languageBoxes);

  const form = h('form', { novalidate: true, id: 'company-form' },
    summary,
    h('fieldset', {}, h('legend', {}, t('profile.identity')),
      field(t('profile.legalName'), f.legalName),
      h('div', { class: 'grid2' }, field(t('profile.scheme'), f.scheme), field(t('profile.legalId'), f.legalIdValue, { hint: t('profile.legalIdHint') })),
      h('div', { class: 'grid2' }, field(t('profile.sizeBand'), f.sizeBand), field(t('profile.nace'), f.naceCode, { hint: t('profile.naceHint') })),
      field(t('profile.website'), f.website, { hint: t('profile.websiteHint') })),
    h('fieldset', {}, h('legend', {}, t('profile.address')),
      field(t('profile.territory'), f.territory),
      h('div', { class: 'grid2' }, field(t('profile.city'), f.city), field(t('profile.postalCode'), f.postalCode))),
    languagesGroup,
    h('fieldset', {}, h('legend', {}, t('profile.description')), h('p', { class: 'hint' }, t('profile.descriptionHint')),
      LANGS.map((l) => field(t('profile.descriptionIn', { language: AUTONYMS[l] }), descriptions[l]))),
    offers.element, needs.element,
    h('fieldset', {}, h('legend', {}, t('profile.contact')),
      h('div', { class: 'grid2' }, field(t('profile.contactName'), f.contactName), field(t('profile.contactEmail'), f.contactEmail)),
      field(t('profile.contactPhone'), f.contactPhone)),
    womenLed, publicProfile,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-company' }, isNew ? t('profile.create') : t('profile.save'))),
    status);

  const byPath = (path) => {
    const simple = { legalName: f.legalName, 'legalId.scheme': f.scheme, 'legalId.value': f.legalIdValue, legalId: f.legalIdValue, territory: f.territory,
      city: f.city, postalCode: f.postalCode, website: f.website, sizeBand: f.sizeBand, naceCode: f.naceCode, 'contact.name': f.contactName,
      'contact.email': f.contactEmail, 'contact.phone': f.contactPhone, contact: f.contactEmail, languages: languageBoxes[0].querySelector('input') };
    if (simple[path]) return simple[path];
    if (path && path.startsWith('description.')) return descriptions[path.split('.')[1]] || null;
    const m = /^(offers|needs)\[(\d+)\](?:\.(\w+))?/.exec(path || '');
    if (m) {
      const block = (m[1] === 'offers' ? offers : needs).blocks()[Number(m[2])];
      if (block) return block.fields[m[3]] || block.fields.title;
    }
    if (path === 'offers' || path === 'needs') return (offers.blocks()[0] || needs.blocks()[0] || {}).fields?.title || null;
    return null;
  };

  const collect = () => {
    const description = {};
    for (const l of LANGS) if (descriptions[l].value.trim()) description[l] = descriptions[l].value.trim();
    return {
      legalName: f.legalName.value.trim(),
      legalId: { scheme: f.scheme.value, value: f.legalIdValue.value.trim() },
      territory: f.territory.value, city: f.city.value.trim(), postalCode: f.postalCode.value.trim(),
      website: f.website.value.trim() || undefined, sizeBand: f.sizeBand.value, naceCode: f.naceCode.value.trim(),
      languages: [...form.querySelectorAll('input[name="languages"]:checked')].map((i) => i.value),
      description: Object.keys(description).length ? description : undefined,
      offers: offers.collect(), needs: needs.collect(),
      womenLed: womenLed.querySelector('input').checked, publicProfile: publicProfile.querySelector('input').checked,
      contact: { name: f.contactName.value.trim() || undefined, email: f.contactEmail.value.trim(), phone: f.contactPhone.value.trim() || undefined },
    };
  };

  const localErrors = (body) => {
    const errors = [];
    const required = [['legalName', body.legalName], ['legalId.value', body.legalId.value], ['territory', body.territory], ['city', body.city],
      ['postalCode', body.postalCode], ['sizeBand', body.sizeBand], ['naceCode', body.naceCode], ['contact.email', body.contact.email]];
    required.filter(([, v]) => !v).forEach(([field]) => errors.push({ field }));
    if (body.languages.length === 0) errors.push({ field: 'languages' });
    body.offers.forEach((o, i) => { if (!o.title) errors.push({ field: `offers[${i}].title` }); });
    body.needs.forEach((o, i) => { if (!o.title) errors.push({ field: `needs[${i}].title` }); });
    if (body.offers.length + body.needs.length === 0) errors.push({ field: 'offers' });
    return errors;
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = collect();
    const errors = localErrors(body);
    showErrors(form, summary, errors, byPath);
    if (errors.length) return;
    clear(status).append(h('p', { class: 'loading' }, t('common.saving')));
    try {
      if (isNew) await api('/companies', { method: 'POST', body });
      else await api(`/companies/${encodeURIComponent(company.id)}`, { method: 'PUT', body, headers: { 'If-Match': company.etag } });
      ctx.company = undefined;
      const saved = t(isNew ? 'profile.created' : 'profile.saved');
      announce(saved);
      if (isNew) { ctx.go('#/me'); return; }
      const fresh = await ctx.myCompany(true);
      company.etag = fresh.etag;
      clear(status).append(notice(saved));
    } catch (error) {
      clear(status);
      if (error instanceof ApiError && error.status === 400 && error.errors.length) showErrors(form, summary, error.errors, byPath);
      else status.append(notice(errorText(error), 'error'));
    }
  });
  view.append(form);
  if (!isNew) view.append(dataSection(company));
}

function dataSection(company) {
  const status = h('div', { 'aria-live': 'polite' });
  const exportData = async () => {
    try {
      const data = await api(`/companies/${encodeURIComponent(company.id)}/export`);
      downloadBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `elkarlan-${company.id}.json`);
      clear(status).append(notice(t('data.exported')));
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  const confirm = checkbox(t('data.confirm'), { id: 'erase-confirm' });
  const erase = async () => {
    if (!confirm.querySelector('input').checked) {
      clear(status).append(notice(t('data.confirmFirst'), 'error'));
      return;
    }
    try {
      await api(`/companies/${encodeURIComponent(company.id)}`, { method: 'DELETE' });
      ctx.company = null;
      clear(status).append(notice(t('data.erased')));
      announce(t('data.erased'));
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  return h('section', { 'aria-labelledby': 'data-title' },
    h('h2', { id: 'data-title' }, t('data.title')),
    h('p', {}, t('data.lead')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'export-data', onclick: exportData }, t('data.export'))),
    h('h3', {}, t('data.eraseTitle')), h('p', {}, t('data.eraseLead')), confirm,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger', id: 'erase-data', onclick: erase }, t('data.erase'))),
    status);
}

async function requireCompany(view, title) {
  if (!guard(view, 'company')) return null;
  let company;
  try {
    company = await ctx.myCompany();
  } catch (error) {
    view.append(h('h1', {}, title), notice(errorText(error), 'error'));
    return null;
  }
  if (!company) {
    view.append(h('h1', {}, title), notice(t('company.createFirst'), 'warn'), h('p', {}, h('a', { class: 'button', href: '#/me' }, t('profile.createTitle'))));
    return null;
  }
  return company;
}

export async function matches(view, { query }) {
  const company = await requireCompany(view, t('matches.title'));
  if (!company) return;
  const crossBorderOnly = query.get('crossBorder') === 'true';
  const cross = checkbox(t('matches.crossBorderOnly'), { id: 'cross-border-only', checked: crossBorderOnly, onchange: (e) => ctx.go(`#/matches${e.target.checked ? '?crossBorder=true' : ''}`) });
  const events = await upcomingEvents().catch(() => []);
  const eventSelect = select(events.map((e) => [e.id, e.name]), { id: 'request-event' });
  view.append(h('h1', {}, t('matches.title')), h('p', {}, t('matches.lead')), cross,
    events.length ? h('div', { class: 'field' }, h('label', { for: 'request-event' }, t('matches.event')), eventSelect, h('span', { class: 'hint' }, t('matches.eventHint')))
      : h('p', { class: 'muted' }, t('matches.noEvent')));
  const results = h('div', {}, h('p', { class: 'loading' }, t('common.loading')));
  view.append(results);
  let answer;
  try {
    answer = await api(`/companies/${encodeURIComponent(company.id)}/matches`, { query: { crossBorderOnly, limit: 50 } });
  } catch (error) {
    clear(results).append(notice(errorText(error), 'error'));
    return;
  }
  const list = answer.matches || [];
  clear(results).append(h('p', { role: 'status' }, t('matches.count', { count: list.length })));
  if (list.length === 0) {
    results.append(h('p', {}, t('matches.none')));
    return;
  }
  results.append(h('ol', { class: 'cards', 'aria-label': t('matches.title') }, list.map((m, i) => {
    const headingId = `match-${i}`;
    const requestBox = h('div', {});
    const openRequest = () => {
      clear(requestBox);
      if (!eventSelect.value) {
        requestBox.append(notice(t('matches.noEvent'), 'warn'));
        return;
      }
      const form = meetingRequestForm(eventSelect.value, company.id, [[m.companyId, m.name]], null);
      requestBox.append(h('h4', {}, t('matches.requestAt', { event: eventSelect.selectedOptions[0].textContent })), form);
      form.querySelector('textarea').focus();
    };
    const b = m.breakdown || {};
    return h('li', { class: 'card match', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, h('a', { href: `#/companies/${encodeURIComponent(m.companyId)}` }, m.name || m.companyId)),
      h('div', { class: 'score' }, h('span', {}, t('matches.score')),
        h('meter', { min: '0', max: '1', value: String(m.score), 'aria-label': t('matches.score') }), h('strong', {}, fmt.percent(m.score))),
      h('ul', { class: 'tags' },
        m.crossBorder ? h('li', { class: 'tag cross' }, t('matches.crossBorder')) : null,
        m.territory ? h('li', { class: 'tag' }, label('territory', m.territory)) : null,
        m.sizeBand ? h('li', { class: 'tag' }, label('sizeBand', m.sizeBand)) : null),
      h('h3', {}, t('matches.reasons')),
      h('ul', { class: 'reasons' }, (m.reasons || []).map((r) => h('li', { class: r.flagged ? 'flagged' : null },
        r.flagged ? h('span', { class: 'tag flag' }, t('matches.attention')) : null, r.flagged ? ' ' : null, r.text || r.code))),
      b.theirOffersAnswerYourNeeds !== undefined ? h('details', {}, h('summary', {}, t('matches.breakdown')),
        h('ul', {}, h('li', {}, t('matches.theirOffers', { share: fmt.percent(b.theirOffersAnswerYourNeeds) })),
          h('li', {}, t('matches.yourOffers', { share: fmt.percent(b.yourOffersAnswerTheirNeeds) })),
          (b.items || []).slice(0, 6).map((it) => h('li', {}, foreign('span', it.need, it.needLang), ' ← ', foreign('span', it.offer, it.offerLang))))) : null,
      events.length ? h('button', { type: 'button', class: 'secondary', onclick: openRequest, 'aria-label': t('matches.requestWith', { name: m.name }) }, t('matches.request')) : null,
      requestBox);
  })));
}

export async function notifications(view) {
  if (!guard(view, 'company')) return;
  view.append(h('h1', {}, t('notifications.title')));
  const box = h('div', {}, h('p', { class: 'loading' }, t('common.loading')));
  view.append(box);
  const load = async () => {
    let list;
    try {
      list = items(await api('/notifications', { query: { size: 50 } }));
    } catch (error) {
      clear(box).append(notice(errorText(error), 'error'));
      return;
    }
    clear(box);
    const unread = list.filter((n) => !n.read).length;
    box.append(h('p', { role: 'status' }, t('notifications.unread', { count: unread })));
    if (list.length === 0) {
      box.append(h('p', {}, t('notifications.none')));
      return;
    }
    box.append(h('ul', { class: 'cards' }, list.map((n) => h('li', { class: 'card' },
      h('p', {}, n.read ? null : h('span', { class: 'tag' }, t('notifications.new')), n.read ? null : ' ', h('span', { lang: n.lang && n.lang !== lang() ? n.lang : null }, n.text || label('notificationKind', n.kind))),
      h('p', { class: 'muted' }, fmt.dateTime(n.createdAt)),
      n.read ? null : h('button', { type: 'button', class: 'secondary', onclick: async () => {
        try {
          await api(`/notifications/${encodeURIComponent(n.id)}/read`, { method: 'POST' });
          announce(t('notifications.marked'));
          await load();
        } catch (error) {
          box.prepend(notice(errorText(error), 'error'));
        }
      } }, t('notifications.markRead'))))));
  };
  await load();
}
