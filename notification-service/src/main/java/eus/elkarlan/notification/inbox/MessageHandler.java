package eus.elkarlan.notification.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanyUpdated;
import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.contracts.event.MeetingCancelled;
import eus.elkarlan.contracts.event.MeetingDeclined;
import eus.elkarlan.contracts.event.MeetingRequested;
import eus.elkarlan.contracts.event.MeetingRescheduled;
import eus.elkarlan.contracts.event.SchedulePublished;
import eus.elkarlan.contracts.event.ScheduledMeeting;
import eus.elkarlan.contracts.match.MatchSuggested;
import eus.elkarlan.notification.agenda.Agenda;
import eus.elkarlan.notification.agenda.AgendaEntry;
import eus.elkarlan.notification.agenda.EventInfo;
import eus.elkarlan.notification.contact.Contact;
import eus.elkarlan.notification.contact.Contacts;
import eus.elkarlan.notification.feed.Feed;
import eus.elkarlan.notification.mail.IcsCalendar;
import eus.elkarlan.notification.mail.MailOutbox;
import eus.elkarlan.notification.mail.OutgoingMail.Attachment;
import eus.elkarlan.notification.notify.Notifier;
import eus.elkarlan.notification.template.NotificationKind;
import eus.elkarlan.notification.template.Templates;
import eus.elkarlan.notification.webhook.Webhooks;

/**
 * Turns a consumed message into stored work: read models, feed entries, pending mails and
 * webhook deliveries, each written with an id derived from the message id. The message id is
 * remembered last, so a message is either fully recorded or processed again.
 */
@Component
class MessageHandler {

    private static final int MAX_MESSAGE = 1000;

    private final ProcessedMessages processed;
    private final Contacts contacts;
    private final Agenda agenda;
    private final Notifier notifier;
    private final Feed feed;
    private final MailOutbox outbox;
    private final Webhooks webhooks;
    private final Templates templates;

    MessageHandler(ProcessedMessages processed, Contacts contacts, Agenda agenda, Notifier notifier, Feed feed,
            MailOutbox outbox, Webhooks webhooks, Templates templates) {
        this.processed = processed;
        this.contacts = contacts;
        this.agenda = agenda;
        this.notifier = notifier;
        this.feed = feed;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.templates = templates;
    }

    void handle(Envelope envelope) {
        if (processed.seen(envelope.id())) {
            return;
        }
        String id = envelope.id();
        switch (envelope.type()) {
            case COMPANY_REGISTERED -> snapshot(envelope, ((CompanyRegistered) envelope.data()).company());
            case COMPANY_UPDATED -> snapshot(envelope, ((CompanyUpdated) envelope.data()).company());
            case COMPANY_DELETED -> {
                String companyId = ((CompanyDeleted) envelope.data()).companyId();
                webhooks.fanOut(envelope, wasPublic(companyId));
                erase(companyId);
            }
            case MATCH_SUGGESTED -> {
                webhooks.fanOut(envelope, false);
                matchSuggested(id, (MatchSuggested) envelope.data());
            }
            case EVENT_PUBLISHED -> {
                webhooks.fanOut(envelope, false);
                agenda.apply((EventPublished) envelope.data());
            }
            case PARTICIPANT_REGISTERED -> webhooks.fanOut(envelope, false);
            case MEETING_REQUESTED -> {
                MeetingRequested request = (MeetingRequested) envelope.data();
                agenda.requested(request, envelope.time());
                Map<String, String> params = eventParams(request.eventId());
                putName(params, "fromName", request.fromCompanyId());
                if (request.message() != null && !request.message().isBlank()) {
                    params.put("message", truncate(request.message()));
                }
                notifier.notifyCompany(id, request.toCompanyId(), NotificationKind.MEETING_REQUESTED, params,
                        List.of(request.fromCompanyId()), null, null);
            }
            case MEETING_ACCEPTED -> {
                MeetingAccepted accepted = (MeetingAccepted) envelope.data();
                agenda.answered(accepted.requestId());
                tell(id, accepted.fromCompanyId(), accepted.toCompanyId(), accepted.eventId(),
                        NotificationKind.MEETING_ACCEPTED, null);
            }
            case MEETING_DECLINED -> {
                MeetingDeclined declined = (MeetingDeclined) envelope.data();
                agenda.answered(declined.requestId());
                tell(id, declined.fromCompanyId(), declined.toCompanyId(), declined.eventId(),
                        NotificationKind.MEETING_DECLINED, null);
            }
            case MEETING_CANCELLED -> meetingCancelled(id, (MeetingCancelled) envelope.data());
            case SCHEDULE_PUBLISHED -> {
                webhooks.fanOut(envelope, false);
                schedulePublished(id, (SchedulePublished) envelope.data());
            }
            case MEETING_RESCHEDULED -> meetingRescheduled(id, (MeetingRescheduled) envelope.data());
            default -> throw new InvalidMessageException("unexpected " + envelope.type());
        }
        processed.remember(envelope.id(), envelope.type().ceType());
    }

