package eus.elkarlan.matching.match;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A pair that was suggested (MongoDB {@code matching.match_pairs}, {@code _id} = the two ids in
 * order, so two instances cannot suggest the same pair twice). It exists while the pair's score
 * stays above threshold − hysteresis; deleting it re-arms the pair. Its outbox
 * ({@code pendingMessages}) is written in the same document write as the state change.
 */
@Document("match_pairs")
record MatchPair(@Id String id, @Indexed List<String> members, double score, double notifiedScore, Instant notifiedAt,
        List<PendingMessage> pendingMessages) {

    static String idOf(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /**
     * An envelope waiting for the relay: its ce_id, ce_type, ce_source, ce_time and JSON body, and the
     * W3C trace context it was recorded in (so that it is sent in the same trace; may be null).
     */
    record PendingMessage(String messageId, String type, String source, Instant time, String json, String traceparent) {
    }
}
