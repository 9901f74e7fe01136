// Events: the public list and an event's page; a signed-in company registers, requests and answers meetings, reads its agenda.
import { api, ApiError, items } from '../api.js';
import { announce, checkbox, clear, downloadBlob, field, h, id, notice, select, tableWrap } from '../dom.js';
import { fmt, label, t } from '../i18n.js';
import { ctx, errorText } from '../context.js';
import { eventDates, upcomingEvents } from './public.js';

export async function list(view) {
  view.append(h('h1', {}, t('events.title')), h('p', {}, t('events.lead')));
  let all;
  try {
    all = items(await api('/events', { query: { size: 100 } }));
  } catch (error) {
    view.append(notice(errorText(error), 'error'));
    return;
  }
  const upcoming = new Set((await upcomingEvents().catch(() => [])).map((e) => e.id));
  const rows = all.map((e) => h('tr', {},
    h('th', { scope: 'row' }, h('a', { href: `#/events/${encodeURIComponent(e.id)}` }, e.name)),
    h('td', {}, eventDates(e)),
    h('td', {}, e.venue ? [e.venue.name, e.venue.city].filter(Boolean).join(', ') : ''),
    h('td', {}, upcoming.has(e.id) ? t('events.upcoming') : t('events.past'))));
  if (rows.length === 0) {
    view.append(h('p', {}, t('home.noEvents')));
    return;
  }
  view.append(tableWrap(h('table', {},
    h('caption', {}, t('events.title')),
    h('thead', {}, h('tr', {}, ['events.name', 'events.dates', 'events.venue', 'events.when'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, rows)), t('events.title')));
}

/** "09:00–09:30" for a slot of the event, in the event's time zone. */
export function slotText(slot, timeZone) {
  return `${fmt.time(slot.start, timeZone)}–${fmt.time(slot.end, timeZone)}`;
}

export function slotsByDay(event) {
  const days = new Map();
  for (const slot of event.slots || []) {
    const day = fmt.weekday(slot.start, event.timeZone);
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(slot);
  }
  return days;
}

function eventFacts(event) {
  const facts = [
    [t('events.dates'), eventDates(event)],
    [t('events.venue'), event.venue ? [event.venue.name, event.venue.city].filter(Boolean).join(', ') : ''],
    [t('events.slotLength'), t('events.minutes', { n: event.slotMinutes })],
    [t('events.tables'), event.tables],
    [t('events.slots'), (event.slots || []).length],
    [t('events.deadline'), fmt.dateTime(event.registrationDeadline, event.timeZone)],
    [t('events.status'), label('eventStatus', event.status)],
  ].filter(([, v]) => v !== '' && v !== undefined && v !== null);
  return h('dl', { class: 'figures' }, facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', { class: 'small' }, String(v)))));
}

function sessionsList(event) {
  return h('ul', {}, (event.days || []).map((d) => h('li', {}, `${fmt.day(d.date)}: `,
    (d.sessions || []).map((s) => `${s.start}–${s.end}`).join(', '))));
}

export async function detail(view, { params }) {
  let event;
  try {
    event = await api(`/events/${encodeURIComponent(params.id)}`);
  } catch (error) {
    view.append(h('h1', {}, t('events.title')), notice(errorText(error), 'error'));
    return;
  }
  view.append(h('h1', {}, event.name), eventFacts(event), h('h2', {}, t('events.sessions')), sessionsList(event));
  if (ctx.hasRole('organizer')) {
    view.append(h('p', {}, h('a', { class: 'button', href: `#/organize/${encodeURIComponent(event.id)}` }, t('events.manage'))));
  }
  if (!ctx.session) {
    view.append(h('p', {}, t('events.signInToRegister'), ' ', h('button', { type: 'button', class: 'secondary', onclick: () => ctx.signIn() }, t('auth.signIn'))));
    return;
  }
  if (!ctx.hasRole('company')) return;
  const company = await ctx.myCompany().catch(() => null);
  if (!company) {
    view.append(notice(t('company.createFirst'), 'warn'), h('p', {}, h('a', { href: '#/me' }, t('nav.me'))));
    return;
  }
  const section = h('section', { 'aria-labelledby': 'my-participation' }, h('h2', { id: 'my-participation' }, t('events.myParticipation')));
  view.append(section);
  await participation(section, event, company);
}

async function participantsOf(event) {
  try {
    return await api(`/events/${encodeURIComponent(event.id)}/participants`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}

async function participation(section, event, company) {
  const body = h('div', {});
  section.append(body);
  const refresh = async () => {
    clear(body);
    let participants;
    try {
      participants = await participantsOf(event);
    } catch (error) {
      body.append(notice(errorText(error), 'error'));
      return;
    }
    const me = participants && participants.find((p) => p.companyId === company.id);
    if (!me) {
      body.append(registrationForm(event, company, refresh));
      return;
    }
    const names = new Map(participants.map((p) => [p.companyId, p.companyName || p.companyId]));
    body.append(notice(t('events.registered', { count: (me.unavailableSlots || []).length })));
    body.append(requestForm(event, company, participants, refresh));
    const requestsBox = h('div', {});
    const agendaBox = h('div', {});
    body.append(requestsBox, agendaBox);
    await Promise.all([requestsSection(requestsBox, event, company, names, refresh), agendaSection(agendaBox, event, company)]);
  };
  await refresh();
}

function registrationForm(event, company, done) {
  const status = h('div', { 'aria-live': 'polite' });
  const groups = [];
  for (const [day, slots] of slotsByDay(event)) {
    groups.push(h('fieldset', {}, h('legend', {}, day),
      h('div', { class: 'grid2' }, slots.map((s) => checkbox(`${t('events.slot', { n: s.index })} · ${slotText(s, event.timeZone)}`,
        { name: 'unavailable', value: String(s.index) })))));
  }
  const delegates = h('input', { type: 'number', min: '1', max: '20', value: '1', name: 'delegates', inputmode: 'numeric' });
  const form = h('form', { novalidate: true },
    h('h3', {}, t('events.register')),
    h('p', {}, t('events.registerLead')),
    h('fieldset', {}, h('legend', {}, t('events.unavailable')), h('p', { class: 'hint' }, t('events.unavailableHint')), groups),
    field(t('events.delegates'), delegates),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'register-button' }, t('events.registerSubmit'))),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const unavailableSlots = [...form.querySelectorAll('input[name="unavailable"]:checked')].map((i) => Number(i.value));
    try {
      await api(`/events/${encodeURIComponent(event.id)}/participants`, { method: 'POST', body: { companyId: company.id, unavailableSlots, delegates: Number(delegates.value) || 1 } });
      announce(t('events.registeredNow'));
      await done();
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  });
  return form;
}

/** The form to ask another participant (or a given company) for a meeting. */
export function meetingRequestForm(eventId, fromCompanyId, toChoices, onSent) {
  const status = h('div', { 'aria-live': 'polite' });
  const to = select(toChoices.map(([value, text]) => [value, text]), { name: 'toCompanyId' });
  const message = h('textarea', { name: 'message', maxlength: '2000', rows: '3' });
  const session = select(['ANY', 'MORNING', 'AFTERNOON'].map((s) => [s, label('session', s)]), { name: 'session' });
  const form = h('form', { novalidate: true, class: 'request-form' },
    toChoices.length > 1 ? field(t('request.to'), to) : null,
    field(t('request.message'), message, { hint: t('request.messageHint') }),
    field(t('request.session'), session),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('request.send'))),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const target = toChoices.length > 1 ? to.value : toChoices[0][0];
    try {
      await api(`/events/${encodeURIComponent(eventId)}/meeting-requests`, {
        method: 'POST', body: { fromCompanyId, toCompanyId: target, message: message.value, session: session.value },
      });
      clear(status).append(notice(t('request.sent')));
      announce(t('request.sent'));
      message.value = '';
      if (onSent) await onSent();
    } catch (error) {
      const text = error instanceof ApiError && error.status === 409 ? t('request.duplicate')
        : error instanceof ApiError && (error.status === 400 || error.status === 404) ? t('request.notParticipant') : errorText(error);
      clear(status).append(notice(text, 'error'));
    }
  });
  return form;
}

