package eus.elkarlan.notification.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.MessageType;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.contracts.company.CompanyUpdated;
import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.ParticipantRegistered;
import eus.elkarlan.contracts.event.SchedulePublished;
import eus.elkarlan.contracts.match.MatchSuggested;

/**
 * What partners may see of a message: only public data. The internal topics carry contact
 * e-mails, owners' subjects, legal ids of sole traders, self-declared facts and who meets whom;
 * none of that leaves the platform. Per type:
 * <ul>
 * <li>company registered/updated: the public directory card, only for a public profile (a profile
 * that turns private is sent as {@code {companyId, publicProfile:false}} so the partner drops it);
 * deleted: the id, only for a company that was public;</li>
 * <li>match suggested: no company at all — whether it crosses the border and the score, for counts;</li>
 * <li>event published: the event without its organizer; participant registered: the event id;</li>
 * <li>schedule published: the event, the number of meetings and of companies.</li>
 * </ul>
 * Meeting requests, answers, cancellations and moves are between two companies: never sent.
 */
public final class PartnerPayloads {

    public static final Set<String> PARTNER_TYPES = Set.of(MessageType.COMPANY_REGISTERED.ceType(),
            MessageType.COMPANY_UPDATED.ceType(), MessageType.COMPANY_DELETED.ceType(),
            MessageType.MATCH_SUGGESTED.ceType(), MessageType.EVENT_PUBLISHED.ceType(),
            MessageType.PARTICIPANT_REGISTERED.ceType(), MessageType.SCHEDULE_PUBLISHED.ceType());

    private PartnerPayloads() {
    }

    /** The partner view of a message, or empty when partners get nothing of it. */
    public static Optional<PartnerView> of(Envelope envelope, boolean companyWasPublic) {
        return switch (envelope.type()) {
            case COMPANY_REGISTERED -> company(envelope, ((CompanyRegistered) envelope.data()).company(), companyWasPublic);
            case COMPANY_UPDATED -> company(envelope, ((CompanyUpdated) envelope.data()).company(), companyWasPublic);
            case COMPANY_DELETED -> {
                CompanyDeleted deleted = (CompanyDeleted) envelope.data();
                yield companyWasPublic
                        ? Optional.of(new PartnerView(deleted.companyId(), null, Map.of("companyId", deleted.companyId())))
                        : Optional.empty();
            }
            case MATCH_SUGGESTED -> {
                MatchSuggested match = (MatchSuggested) envelope.data();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("crossBorder", match.crossBorder());
                data.put("score", Math.round(match.score() * 100) / 100.0);
                yield Optional.of(new PartnerView(null, null, data));
            }
            case EVENT_PUBLISHED -> {
                EventPublished event = (EventPublished) envelope.data();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("eventId", event.eventId());
                data.put("name", event.name());
                data.put("venueName", event.venueName());
                data.put("venueCity", event.venueCity());
                data.put("timeZone", event.timeZone());
                data.put("slotMinutes", event.slotMinutes());
                data.put("tables", event.tables());
                data.put("registrationDeadline", event.registrationDeadline() == null ? null
                        : event.registrationDeadline().toString());
                data.put("slots", event.slots().stream().map(s -> Map.of("index", s.index(), "start",
                        s.start().toString(), "end", s.end().toString(), "session", String.valueOf(s.session()))).toList());
                data.put("status", event.status());
                yield Optional.of(new PartnerView(null, event.eventId(), data));
            }
            case PARTICIPANT_REGISTERED -> {
                ParticipantRegistered participant = (ParticipantRegistered) envelope.data();
                yield Optional.of(new PartnerView(null, participant.eventId(), Map.of("eventId", participant.eventId())));
            }
            case SCHEDULE_PUBLISHED -> {
                SchedulePublished schedule = (SchedulePublished) envelope.data();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("eventId", schedule.eventId());
                data.put("eventName", schedule.eventName());
                data.put("venueName", schedule.venueName());
                data.put("timeZone", schedule.timeZone());
                data.put("sequence", schedule.sequence());
                data.put("meetings", schedule.meetings().size());
                data.put("companies", schedule.meetings().stream().flatMap(m -> m.companyIds().stream()).distinct().count());
                yield Optional.of(new PartnerView(null, schedule.eventId(), data));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<PartnerView> company(Envelope envelope, CompanySnapshot company, boolean wasPublic) {
        if (!company.publicProfile()) {
            return wasPublic ? Optional.of(new PartnerView(company.companyId(), null,
                    Map.of("companyId", company.companyId(), "publicProfile", false))) : Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("companyId", company.companyId());
        data.put("legalName", company.legalName());
        data.put("territory", company.territory());
        data.put("region", company.region());
        data.put("country", company.country());
        data.put("city", company.city());
        data.put("website", company.website());
        data.put("sizeBand", company.sizeBand());
        data.put("naceCode", company.naceCode());
        data.put("languages", company.languages());
        data.put("description", company.description());
        data.put("offers", items(company.offers()));
        data.put("needs", items(company.needs()));
        data.put("publicProfile", true);
        data.put("version", company.version());
        return Optional.of(new PartnerView(company.companyId(), null, data));
    }

    private static List<Map<String, Object>> items(List<CompanySnapshot.Item> items) {
        return items.stream().map(item -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", item.title());
            m.put("description", item.description());
            m.put("lang", item.lang());
            m.put("concepts", item.concepts());
            m.put("cooperation", item.cooperation());
            return m;
        }).toList();
    }

    /**
     * @param companyId the company it is about (for erasure), or {@code null}
     * @param subject   what the payload names as its subject, or {@code null}
     */
    public record PartnerView(String companyId, String subject, Map<String, Object> data) {
    }
}
