package eus.elkarlan.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0, Kafka protocol binding, binary mode: the attributes travel as {@code ce_*}
 * headers and the body is the JSON of the message. This is the only place that knows the mapping.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** Writes the attributes of the envelope as headers (replacing any of the same name). */
    public static void write(Envelope envelope, Headers headers) {
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        put(headers, ID, envelope.id());
        put(headers, TYPE, envelope.type().ceType());
        put(headers, SOURCE, envelope.source());
        put(headers, TIME, envelope.time().toString());
        put(headers, SUBJECT, envelope.subject());
        put(headers, CONTENT_TYPE, APPLICATION_JSON);
    }

    /** Reads headers and body back into an envelope; {@link InvalidMessageException} when anything is off. */
    public static Envelope read(Headers headers, byte[] body) {
        String specVersion = get(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidMessageException("unsupported ce_specversion " + specVersion);
        }
        MessageType type = MessageType.ofCeType(get(headers, TYPE));
        String id = require(headers, ID);
        String source = require(headers, SOURCE);
        Instant time;
        try {
            time = Instant.parse(require(headers, TIME));
        }
        catch (DateTimeParseException ex) {
            throw new InvalidMessageException("malformed ce_time", ex);
        }
        String contentType = get(headers, CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(APPLICATION_JSON)) {
            throw new InvalidMessageException("unsupported content-type " + contentType);
        }
        ElkarlanMessage data = MessageJson.read(type, body);
        String subject = get(headers, SUBJECT);
        if (subject != null && !subject.equals(data.aggregateId())) {
            throw new InvalidMessageException("ce_subject " + subject + " does not match the body");
        }
        return new Envelope(id, source, time, data);
    }

    /** The value of a header as text, or {@code null}. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String require(Headers headers, String name) {
        String value = get(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException("missing header " + name);
        }
        return value;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