function requestForm(event, company, participants, refresh) {
  const others = participants.filter((p) => p.companyId !== company.id);
  const box = h('section', { 'aria-labelledby': 'new-request' }, h('h3', { id: 'new-request' }, t('request.title')));
  if (others.length === 0) {
    box.append(h('p', {}, t('request.nobody')));
    return box;
  }
  box.append(meetingRequestForm(event.id, company.id, others.map((p) => [p.companyId, p.companyName || p.companyId]), refresh));
  return box;
}

async function requestsSection(box, event, company, names, refresh) {
  box.append(h('h3', { id: 'requests-title' }, t('requests.title')));
  let requests;
  try {
    requests = items(await api(`/events/${encodeURIComponent(event.id)}/meeting-requests`));
  } catch (error) {
    box.append(notice(errorText(error), 'error'));
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const act = (request, action) => async () => {
    try {
      await api(`/events/${encodeURIComponent(event.id)}/meeting-requests/${encodeURIComponent(request.id)}/${action}`, { method: 'POST' });
      announce(t(`requests.done.${action}`));
      await refresh();
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  const name = (id) => names.get(id) || id;
  const table = (caption, list, incoming) => tableWrap(h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(incoming ? 'requests.from' : 'requests.to')),
      h('th', { scope: 'col' }, t('request.message')), h('th', { scope: 'col' }, t('request.session')),
      h('th', { scope: 'col' }, t('requests.status')), h('th', { scope: 'col' }, t('requests.actions')))),
    h('tbody', {}, list.map((r) => {
      const other = name(incoming ? r.fromCompanyId : r.toCompanyId);
      const buttons = [];
      if (incoming && r.status === 'PENDING') {
        buttons.push(h('button', { type: 'button', onclick: act(r, 'accept'), 'aria-label': t('requests.acceptFrom', { name: other }) }, t('requests.accept')),
          ' ', h('button', { type: 'button', class: 'secondary', onclick: act(r, 'decline'), 'aria-label': t('requests.declineFrom', { name: other }) }, t('requests.decline')));
      }
      if (r.status === 'PENDING' || r.status === 'ACCEPTED') {
        if (!incoming || r.status === 'ACCEPTED') {
          buttons.push(' ', h('button', { type: 'button', class: 'secondary', onclick: act(r, 'cancel'), 'aria-label': t('requests.cancelWith', { name: other }) }, t('requests.cancel')));
        }
      }
      return h('tr', {}, h('th', { scope: 'row' }, other), h('td', {}, r.message || ''), h('td', {}, label('session', r.session || 'ANY')),
        h('td', {}, label('requestStatus', r.status)), h('td', {}, buttons));
    }))), caption);
  const received = requests.filter((r) => r.toCompanyId === company.id);
  const sent = requests.filter((r) => r.fromCompanyId === company.id);
  box.append(status,
    received.length ? table(t('requests.received'), received, true) : h('p', {}, t('requests.noneReceived')),
    sent.length ? table(t('requests.sent'), sent, false) : h('p', {}, t('requests.noneSent')));
}

