package eus.elkarlan.notification.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.Topics;

/**
 * The consumers of the three topics. A listener returns only once the work of its message is
 * stored; the offset is committed after that (ack mode RECORD), so a crash redelivers the message
 * and the deterministic work ids make the second pass store nothing new.
 */
@Component
class MessageListeners {

    private final MessageHandler handler;

    MessageListeners(MessageHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "notification-companies", idIsGroup = false, topics = Topics.COMPANIES)
    void companies(ConsumerRecord<String, Envelope> record) {
        accept(record);
    }

    @KafkaListener(id = "notification-matches", idIsGroup = false, topics = Topics.MATCHES)
    void matches(ConsumerRecord<String, Envelope> record) {
        accept(record);
    }

    @KafkaListener(id = "notification-events", idIsGroup = false, topics = Topics.EVENTS)
    void events(ConsumerRecord<String, Envelope> record) {
        accept(record);
    }

    private void accept(ConsumerRecord<String, Envelope> record) {
        Envelope envelope = record.value();
        if (envelope == null) {
            return; // a tombstone: the `deleted` before it did the erasure
        }
        if (!record.topic().equals(envelope.topic())) {
            throw new InvalidMessageException(envelope.type().ceType() + " does not belong on " + record.topic());
        }
        if (record.key() != null && !record.key().equals(envelope.subject())) {
            throw new InvalidMessageException("record key does not match ce_subject");
        }
        handler.handle(envelope);
    }
}
