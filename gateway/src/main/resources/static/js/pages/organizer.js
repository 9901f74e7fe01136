// The organizer: events, participants and requests, the scheduler with its progress, the grid, publishing, statistics, CSV.
import { api, ApiError, items } from '../api.js';
import { barChart, shareChart } from '../charts.js';
import { announce, clear, downloadBlob, field, h, notice, select, tableWrap } from '../dom.js';
import { fmt, has, label, t } from '../i18n.js';
import { ctx, errorText, guard } from '../context.js';
import { eventDates } from './public.js';
import { checkInText, slotText } from './events.js';

const POLL_MS = 1000;
const TIME_ZONES = ['Europe/Paris', 'Europe/Madrid'];

export async function list(view) {
  if (!guard(view, 'organizer')) return;
  view.append(h('h1', {}, t('organize.title')),
    h('p', {}, h('a', { class: 'button', href: '#/organize/new', id: 'new-event' }, t('organize.create'))));
  let events;
  try {
    events = items(await api('/events', { query: { size: 100 } }));
  } catch (error) {
    view.append(notice(errorText(error), 'error'));
    return;
  }
  if (events.length === 0) {
    view.append(h('p', {}, t('home.noEvents')));
    return;
  }
  view.append(tableWrap(h('table', {},
    h('caption', {}, t('organize.events')),
    h('thead', {}, h('tr', {}, ['events.name', 'events.dates', 'events.status', 'organize.participants'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, events.map((e) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/organize/${encodeURIComponent(e.id)}` }, e.name)),
      h('td', {}, eventDates(e)), h('td', {}, label('eventStatus', e.status)),
      h('td', { class: 'num' }, String(e.participantCount ?? '')))))), t('organize.events')));
}

function isoDay(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  return d.toISOString().slice(0, 10);
}

const DEFAULT_SESSIONS = [{ start: '09:00', end: '13:00' }, { start: '15:00', end: '18:00' }];

/** "09:00" from "09:00:00" or "09:00" (the service may write seconds). */
function hhmm(value) {
  return value ? String(value).slice(0, 5) : '';
}

/** A day of the form: the first session goes to the morning fields, the second to the afternoon ones. */
function dayEditor(date, onRemove, sessions = DEFAULT_SESSIONS) {
  const [am, pm] = sessions;
  const inputs = {
    date: h('input', { type: 'date', value: date, 'data-part': 'date', required: true }),
    amStart: h('input', { type: 'time', value: hhmm(am && am.start), 'data-part': 'amStart' }),
    amEnd: h('input', { type: 'time', value: hhmm(am && am.end), 'data-part': 'amEnd' }),
    pmStart: h('input', { type: 'time', value: hhmm(pm && pm.start), 'data-part': 'pmStart' }),
    pmEnd: h('input', { type: 'time', value: hhmm(pm && pm.end), 'data-part': 'pmEnd' }),
  };
  const legend = h('legend', {});
  const remove = h('button', { type: 'button', class: 'secondary', onclick: () => onRemove(block) });
  const block = h('fieldset', { class: 'day' }, legend, field(t('create.date'), inputs.date),
    h('div', { class: 'grid2' }, field(t('create.morningStart'), inputs.amStart), field(t('create.morningEnd'), inputs.amEnd)),
    h('div', { class: 'grid2' }, field(t('create.afternoonStart'), inputs.pmStart, { hint: t('create.afternoonHint') }), field(t('create.afternoonEnd'), inputs.pmEnd)),
    remove);
  block.relabel = (n) => { legend.textContent = t('create.dayN', { n }); remove.textContent = t('create.removeDay'); remove.setAttribute('aria-label', t('create.removeDayN', { n })); };
  block.collect = () => {
    const sessions = [];
    if (inputs.amStart.value && inputs.amEnd.value) sessions.push({ start: inputs.amStart.value, end: inputs.amEnd.value });
    if (inputs.pmStart.value && inputs.pmEnd.value) sessions.push({ start: inputs.pmStart.value, end: inputs.pmEnd.value });
    return { date: inputs.date.value, sessions };
  };
  return block;
}

/** The value of a datetime-local input for an instant, in the browser's own time zone. */
function localInput(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export async function create(view) {
  if (!guard(view, 'organizer')) return;
  view.append(h('h1', {}, t('create.title')));
  view.append(eventForm(null, null));
}

/** Edit an event: the creation form filled with the event, sent with PUT and the ETag of the read (If-Match). */
export async function edit(view, { params }) {
  if (!guard(view, 'organizer')) return;
  const eventPath = `/events/${encodeURIComponent(params.id)}`;
  let event;
  let etag;
  try {
    const response = await api(eventPath, { raw: true });
    etag = response.headers.get('ETag');
    event = await response.json();
  } catch (error) {
    view.append(h('h1', {}, t('edit.title')), notice(errorText(error), 'error'));
    return;
  }
  view.append(h('h1', {}, t('edit.titleOf', { name: event.name })),
    h('p', {}, h('a', { href: `#/organize/${encodeURIComponent(event.id)}` }, t('edit.back'))));
  if (event.status === 'CANCELLED') {
    view.append(notice(t('cancel.isCancelled'), 'warn'));
    return;
  }
  view.append(eventForm(event, etag));
}

function eventForm(event, etag) {
  const editing = Boolean(event);
  const zones = editing && event.timeZone && !TIME_ZONES.includes(event.timeZone) ? [...TIME_ZONES, event.timeZone] : TIME_ZONES;
  const f = {
    name: h('input', { type: 'text', name: 'name', required: true, maxlength: '200', value: editing ? event.name : '' }),
    venueName: h('input', { type: 'text', name: 'venue.name', required: true, value: editing && event.venue ? event.venue.name : 'Kursaal' }),
    venueCity: h('input', { type: 'text', name: 'venue.city', required: true, value: editing && event.venue ? event.venue.city : 'Donostia' }),
    timeZone: select(zones.map((z) => [z, z]), { name: 'timeZone' }),
    slotMinutes: h('input', { type: 'number', name: 'slotMinutes', min: '5', max: '480', value: String(editing ? event.slotMinutes : 30), inputmode: 'numeric' }),
    tables: h('input', { type: 'number', name: 'tables', min: '1', max: '2000', value: String(editing ? event.tables : 10), inputmode: 'numeric' }),
    deadline: h('input', { type: 'datetime-local', name: 'registrationDeadline', value: editing ? localInput(event.registrationDeadline) : `${isoDay(28)}T18:00` }),
  };
  if (editing) f.timeZone.value = event.timeZone;
  const days = h('div', {});
  const relabel = () => [...days.children].forEach((d, i) => d.relabel(i + 1));
  const removeDay = (block) => { if (days.children.length > 1) { block.remove(); relabel(); } };
  const addDay = (date, sessions) => { days.append(dayEditor(date, removeDay, sessions)); relabel(); };
  if (editing && (event.days || []).length) event.days.forEach((d) => addDay(d.date, d.sessions || []));
  else addDay(isoDay(30));
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, id: 'event-form' },
    field(t('create.name'), f.name),
    h('div', { class: 'grid2' }, field(t('create.venueName'), f.venueName), field(t('create.venueCity'), f.venueCity)),
    field(t('create.timeZone'), f.timeZone),
    h('h2', {}, t('create.days')), days,
    h('button', { type: 'button', class: 'secondary', onclick: () => addDay(isoDay(30 + days.children.length)) }, t('create.addDay')),
    h('h2', {}, t('create.grid')),
    h('div', { class: 'grid2' }, field(t('create.slotMinutes'), f.slotMinutes), field(t('create.tables'), f.tables)),
    field(t('create.deadline'), f.deadline, { hint: t('create.deadlineHint') }),
    editing ? h('p', { class: 'hint' }, t('edit.hint')) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: editing ? 'save-event' : 'create-event' }, t(editing ? 'edit.submit' : 'create.submit'))),
    status);
  const byField = { name: f.name, 'venue.name': f.venueName, 'venue.city': f.venueCity, timeZone: f.timeZone, slotMinutes: f.slotMinutes, tables: f.tables, registrationDeadline: f.deadline };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    if (!f.name.value.trim()) {
      f.name.setAttribute('aria-invalid', 'true');
      clear(status).append(notice(t('profile.invalid', { field: t('create.name') }), 'error'));
      f.name.focus();
      return;
    }
    const deadline = new Date(f.deadline.value);
    const body = {
      name: f.name.value.trim(), venue: { name: f.venueName.value.trim(), city: f.venueCity.value.trim() }, timeZone: f.timeZone.value,
      days: [...days.children].map((d) => d.collect()), slotMinutes: Number(f.slotMinutes.value), tables: Number(f.tables.value),
      registrationDeadline: Number.isNaN(deadline.getTime()) ? null : deadline.toISOString(),
    };
    try {
      let saved;
      if (editing) {
        saved = await api(`/events/${encodeURIComponent(event.id)}`, { method: 'PUT', body, headers: etag ? { 'If-Match': etag } : {} });
        announce(t('edit.done'));
      } else {
        saved = await api('/events', { method: 'POST', body });
        announce(t('create.done'));
      }
      ctx.go(`#/organize/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      const fields = error instanceof ApiError ? error.errors.map((x) => x.field).filter(Boolean) : [];
      fields.forEach((name) => { const control = byField[name.replace(/\[.*$/, '')]; if (control) control.setAttribute('aria-invalid', 'true'); });
      const stale = error instanceof ApiError && (error.status === 412 || error.status === 428);
      const text = fields.length ? t('create.invalidFields', { fields: fields.join(', ') }) : errorText(error);
      clear(status).append(notice(text, 'error'),
        stale ? h('p', {}, h('a', { href: `#/organize/${encodeURIComponent(event.id)}/edit`, onclick: (ev) => { ev.preventDefault(); ctx.go(`#/organize/${encodeURIComponent(event.id)}/edit`); } }, t('edit.reload'))) : null);
    }
  });
  return form;
}

export async function manage(view, { params }) {
  if (!guard(view, 'organizer')) return;
  const eventPath = `/events/${encodeURIComponent(params.id)}`;
  let event;
  try {
    event = await api(eventPath);
  } catch (error) {
    view.append(h('h1', {}, t('organize.title')), notice(errorText(error), 'error'));
    return;
  }
  const [participants, requests] = await Promise.all([
    api(`${eventPath}/participants`).then(items).catch(() => []),
    api(`${eventPath}/meeting-requests`).then(items).catch(() => []),
  ]);
  const names = new Map(participants.map((p) => [p.companyId, p.companyName || p.companyId]));
  const name = (cid) => names.get(cid) || cid;
  const slots = new Map((event.slots || []).map((s) => [s.index, s]));
  const slotLabel = (n) => (slots.get(n) ? `${fmt.weekday(slots.get(n).start, event.timeZone)} ${slotText(slots.get(n), event.timeZone)}` : t('events.slot', { n }));

  const cancelled = event.status === 'CANCELLED';
  view.append(h('h1', {}, event.name), h('p', {}, eventDates(event), ' · ', label('eventStatus', event.status), ' · ',
    h('a', { href: `#/events/${encodeURIComponent(event.id)}` }, t('organize.publicPage'))),
    cancelled ? notice(t('cancel.isCancelled'), 'warn')
      : h('p', {}, h('a', { class: 'button secondary', id: 'edit-event', href: `#/organize/${encodeURIComponent(event.id)}/edit` }, t('edit.link'))),
    h('nav', { 'aria-label': t('organize.sections') }, h('ul', { class: 'tags' },
      [['participants', 'organize.participants'], ['requests', 'organize.requests'], ['schedule', 'schedule.title'], ['stats', 'stats.title'],
        ...(cancelled ? [] : [['cancel', 'cancel.title']])]
        .map(([anchor, key]) => h('li', {}, h('a', { href: `#/organize/${encodeURIComponent(event.id)}`, 'data-anchor': anchor, onclick: (e) => {
          e.preventDefault();
          const target = document.getElementById(`${anchor}-title`);
          if (target) { target.setAttribute('tabindex', '-1'); target.focus(); }
        } }, t(key)))))));

  // participants
  view.append(h('h2', { id: 'participants-title' }, t('organize.participants'), ` (${participants.length})`));
  view.append(participants.length === 0 ? h('p', {}, t('organize.noParticipants')) : tableWrap(h('table', {},
    h('caption', {}, t('organize.participants')),
    h('thead', {}, h('tr', {}, ['organize.company', 'organize.unavailable', 'events.delegates', 'organize.registeredAt'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, participants.map((p) => h('tr', {}, h('th', { scope: 'row' }, name(p.companyId)),
      h('td', {}, (p.unavailableSlots || []).join(', ') || '—'), h('td', { class: 'num' }, String(p.delegates ?? 1)), h('td', {}, fmt.dateTime(p.registeredAt)))))), t('organize.participants')));

  // requests
  const counts = requests.reduce((acc, r) => { acc[r.status] = (acc[r.status] || 0) + 1; return acc; }, {});
  view.append(h('h2', { id: 'requests-title' }, t('organize.requests'), ` (${requests.length})`),
    h('p', {}, Object.entries(counts).map(([s, n]) => `${label('requestStatus', s)}: ${n}`).join(' · ')));
  if (requests.length) {
    view.append(tableWrap(h('table', {},
      h('caption', {}, t('organize.requests')),
      h('thead', {}, h('tr', {}, ['requests.from', 'requests.to', 'request.session', 'requests.status'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, requests.map((r) => h('tr', {}, h('td', {}, name(r.fromCompanyId)), h('td', {}, name(r.toCompanyId)),
        h('td', {}, label('session', r.session || 'ANY')), h('td', {}, label('requestStatus', r.status)))))), t('organize.requests')));
  }

  // schedule
  const scheduleBox = h('section', { 'aria-labelledby': 'schedule-title' }, h('h2', { id: 'schedule-title' }, t('schedule.title')));
  view.append(scheduleBox);
  scheduleSection(scheduleBox, event, eventPath, name, slotLabel, participants);

  // statistics
  const statsBox = h('section', { 'aria-labelledby': 'stats-title' }, h('h2', { id: 'stats-title' }, t('stats.title')));
  view.append(statsBox);
  await statsSection(statsBox, eventPath, { event, participants, requests, names });

  if (!cancelled) {
    const cancelBox = h('section', { 'aria-labelledby': 'cancel-title' }, h('h2', { id: 'cancel-title' }, t('cancel.title')));
    view.append(cancelBox);
    cancelSection(cancelBox, event, eventPath);
  }
}

/** Cancelling an event asks for a confirmation first; the service cancels its open requests and tells everyone. */
function cancelSection(box, event, eventPath) {
  const status = h('div', { 'aria-live': 'polite' });
  const confirm = h('input', { type: 'checkbox', id: 'confirm-cancel' });
  const cancel = async () => {
    if (!confirm.checked) {
      clear(status).append(notice(t('cancel.confirmFirst'), 'error'));
      confirm.focus();
      return;
    }
    try {
      await api(`${eventPath}/cancel`, { method: 'POST' });
      announce(t('cancel.done'));
      ctx.go(`#/organize/${encodeURIComponent(event.id)}`);
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  box.append(h('p', {}, t('cancel.lead')),
    h('div', { class: 'check' }, confirm, h('label', { for: 'confirm-cancel' }, t('cancel.confirm', { name: event.name }))),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger', id: 'cancel-event', onclick: cancel }, t('cancel.submit'))),
    status);
}

function scheduleSection(box, event, eventPath, name, slotLabel, participants) {
  const timeLimit = h('input', { type: 'number', min: '1', max: '600', value: '10', inputmode: 'numeric', name: 'timeLimitSeconds' });
  const fairness = h('input', { type: 'number', min: '0', max: '100', value: '2', inputmode: 'numeric', name: 'fairness' });
  const run = h('button', { type: 'submit', id: 'run-scheduler' }, t('schedule.run'));
  const progressBox = h('div', {});
  const statusLive = h('p', { class: 'status-line', role: 'status' });
  const result = h('div', {});
  let started = 0;
  let polling = false;

  const form = h('form', { novalidate: true, class: 'inline' },
    field(t('schedule.timeLimit'), timeLimit), field(t('schedule.fairness'), fairness, { hint: t('schedule.fairnessHint') }),
    h('div', { class: 'field' }, run));
  box.append(h('p', {}, t('schedule.lead')), form, progressBox, statusLive, result);

  const showProgress = (schedule) => {
    clear(progressBox);
    if (!schedule || schedule.status !== 'RUNNING') return;
    const limit = Number(timeLimit.value) || 10;
    const elapsed = started ? Math.round((Date.now() - started) / 1000) : 0;
    const bar = h('progress', { max: String(limit), value: String(Math.min(elapsed, limit)), 'aria-labelledby': 'progress-label' });
    progressBox.append(h('p', { id: 'progress-label' }, t('schedule.progress', { elapsed, limit, meetings: (schedule.meetings || []).length })), bar);
  };

  const poll = async () => {
    if (polling) return;
    polling = true;
    let last = null;
    while (box.isConnected) {
      let schedule;
      try {
        schedule = await api(`${eventPath}/schedule`, { lang: false });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) { statusLive.textContent = t('schedule.none'); break; }
        statusLive.textContent = errorText(error);
        break;
      }
      showProgress(schedule);
      if (schedule.status !== last) {
        statusLive.textContent = t('schedule.status', { status: label('scheduleStatus', schedule.status) });
        last = schedule.status;
      }
      renderResult(result, schedule, event, eventPath, name, slotLabel, participants);
      if (schedule.status !== 'RUNNING') break;
      await new Promise((resolve) => { window.setTimeout(resolve, POLL_MS); });
    }
    polling = false;
    run.disabled = false;
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    run.disabled = true;
    try {
      await api(`${eventPath}/schedule`, { method: 'POST', body: { timeLimitSeconds: Number(timeLimit.value) || 10, fairness: Number(fairness.value) || 0 } });
      started = Date.now();
      statusLive.textContent = t('schedule.started');
      await poll();
    } catch (error) {
      statusLive.textContent = errorText(error);
      run.disabled = false;
    }
  });
  poll();
}

function renderResult(box, schedule, event, eventPath, name, slotLabel, participants) {
  clear(box);
  const meetings = schedule.meetings || [];
  box.append(h('dl', { class: 'figures' },
    h('div', {}, h('dt', {}, t('schedule.meetings')), h('dd', {}, fmt.number(meetings.length))),
    h('div', {}, h('dt', {}, t('schedule.breaks')), h('dd', {}, fmt.number(schedule.breaks ?? 0))),
    h('div', {}, h('dt', {}, t('schedule.optimal')), h('dd', {}, schedule.optimal ? t('common.yes') : t('common.no'))),
    h('div', {}, h('dt', {}, t('schedule.unscheduled')), h('dd', {}, fmt.number((schedule.unscheduled || []).length))),
    schedule.publishedAt ? h('div', {}, h('dt', {}, t('schedule.published')), h('dd', { class: 'small' }, fmt.dateTime(schedule.publishedAt, event.timeZone))) : null));
  if (meetings.length === 0) return;

  // the grid: slots × tables
  const usedTables = Math.max(...meetings.map((m) => m.table || 0), 1);
  const usedSlots = [...new Set(meetings.map((m) => m.slot))].sort((a, b) => a - b);
  const cell = new Map(meetings.map((m) => [`${m.slot}:${m.table}`, m]));
  const tableNumbers = Array.from({ length: usedTables }, (_, i) => i + 1);
  box.append(h('h3', {}, t('schedule.grid')), tableWrap(h('table', { class: 'grid', id: 'schedule-grid' },
    h('caption', {}, t('schedule.gridCaption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('schedule.slot')), tableNumbers.map((n) => h('th', { scope: 'col' }, t('schedule.tableN', { n }))))),
    h('tbody', {}, usedSlots.map((s) => h('tr', {}, h('th', { scope: 'row' }, slotLabel(s)),
      tableNumbers.map((n) => {
        const m = cell.get(`${s}:${n}`);
        return h('td', { class: m ? 'busy' : null }, m ? (m.companyIds || []).map(name).join(' × ') : '');
      }))))), t('schedule.grid')));

  // one participant's day
  const chooser = select([['', t('schedule.choose')], ...participants.map((p) => [p.companyId, name(p.companyId)])], { id: 'per-participant' });
  const perBox = h('div', { 'aria-live': 'polite' });
  chooser.addEventListener('change', () => {
    clear(perBox);
    if (!chooser.value) return;
    const mine = meetings.filter((m) => (m.companyIds || []).includes(chooser.value)).sort((a, b) => a.slot - b.slot);
    perBox.append(mine.length === 0 ? h('p', {}, t('agenda.empty')) : h('ul', {}, mine.map((m) => h('li', {},
      t('schedule.perLine', { when: slotLabel(m.slot), table: m.table, other: name((m.companyIds || []).find((x) => x !== chooser.value)) })))));
  });
  box.append(h('h3', {}, t('schedule.perParticipant')), h('div', { class: 'field' }, h('label', { for: 'per-participant' }, t('schedule.participant')), chooser), perBox);

  if ((schedule.unscheduled || []).length) {
    box.append(h('h3', {}, t('schedule.unscheduled')), h('ul', {}, schedule.unscheduled.map((u) => h('li', {}, (u.companyIds || []).map(name).join(' × ')))));
  }

  const status = h('div', { 'aria-live': 'polite' });
  const checkInBox = h('div', {});
  const publish = async () => {
    try {
      const published = await api(`${eventPath}/schedule/publish`, { method: 'POST' });
      clear(status).append(notice(t('schedule.publishedNow', { n: published.publishedSequence ?? '' })));
      announce(t('schedule.publishedNow', { n: published.publishedSequence ?? '' }));
      checkInSection(checkInBox, published.meetings || meetings, eventPath, name, slotLabel, published.checkIns);
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  const exportCsv = () => {
    const slots = new Map((event.slots || []).map((s) => [s.index, s]));
    const quote = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    const rows = [['slot', 'start', 'end', 'table', 'companyA', 'companyB', 'meetingId'].join(',')];
    for (const m of [...meetings].sort((a, b) => a.slot - b.slot || a.table - b.table)) {
      const s = slots.get(m.slot) || {};
      const [a, b] = m.companyIds || [];
      rows.push([m.slot, s.start || m.start || '', s.end || m.end || '', m.table, quote(name(a)), quote(name(b)), m.meetingId].join(','));
    }
    downloadBlob(new Blob([`${rows.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), `elkarlan-schedule-${event.id}.csv`);
    announce(t('schedule.csvDone'));
  };
  box.append(h('div', { class: 'actions' },
    schedule.status === 'DONE' ? h('button', { type: 'button', id: 'publish-schedule', onclick: publish }, t('schedule.publish')) : null,
    h('button', { type: 'button', class: 'secondary', id: 'export-csv', onclick: exportCsv }, t('schedule.csv'))), status, checkInBox);
  if (schedule.publishedSequence > 0) checkInSection(checkInBox, meetings, eventPath, name, slotLabel, schedule.checkIns);
}

/** Who noted a check-in, as the organizer's schedule gives it. */
function noterText(checkIn, name) {
  if (!checkIn) return '';
  if (checkIn.byOrganizer) return t('checkIn.byOrganizer');
  return checkIn.byCompanyId ? t('checkIn.byCompany', { who: name(checkIn.byCompanyId) }) : '';
}

/**
 * At the event: the organizer notes, meeting by meeting, whether it was held or missed (a no-show);
 * checkIns: what was noted so far, by meeting id (from the schedule), so that a reload shows it.
 */
function checkInSection(box, meetings, eventPath, name, slotLabel, checkIns = {}) {
  clear(box);
  const status = h('div', { 'aria-live': 'polite' });
  const rows = [...meetings].sort((a, b) => a.slot - b.slot || a.table - b.table).map((m) => {
    const who = (m.companyIds || []).map(name).join(' × ');
    const noted = (checkIns || {})[m.meetingId];
    const state = h('td', { 'data-part': 'check-in' }, checkInText(noted, noterText(noted, name)));
    const mark = (held) => async () => {
      try {
        await api(`${eventPath}/meetings/${encodeURIComponent(m.meetingId)}/check-in`, { method: 'POST', body: { held } });
        const checkIn = { held, byOrganizer: true };
        state.textContent = checkInText(checkIn, noterText(checkIn, name));
        clear(status).append(notice(t(held ? 'checkIn.doneHeld' : 'checkIn.doneMissed', { who })));
      } catch (error) {
        clear(status).append(notice(errorText(error), 'error'));
      }
    };
    return h('tr', { 'data-meeting': m.meetingId }, h('td', {}, slotLabel(m.slot)), h('td', { class: 'num' }, String(m.table)),
      h('th', { scope: 'row' }, who), state,
      h('td', {}, h('button', { type: 'button', onclick: mark(true), 'aria-label': t('checkIn.heldFor', { who }) }, t('checkIn.markHeld')),
        ' ', h('button', { type: 'button', class: 'secondary', onclick: mark(false), 'aria-label': t('checkIn.missedFor', { who }) }, t('checkIn.markMissed'))));
  });
  box.append(h('h3', { id: 'check-in-title' }, t('checkIn.title')), h('p', {}, t('checkIn.lead')), status,
    rows.length === 0 ? h('p', {}, t('agenda.empty')) : tableWrap(h('table', { id: 'check-in-table' },
      h('caption', {}, t('checkIn.title')),
      h('thead', {}, h('tr', {}, ['agenda.when', 'agenda.table', 'checkIn.meeting', 'checkIn.state', 'requests.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows)), t('checkIn.title')));
}

function statName(key) {
  return has(`stats.${key}`) ? t(`stats.${key}`) : key;
}

async function statsSection(box, eventPath, known) {
  let stats;
  try {
    stats = await api(`${eventPath}/stats`);
  } catch (error) {
    if (!(error instanceof ApiError) || ![404, 405, 501].includes(error.status)) {
      box.append(h('p', {}, errorText(error)));
      return;
    }
    // the service has no statistics of its own: computed here from what the organizer may read
    stats = await computeStats(eventPath, known);
    box.append(h('p', { class: 'hint' }, t('stats.computed')));
    genericStats(box, stats);
    box.append(statsCsvButton(stats));
    return;
  }
  serviceStats(box, stats, known.names || new Map());
  box.append(statsCsvButton(stats));
}

/** The dashboard of GET /events/{id}/stats: figures, then the distributions as charts (each with its table). */
function serviceStats(box, stats, names) {
  const number = (v) => fmt.number(v);
  const figures = [
    ['participants', stats.participants, number],
    ['requests', stats.requests, number],
    ['acceptedMeetings', stats.acceptedMeetings, number],
    ['acceptanceRate', stats.acceptanceRate, fmt.percent],
    ['crossBorderShare', stats.crossBorderShare, fmt.percent],
    ['scheduledMeetings', stats.scheduledMeetings, number],
    ['unscheduledMeetings', stats.unscheduledMeetings, number],
    ['totalBreaks', stats.totalBreaks, number],
    ['published', stats.published, (v) => t(v ? 'common.yes' : 'common.no')],
    ['meetingsHeld', stats.meetingsHeld, number],
    ['meetingsMissed', stats.meetingsMissed, number],
    ['feedbackCount', stats.feedbackCount, number],
    ['averageRating', stats.averageRating, (v) => t('stats.ratingOf', { rating: fmt.number(v, { maximumFractionDigits: 1 }) })],
    ['followUpsPlanned', stats.followUpsPlanned, number],
  ].filter(([, v]) => v !== null && v !== undefined);
  box.append(h('dl', { class: 'figures', id: 'event-stats' }, figures.map(([k, v, format]) =>
    h('div', { 'data-stat': k }, h('dt', {}, statName(k)), h('dd', {}, format(v))))));

  const charts = [];
  const byStatus = stats.requestsByStatus || {};
  if (Object.keys(byStatus).length) {
    charts.push(barChart(t('stats.requestStatus'), Object.entries(byStatus).map(([k, v]) => ({ label: label('requestStatus', k), value: v })), { heading: 'h3' }));
  }
  if (typeof stats.acceptanceRate === 'number') {
    const answered = ['ACCEPTED', 'DECLINED', 'EXPIRED'].reduce((sum, k) => sum + (byStatus[k] || 0), 0);
    charts.push(shareChart(t('stats.acceptance'), byStatus.ACCEPTED || 0, answered, t('stats.accepted'), t('stats.notAccepted')));
  }
  if (typeof stats.crossBorderShare === 'number' && stats.acceptedMeetings > 0) {
    const cross = Math.round(stats.crossBorderShare * stats.acceptedMeetings);
    charts.push(shareChart(t('stats.crossBorderShare'), cross, stats.acceptedMeetings, t('openData.crossBorderShort'), t('openData.sameSide')));
  }
  const perParticipant = stats.breaksPerParticipant || null;
  if (perParticipant && Object.keys(perParticipant).length) {
    const distribution = {};
    Object.values(perParticipant).forEach((n) => { distribution[n] = (distribution[n] || 0) + 1; });
    charts.push(barChart(t('stats.breaksDistribution'), Object.keys(distribution).map(Number).sort((a, b) => a - b)
      .map((n) => ({ label: t('stats.breaksN', { n }), value: distribution[n] })), { heading: 'h3' }));
    charts.push(barChart(t('stats.breaksPerParticipant'), Object.entries(perParticipant).sort((a, b) => b[1] - a[1])
      .map(([cid, n]) => ({ label: names.get(cid) || cid, value: n })), { heading: 'h3' }));
  }
  if (typeof stats.scheduledMeetings === 'number' && stats.scheduledMeetings > 0) {
    const held = stats.meetingsHeld || 0;
    const missed = stats.meetingsMissed || 0;
    charts.push(barChart(t('stats.attendance'), [
      { label: t('checkIn.held'), value: held },
      { label: t('checkIn.missed'), value: missed },
      { label: t('stats.notCheckedIn'), value: Math.max(0, stats.scheduledMeetings - held - missed) },
    ], { heading: 'h3' }));
  }
  // per territory: participants, and scheduled meetings counted once per distinct territory of the two parties
  const territories = Array.isArray(stats.territories) ? stats.territories : [];
  if (territories.length) {
    const place = (row) => label('territory', row.territory);
    const participantsChart = barChart(t('stats.byTerritory'), territories.map((row) => ({ label: place(row), value: row.participants })), { heading: 'h3' });
    participantsChart.id = 'territory-participants';
    charts.push(participantsChart);
    if (territories.some((row) => typeof row.scheduledMeetings === 'number')) {
      const meetingsChart = barChart(t('stats.meetingsByTerritory'), territories.map((row) => ({ label: place(row), value: row.scheduledMeetings ?? 0 })), { heading: 'h3' });
      meetingsChart.id = 'territory-meetings';
      meetingsChart.append(h('p', { class: 'hint' }, t('stats.meetingsByTerritoryNote')));
      charts.push(meetingsChart);
    }
  }
  if (charts.length === 0) box.append(h('p', {}, t('stats.none')));
  box.append(...charts);
}

/** Figures and distributions of any shape (the statistics computed in the browser). */
function genericStats(box, stats) {
  const numbers = [];
  const charts = [];
  const share = (v) => (v > 0 && v <= 1 ? fmt.percent(v) : fmt.number(v));
  for (const [key, value] of Object.entries(stats || {})) {
    if (typeof value === 'number') numbers.push([key, /share|rate|ratio/i.test(key) ? share(value) : fmt.number(value)]);
    else if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number')) {
      const itemLabel = (k) => (key === 'breaksDistribution' ? t('stats.breaksN', { n: k }) : label(key, k));
      charts.push(barChart(statName(key), Object.entries(value).map(([k, v]) => ({ label: itemLabel(k), value: v })), { heading: 'h3' }));
    }
  }
  if (numbers.length) box.append(h('dl', { class: 'figures' }, numbers.map(([k, v]) => h('div', {}, h('dt', {}, statName(k)), h('dd', {}, v)))));
  const meetings = stats.meetings;
  const cross = stats.crossBorderMeetings;
  if (typeof meetings === 'number' && typeof cross === 'number' && meetings > 0) {
    box.append(shareChart(t('stats.crossBorderShare'), cross, meetings, t('openData.crossBorderShort'), t('openData.sameSide')));
  }
  if (typeof stats.requests === 'number' && typeof stats.accepted === 'number' && stats.requests > 0) {
    box.append(shareChart(t('stats.acceptance'), stats.accepted, stats.requests, t('stats.accepted'), t('stats.notAccepted')));
  }
  box.append(...charts);
}

function statsCsvButton(stats) {
  const csv = () => {
    const rows = ['metric,key,value'];
    for (const [key, value] of Object.entries(stats || {})) {
      if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') rows.push(`${key},,${value}`);
      else if (value && typeof value === 'object' && !Array.isArray(value)) Object.entries(value).forEach(([k, v]) => rows.push(`${key},${k},${typeof v === 'object' ? JSON.stringify(v).replace(/,/g, ';') : v}`));
      else if (key === 'territories' && Array.isArray(value)) {
        // territories.participants,LAPURDI,3 — and .region, .scheduledMeetings (empty while nothing is scheduled)
        value.forEach((row) => Object.entries(row).filter(([k]) => k !== 'territory').forEach(([k, v]) => rows.push(`${key}.${k},${row.territory},${v ?? ''}`)));
      }
    }
    downloadBlob(new Blob([`${rows.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), 'elkarlan-event-stats.csv');
  };
  return h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'stats-csv', onclick: csv }, t('stats.csv')));
}

/** Runs of idle slots between two meetings of one participant; a session or day change ends a run. */
function breaksOf(slotIndexes, slots) {
  const sorted = [...new Set(slotIndexes)].sort((a, b) => a - b);
  let breaks = 0;
  for (let i = 1; i < sorted.length; i += 1) {
    let inRun = false;
    let previous = slots.get(sorted[i - 1]);
    for (let idle = sorted[i - 1] + 1; idle < sorted[i]; idle += 1) {
      const slot = slots.get(idle);
      const sameSession = slot && previous && slot.session === previous.session && String(slot.start).slice(0, 10) === String(previous.start).slice(0, 10);
      if (!inRun || !sameSession) {
        breaks += 1;
        inRun = true;
      }
      previous = slot;
    }
  }
  return breaks;
}

/** The dashboard's figures from participants, requests, the schedule and the companies' public pages. */
async function computeStats(eventPath, { event, participants, requests }) {
  const stats = {};
  const byStatus = {};
  for (const r of requests) byStatus[r.status] = (byStatus[r.status] || 0) + 1;
  stats.participants = participants.length;
  stats.requests = requests.length;
  stats.accepted = byStatus.ACCEPTED || 0;
  stats.requestStatus = byStatus;
  let meetings = [];
  try {
    meetings = (await api(`${eventPath}/schedule`, { lang: false })).meetings || [];
  } catch (error) { /* no schedule yet */ }
  stats.meetings = meetings.length;
  const regions = new Map();
  const territories = {};
  await Promise.all(participants.map(async (p) => {
    try {
      const c = await api(`/companies/${encodeURIComponent(p.companyId)}`);
      regions.set(p.companyId, c.region);
      territories[c.territory] = (territories[c.territory] || 0) + 1;
    } catch (error) { /* not public */ }
  }));
  if (meetings.length) {
    stats.crossBorderMeetings = meetings.filter((m) => {
      const [a, b] = (m.companyIds || []).map((id) => regions.get(id));
      return a && b && a !== b;
    }).length;
    const slots = new Map((event.slots || []).map((s) => [s.index, s]));
    const distribution = {};
    for (const p of participants) {
      const mine = meetings.filter((m) => (m.companyIds || []).includes(p.companyId)).map((m) => m.slot);
      if (mine.length === 0) continue;
      const n = breaksOf(mine, slots);
      distribution[n] = (distribution[n] || 0) + 1;
    }
    stats.breaksDistribution = distribution;
  }
  stats.territory = territories;
  return stats;
}
