package eus.elkarlan.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapping of message bodies: ISO-8601 times, unknown fields tolerated (additive evolution). */
public final class MessageJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private MessageJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(ElkarlanMessage body) {
        return MAPPER.writeValueAsBytes(body);
    }

    /** Reads a body of the given type; {@link InvalidMessageException} when it breaks the contract. */
    public static ElkarlanMessage read(MessageType type, byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidMessageException("empty body for " + type.ceType());
        }
        try {
            return MAPPER.readValue(body, type.bodyType());
        }
        catch (InvalidMessageException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            Throwable cause = ex;
            while (cause.getCause() != null && cause != cause.getCause()) {
                if (cause.getCause() instanceof InvalidMessageException invalid) {
                    throw invalid;
                }
                cause = cause.getCause();
            }
            throw new InvalidMessageException("malformed body for " + type.ceType() + ": " + ex.getMessage(), ex);
        }
    }
}
