// The organizer: events, participants and requests, the scheduler with its progress, the grid, publishing, statistics, CSV.
import { api, ApiError, items } from '../api.js';
import { barChart, shareChart } from '../charts.js';
import { announce, clear, downloadBlob, field, h, notice, select, tableWrap } from '../dom.js';
import { fmt, has, label, t } from '../i18n.js';
import { ctx, errorText, guard } from '../context.js';
import { eventDates } from './public.js';
import { slotText } from './events.js';

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

function dayEditor(date, onRemove) {
  const inputs = {
    date: h('input', { type: 'date', value: date, 'data-part': 'date', required: true }),
    amStart: h('input', { type: 'time', value: '09:00', 'data-part': 'amStart' }),
    amEnd: h('input', { type: 'time', value: '13:00', 'data-part': 'amEnd' }),
    pmStart: h('input', { type: 'time', value: '15:00', 'data-part': 'pmStart' }),
    pmEnd: h('input', { type: 'time', value: '18:00', 'data-part': 'pmEnd' }),
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

export async function create(view) {
  if (!guard(view, 'organizer')) return;
  view.append(h('h1', {}, t('create.title')));
  const first = isoDay(30);
  const f = {
    name: h('input', { type: 'text', name: 'name', required: true, maxlength: '200', value: '' }),
    venueName: h('input', { type: 'text', name: 'venue.name', required: true, value: 'Kursaal' }),
    venueCity: h('input', { type: 'text', name: 'venue.city', required: true, value: 'Donostia' }),
    timeZone: select(TIME_ZONES.map((z) => [z, z]), { name: 'timeZone' }),
    slotMinutes: h('input', { type: 'number', name: 'slotMinutes', min: '5', max: '480', value: '30', inputmode: 'numeric' }),
    tables: h('input', { type: 'number', name: 'tables', min: '1', max: '2000', value: '10', inputmode: 'numeric' }),
    deadline: h('input', { type: 'datetime-local', name: 'registrationDeadline', value: `${isoDay(28)}T18:00` }),
  };
  const days = h('div', {});
  const relabel = () => [...days.children].forEach((d, i) => d.relabel(i + 1));
  const removeDay = (block) => { if (days.children.length > 1) { block.remove(); relabel(); } };
  const addDay = (date) => { days.append(dayEditor(date, removeDay)); relabel(); };
  addDay(first);
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
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'create-event' }, t('create.submit'))),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
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
      const created = await api('/events', { method: 'POST', body });
      announce(t('create.done'));
      ctx.go(`#/organize/${encodeURIComponent(created.id)}`);
    } catch (error) {
      const fields = error instanceof ApiError ? error.errors.map((x) => x.field).filter(Boolean) : [];
      clear(status).append(notice(fields.length ? t('create.invalidFields', { fields: fields.join(', ') }) : errorText(error), 'error'));
    }
  });
  view.append(form);
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

  view.append(h('h1', {}, event.name), h('p', {}, eventDates(event), ' · ', h('a', { href: `#/events/${encodeURIComponent(event.id)}` }, t('organize.publicPage'))),
    h('nav', { 'aria-label': t('organize.sections') }, h('ul', { class: 'tags' },
      [['participants', 'organize.participants'], ['requests', 'organize.requests'], ['schedule', 'schedule.title'], ['stats', 'stats.title']]
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
  await statsSection(statsBox, eventPath, { event, participants, requests });
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
  const publish = async () => {
    try {
      const published = await api(`${eventPath}/schedule/publish`, { method: 'POST' });
      clear(status).append(notice(t('schedule.publishedNow', { n: published.publishedSequence ?? '' })));
      announce(t('schedule.publishedNow', { n: published.publishedSequence ?? '' }));
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
    h('button', { type: 'button', class: 'secondary', id: 'export-csv', onclick: exportCsv }, t('schedule.csv'))), status);
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
  }
  const numbers = [];
  const charts = [];
  const share = (v) => (v > 0 && v <= 1 ? fmt.percent(v) : fmt.number(v));
  for (const [key, value] of Object.entries(stats || {})) {
    if (typeof value === 'number') numbers.push([key, /share|rate|ratio/i.test(key) ? share(value) : fmt.number(value)]);
    else if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number')) {
      const itemLabel = (k) => (key === 'breaksDistribution' ? t('stats.breaksN', { n: k }) : label(key, k));
      charts.push(barChart(statName(key), Object.entries(value).map(([k, v]) => ({ label: itemLabel(k), value: v })), { heading: 'h3' }));
    } else if (Array.isArray(value) && value.every((v) => v && typeof v === 'object')) {
      const data = value.map((v) => ({ label: label(key, v.key ?? v.label ?? v.name ?? v.territory ?? v.breaks ?? ''), value: v.count ?? v.value ?? v.participants ?? 0 }));
      if (data.length) charts.push(barChart(statName(key), data, { heading: 'h3' }));
    }
  }
  if (numbers.length) box.append(h('dl', { class: 'figures' }, numbers.map(([k, v]) => h('div', {}, h('dt', {}, statName(k)), h('dd', {}, v)))));
  const meetings = stats.meetings ?? stats.acceptedMeetings;
  const cross = stats.crossBorderMeetings;
  if (typeof meetings === 'number' && typeof cross === 'number' && meetings > 0) {
    box.append(shareChart(t('stats.crossBorderShare'), cross, meetings, t('openData.crossBorderShort'), t('openData.sameSide')));
  }
  const requests = stats.requests ?? stats.requestsSent;
  const accepted = stats.accepted ?? stats.requestsAccepted;
  if (typeof requests === 'number' && typeof accepted === 'number' && requests > 0) {
    box.append(shareChart(t('stats.acceptance'), accepted, requests, t('stats.accepted'), t('stats.notAccepted')));
  }
  box.append(...charts);
  const csv = () => {
    const rows = ['metric,key,value'];
    for (const [key, value] of Object.entries(stats || {})) {
      if (typeof value === 'number' || typeof value === 'string') rows.push(`${key},,${value}`);
      else if (value && typeof value === 'object' && !Array.isArray(value)) Object.entries(value).forEach(([k, v]) => rows.push(`${key},${k},${typeof v === 'object' ? JSON.stringify(v).replace(/,/g, ';') : v}`));
      else if (Array.isArray(value)) value.forEach((v, i) => rows.push(`${key},${v.key ?? i},${v.count ?? v.value ?? ''}`));
    }
    downloadBlob(new Blob([`${rows.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), 'elkarlan-event-stats.csv');
  };
  box.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'stats-csv', onclick: csv }, t('stats.csv'))));
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