async function agendaSection(box, event, company) {
  box.append(h('h3', { id: 'agenda-title' }, t('agenda.title')));
  const path = `/events/${encodeURIComponent(event.id)}/agenda/${encodeURIComponent(company.id)}`;
  let agenda;
  try {
    agenda = await api(path);
  } catch (error) {
    box.append(h('p', {}, error instanceof ApiError && [404, 409, 403].includes(error.status) ? t('agenda.notYet') : errorText(error)));
    return;
  }
  const tz = agenda.timeZone || event.timeZone;
  const meetings = agenda.meetings || [];
  const meetingStatus = h('div', { 'aria-live': 'polite' });
  if (meetings.length === 0) box.append(h('p', {}, t('agenda.empty')));
  else {
    box.append(tableWrap(h('table', { class: 'agenda' },
      h('caption', {}, t('agenda.caption', { event: event.name })),
      h('thead', {}, h('tr', {}, ['agenda.when', 'agenda.table', 'agenda.with', 'checkIn.title'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, meetings.map((m) => h('tr', { 'data-meeting': m.meetingId },
        h('td', {}, `${fmt.weekday(m.start, tz)}, ${fmt.time(m.start, tz)}–${fmt.time(m.end, tz)}`),
        h('td', { class: 'num' }, String(m.table)),
        h('th', { scope: 'row' }, m.partnerName || m.partnerCompanyId),
        h('td', {}, checkInButtons(event, m, meetingStatus)))))), t('agenda.title')));
    box.append(meetingStatus, h('h4', { id: 'feedback-title' }, t('feedback.title')), h('p', { class: 'hint' }, t('feedback.lead')),
      ...meetings.map((m) => feedbackForm(event, m, meetingStatus)));
  }
  const status = h('div', { 'aria-live': 'polite' });
  const download = async () => {
    try {
      const response = await api(path, { accept: 'text/calendar', raw: true, lang: false });
      const blob = await response.blob();
      downloadBlob(new Blob([blob], { type: 'text/calendar' }), `elkarlan-${event.id}.ics`);
      clear(status).append(notice(t('agenda.downloaded')));
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  const subscription = h('div', { id: 'agenda-subscription', hidden: true });
  box.append(h('div', { class: 'actions' }, h('button', { type: 'button', id: 'ics-download', onclick: download }, t('agenda.ics'))),
    h('p', { class: 'hint' }, t('agenda.icsHint')), status, subscription);
  await subscriptionLink(subscription, path);
}

/** The secret address a calendar application polls; shown only when the service offers one (hidden on 404). */
async function subscriptionLink(box, agendaPath) {
  let url;
  try {
    const answer = await api(`${agendaPath}/subscription`, { lang: false });
    url = answer && answer.url;
  } catch (error) {
    return; // no subscription for this agenda (404), or not offered: the .ics download stays
  }
  if (!url || !/^https?:\/\//i.test(url)) return;
  const input = h('input', { type: 'text', readonly: true, value: url, id: 'subscription-url', class: 'wide' });
  const copied = h('div', { 'aria-live': 'polite' });
  const copy = async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(url);
      clear(copied).append(notice(t('agenda.subscriptionCopied')));
    } catch (error) {
      clear(copied).append(notice(t('agenda.subscriptionSelect')));
    }
  };
  box.append(h('h4', {}, t('agenda.subscriptionTitle')), h('p', {}, t('agenda.subscriptionLead')),
    field(t('agenda.subscriptionUrl'), input, { hint: t('agenda.subscriptionHint') }),
    h('div', { class: 'actions' }, h('a', { href: url.replace(/^https?:/i, 'webcal:'), class: 'button secondary', id: 'subscription-link' }, t('agenda.subscribe')),
      ' ', h('button', { type: 'button', class: 'secondary', onclick: copy }, t('agenda.subscriptionCopy'))), copied);
  box.hidden = false;
}

/** The state of a meeting's check-in ("✓ Held · noted by you"); checkIn as the service gives it, null before anyone noted it. */
export function checkInText(checkIn, byText) {
  if (!checkIn) return t('checkIn.notYet');
  const state = t(checkIn.held ? 'checkIn.stateHeld' : 'checkIn.stateMissed');
  return byText ? `${state} · ${byText}` : state;
}

/** Who noted the check-in, seen from my company (ME, PARTNER, ORGANIZER; none when unknown). */
function checkedInBy(checkIn, who) {
  if (!checkIn || !checkIn.by) return '';
  if (checkIn.by === 'ME') return t('checkIn.byMe');
  if (checkIn.by === 'PARTNER') return t('checkIn.byCompany', { who });
  return t('checkIn.byOrganizer');
}

/** Either party tells whether the meeting took place; the state shown is the service's (after a reload too). */
function checkInButtons(event, meeting, status) {
  const who = meeting.partnerName || meeting.partnerCompanyId;
  const state = h('span', { class: 'small check-in-state', 'data-part': 'check-in' }, checkInText(meeting.checkIn, checkedInBy(meeting.checkIn, who)));
  const mark = (held) => async () => {
    try {
      await api(`/events/${encodeURIComponent(event.id)}/meetings/${encodeURIComponent(meeting.meetingId)}/check-in`, { method: 'POST', body: { held } });
      const checkIn = { held, by: 'ME' };
      state.textContent = checkInText(checkIn, checkedInBy(checkIn, who));
      clear(status).append(notice(t(held ? 'checkIn.doneHeld' : 'checkIn.doneMissed', { who })));
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  };
  return [state, ' ', h('button', { type: 'button', class: 'secondary', onclick: mark(true), 'aria-label': t('checkIn.heldWith', { who }) }, t('checkIn.markHeld')),
    ' ', h('button', { type: 'button', class: 'secondary', onclick: mark(false), 'aria-label': t('checkIn.missedWith', { who }) }, t('checkIn.markMissed'))];
}

/** My own rating as kept by the service (the partner's is never shown). */
function myFeedbackText(feedback) {
  if (!feedback) return t('feedback.notYet');
  const rating = t(`feedback.rating${feedback.rating}`);
  return t(feedback.followUpPlanned ? 'feedback.mineFollowUp' : 'feedback.mine', { rating });
}

/** After the meeting: a rating from 1 to 4 and whether a follow-up is planned (the last answer counts). */
function feedbackForm(event, meeting, status) {
  const who = meeting.partnerName || meeting.partnerCompanyId;
  const rating = select([['', t('feedback.choose')], ...[4, 3, 2, 1].map((n) => [String(n), t(`feedback.rating${n}`)])], { name: 'rating' });
  const followUpId = id('follow');
  const followUp = h('input', { type: 'checkbox', name: 'followUpPlanned', id: followUpId });
  const mine = h('p', { class: 'small', 'data-part': 'my-feedback' }, myFeedbackText(meeting.myFeedback));
  if (meeting.myFeedback) {
    rating.value = String(meeting.myFeedback.rating);
    followUp.checked = Boolean(meeting.myFeedback.followUpPlanned);
  }
  const form = h('form', { novalidate: true, class: 'feedback-form', 'data-meeting': meeting.meetingId },
    h('fieldset', {}, h('legend', {}, t('feedback.legend', { who })), mine,
      field(t('feedback.rating'), rating),
      h('div', { class: 'check' }, followUp, h('label', { for: followUpId }, t('feedback.followUp'))),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('feedback.send')))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    rating.removeAttribute('aria-invalid');
    if (!rating.value) {
      rating.setAttribute('aria-invalid', 'true');
      clear(status).append(notice(t('feedback.ratingMissing'), 'error'));
      rating.focus();
      return;
    }
    try {
      await api(`/events/${encodeURIComponent(event.id)}/meetings/${encodeURIComponent(meeting.meetingId)}/feedback`, {
        method: 'POST', body: { rating: Number(rating.value), followUpPlanned: followUp.checked },
      });
      mine.textContent = myFeedbackText({ rating: Number(rating.value), followUpPlanned: followUp.checked });
      clear(status).append(notice(t('feedback.sent', { who })));
      announce(t('feedback.sent', { who }));
    } catch (error) {
      clear(status).append(notice(errorText(error), 'error'));
    }
  });
  return form;
}
