package eus.elkarlan.contracts;

/**
 * A message of the catalogue. Every message belongs to one aggregate, whose id is both the
 * Kafka record key and the CloudEvents {@code subject}, so that everything about one aggregate
 * keeps its order. {@link MessageType} lists the catalogue (every implementation is there).
 */
public interface ElkarlanMessage {

    /** The id of the aggregate this message is about: record key and {@code ce_subject}. */
    String aggregateId();

    /** The catalogue entry of this message: its {@code ce_type} and topic. */
    default MessageType messageType() {
        return MessageType.of(getClass());
    }

    /** Fails with {@link InvalidMessageException} when a required field is missing. */
    static <T> T required(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidMessageException("missing field " + field);
        }
        return value;
    }
}