    /** A newer snapshot updates the contact and goes to partners; an older one arriving late does neither. */
    private void snapshot(Envelope envelope, eus.elkarlan.contracts.company.CompanySnapshot company) {
        var stored = contacts.find(company.companyId());
        if (stored.isPresent() && stored.get().version() > company.version()) {
            return;
        }
        webhooks.fanOut(envelope, stored.map(Contact::publicProfile).orElse(false));
        contacts.apply(company);
    }

    private void matchSuggested(String id, MatchSuggested match) {
        Map<String, String> params = new HashMap<>();
        if (match.partnerName() != null && !match.partnerName().isBlank()) {
            params.put("partnerName", match.partnerName());
        }
        else {
            putName(params, "partnerName", match.partnerCompanyId());
        }
        params.put("scorePercent", String.valueOf(Math.round(match.score() * 100)));
        params.put("partnerCompanyId", match.partnerCompanyId());
        notifier.notifyCompany(id, match.companyId(), NotificationKind.MATCH_SUGGESTED, params,
                List.of(match.partnerCompanyId()), null, null);
    }

    private void meetingCancelled(String id, MeetingCancelled cancelled) {
        agenda.answered(cancelled.requestId());
        List<AgendaEntry> scheduled = cancelled.meetingId() == null ? List.of() : agenda.meetingsOf(cancelled.meetingId());
        String by = cancelled.cancelledByCompanyId();
        if (!cancelled.fromCompanyId().equals(by)) {
            tell(id, cancelled.fromCompanyId(), cancelled.toCompanyId(), cancelled.eventId(),
                    NotificationKind.MEETING_CANCELLED, cancellationIcs(scheduled, cancelled.fromCompanyId()));
        }
        if (!cancelled.toCompanyId().equals(by)) {
            tell(id, cancelled.toCompanyId(), cancelled.fromCompanyId(), cancelled.eventId(),
                    NotificationKind.MEETING_CANCELLED, cancellationIcs(scheduled, cancelled.toCompanyId()));
        }
        if (cancelled.meetingId() != null) {
            agenda.unschedule(cancelled.meetingId());
        }
    }

    /** A scheduled meeting that is cancelled: the same UID, a higher SEQUENCE, STATUS:CANCELLED. */
    private Function<String, List<Attachment>> cancellationIcs(List<AgendaEntry> scheduled, String companyId) {
        return scheduled.stream().filter(e -> e.companyId().equals(companyId)).findFirst()
                .<Function<String, List<Attachment>>>map(entry -> lang -> {
                    Map<String, String> params = eventParams(entry.eventId());
                    putName(params, "partnerName", entry.partnerCompanyId());
                    params.put("table", String.valueOf(entry.table()));
                    return List.of(new Attachment("meeting.ics", IcsCalendar.CONTENT_TYPE, IcsCalendar.of(List.of(
                            new IcsCalendar.Meeting(entry.meetingId(), entry.start(), entry.end(), entry.sequence() + 1,
                                    templates.text(lang, "ics.summary", params), templates.text(lang, "ics.location", params),
                                    templates.text(lang, "ics.description", params), true)), entry.start())));
                }).orElse(null);
    }

    private void schedulePublished(String id, SchedulePublished schedule) {
        agenda.rememberEvent(schedule.eventId(), schedule.eventName(), schedule.venueName(), schedule.timeZone());
        Map<String, List<ScheduledMeeting>> byCompany = new LinkedHashMap<>();
        List<String> meetingIds = new ArrayList<>();
        for (ScheduledMeeting meeting : schedule.meetings()) {
            meetingIds.add(meeting.meetingId());
            for (String companyId : meeting.companyIds()) {
                byCompany.computeIfAbsent(companyId, c -> new ArrayList<>()).add(meeting);
            }
        }
        for (var entry : byCompany.entrySet()) {
            String companyId = entry.getKey();
            List<ScheduledMeeting> meetings = entry.getValue().stream()
                    .sorted(java.util.Comparator.comparing(ScheduledMeeting::start)).toList();
            for (ScheduledMeeting meeting : meetings) {
                agenda.schedule(schedule.eventId(), meeting, companyId, schedule.sequence());
            }
            Map<String, String> params = eventParams(schedule.eventId());
            params.put("eventName", schedule.eventName());
            if (schedule.venueName() != null) {
                params.put("venueName", schedule.venueName());
            }
            params.put("timeZone", schedule.timeZone());
            params.put("meetingCount", String.valueOf(meetings.size()));
            List<String> partners = meetings.stream().map(m -> partnerOf(m, companyId)).toList();
            notifier.notifyCompany(id, companyId, NotificationKind.SCHEDULE_PUBLISHED, params, partners,
                    lang -> Map.of("meetingList", meetingList(lang, meetings, companyId, params)),
                    lang -> List.of(new Attachment("agenda.ics", IcsCalendar.CONTENT_TYPE,
                            ics(lang, meetings, companyId, params, schedule.sequence()))));
        }
        agenda.keepOnly(schedule.eventId(), meetingIds);
    }

