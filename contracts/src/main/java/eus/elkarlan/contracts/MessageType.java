package eus.elkarlan.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanyUpdated;
import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.contracts.event.MeetingCancelled;
import eus.elkarlan.contracts.event.MeetingDeclined;
import eus.elkarlan.contracts.event.MeetingRequested;
import eus.elkarlan.contracts.event.MeetingRescheduled;
import eus.elkarlan.contracts.event.ParticipantRegistered;
import eus.elkarlan.contracts.event.SchedulePublished;
import eus.elkarlan.contracts.match.MatchSuggested;

/** The message catalogue: each {@code ce_type}, its topic and its body. Consumers dispatch on it. */
public enum MessageType {

    COMPANY_REGISTERED("eus.elkarlan.company.registered.v1", Topics.COMPANIES, CompanyRegistered.class),
    COMPANY_UPDATED("eus.elkarlan.company.updated.v1", Topics.COMPANIES, CompanyUpdated.class),
    COMPANY_DELETED("eus.elkarlan.company.deleted.v1", Topics.COMPANIES, CompanyDeleted.class),
    MATCH_SUGGESTED("eus.elkarlan.match.suggested.v1", Topics.MATCHES, MatchSuggested.class),
    EVENT_PUBLISHED("eus.elkarlan.event.published.v1", Topics.EVENTS, EventPublished.class),
    PARTICIPANT_REGISTERED("eus.elkarlan.event.participant-registered.v1", Topics.EVENTS, ParticipantRegistered.class),
    MEETING_REQUESTED("eus.elkarlan.event.meeting-requested.v1", Topics.EVENTS, MeetingRequested.class),
    MEETING_ACCEPTED("eus.elkarlan.event.meeting-accepted.v1", Topics.EVENTS, MeetingAccepted.class),
    MEETING_DECLINED("eus.elkarlan.event.meeting-declined.v1", Topics.EVENTS, MeetingDeclined.class),
    MEETING_CANCELLED("eus.elkarlan.event.meeting-cancelled.v1", Topics.EVENTS, MeetingCancelled.class),
    SCHEDULE_PUBLISHED("eus.elkarlan.event.schedule-published.v1", Topics.EVENTS, SchedulePublished.class),
    MEETING_RESCHEDULED("eus.elkarlan.event.meeting-rescheduled.v1", Topics.EVENTS, MeetingRescheduled.class);

    private static final Map<String, MessageType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::ceType, Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<? extends ElkarlanMessage> bodyType;

    MessageType(String ceType, String topic, Class<? extends ElkarlanMessage> bodyType) {
        this.ceType = ceType;
        this.topic = topic;
        this.bodyType = bodyType;
    }

    /** The CloudEvents {@code type}, e.g. {@code eus.elkarlan.company.registered.v1}. */
    public String ceType() {
        return ceType;
    }

    /** The topic that carries this type. */
    public String topic() {
        return topic;
    }

    /** The record of the body. */
    public Class<? extends ElkarlanMessage> bodyType() {
        return bodyType;
    }

    /** Classpath resource of the golden JSON sample of this type's body. */
    public String sampleResource() {
        return "eus/elkarlan/contracts/samples/" + ceType + ".json";
    }

    /** The catalogue entry of a {@code ce_type}; {@link InvalidMessageException} for an unknown one. */
    public static MessageType ofCeType(String ceType) {
        MessageType type = ceType == null ? null : BY_CE_TYPE.get(ceType);
        if (type == null) {
            throw new InvalidMessageException("unknown ce_type " + ceType);
        }
        return type;
    }

    static MessageType of(Class<?> bodyType) {
        for (MessageType type : values()) {
            if (type.bodyType == bodyType) {
                return type;
            }
        }
        throw new IllegalArgumentException("not in the catalogue: " + bodyType.getName());
    }
}