    private void meetingRescheduled(String id, MeetingRescheduled moved) {
        agenda.rememberEvent(moved.eventId(), moved.eventName(), null, moved.timeZone());
        ScheduledMeeting meeting = moved.meeting();
        for (String companyId : meeting.companyIds()) {
            agenda.schedule(moved.eventId(), meeting, companyId, moved.sequence());
            Map<String, String> params = eventParams(moved.eventId());
            if (moved.eventName() != null) {
                params.put("eventName", moved.eventName());
            }
            if (moved.timeZone() != null) {
                params.put("timeZone", moved.timeZone());
            }
            String partner = partnerOf(meeting, companyId);
            putName(params, "partnerName", partner);
            params.put("startTime", meeting.start().toString());
            params.put("table", String.valueOf(meeting.table()));
            notifier.notifyCompany(id, companyId, NotificationKind.MEETING_RESCHEDULED, params, List.of(partner), null,
                    lang -> List.of(new Attachment("meeting.ics", IcsCalendar.CONTENT_TYPE,
                            ics(lang, List.of(meeting), companyId, params, moved.sequence()))));
        }
    }

    private String meetingList(String lang, List<ScheduledMeeting> meetings, String companyId,
            Map<String, String> eventParams) {
        StringBuilder out = new StringBuilder();
        for (ScheduledMeeting meeting : meetings) {
            Map<String, String> params = new HashMap<>(eventParams);
            putName(params, "partnerName", partnerOf(meeting, companyId));
            params.put("startTime", meeting.start().toString());
            params.put("table", String.valueOf(meeting.table()));
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(templates.text(lang, "schedule.line", params));
        }
        return out.toString();
    }

    private String ics(String lang, List<ScheduledMeeting> meetings, String companyId, Map<String, String> eventParams,
            int sequence) {
        List<IcsCalendar.Meeting> events = new ArrayList<>();
        for (ScheduledMeeting meeting : meetings) {
            Map<String, String> params = new HashMap<>(eventParams);
            putName(params, "partnerName", partnerOf(meeting, companyId));
            params.put("table", String.valueOf(meeting.table()));
            events.add(new IcsCalendar.Meeting(meeting.meetingId(), meeting.start(), meeting.end(), sequence,
                    templates.text(lang, "ics.summary", params), templates.text(lang, "ics.location", params),
                    templates.text(lang, "ics.description", params), false));
        }
        return IcsCalendar.of(events, java.time.Instant.now());
    }

    /** Tells {@code recipient} what {@code partner} did about a meeting. */
    private void tell(String id, String recipient, String partner, String eventId, NotificationKind kind,
            Function<String, List<Attachment>> attachments) {
        Map<String, String> params = eventParams(eventId);
        putName(params, "partnerName", partner);
        notifier.notifyCompany(id, recipient, kind, params, List.of(partner), null, attachments);
    }

    private Map<String, String> eventParams(String eventId) {
        Map<String, String> params = new HashMap<>();
        params.put("eventId", eventId);
        agenda.event(eventId).ifPresent((EventInfo event) -> {
            if (event.name() != null) {
                params.put("eventName", event.name());
            }
            if (event.venueName() != null) {
                params.put("venueName", event.venueName());
            }
            if (event.timeZone() != null) {
                params.put("timeZone", event.timeZone());
            }
        });
        return params;
    }

    private void putName(Map<String, String> params, String key, String companyId) {
        contacts.find(companyId).map(Contact::legalName).ifPresent(name -> params.put(key, name));
    }

    private static String partnerOf(ScheduledMeeting meeting, String companyId) {
        return meeting.companyIds().get(0).equals(companyId) ? meeting.companyIds().get(1) : meeting.companyIds().get(0);
    }

    private boolean wasPublic(String companyId) {
        return contacts.find(companyId).map(Contact::publicProfile).orElse(false);
    }

    private void erase(String companyId) {
        outbox.erase(companyId);
        feed.erase(companyId);
        agenda.erase(companyId);
        webhooks.erase(companyId);
        contacts.erase(companyId);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "\u2026";
    }
}
