package eus.elkarlan.matching.match;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.MessageJson;
import eus.elkarlan.observability.TraceParent;
import eus.elkarlan.contracts.match.MatchSuggested;
import eus.elkarlan.matching.company.CompanyChangeListener;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyProfile;

/**
 * The incremental part: after a company changed, scores it against its candidates (found through
 * the inverted indexes, so only the pairs it touches), and for every pair that crosses the
 * notification threshold for the first time (or again after falling below threshold − hysteresis,
 * or rising by {@code renotifyRise} above the last suggestion) records {@code match.suggested} for
 * both companies in the pair's outbox. On erasure, every pair of the company goes.
 */
public class MatchNotifier implements CompanyChangeListener {

    static final String SOURCE = "/matching-service";
    private static final Logger log = LoggerFactory.getLogger(MatchNotifier.class);

    private final MongoTemplate mongo;
    private final MatchFinder finder;
    private final MatchingProperties.Notification settings;

    public MatchNotifier(MongoTemplate mongo, MatchFinder finder, MatchingProperties properties) {
        this.mongo = mongo;
        this.finder = finder;
        this.settings = properties.notification();
    }

    @Override
    public void companyChanged(CompanyProfile company) {
        CompanyDirectory directory = finder.directory();
        double rearmBelow = settings.threshold() - settings.hysteresis();
        Map<String, Double> scores = new HashMap<>();
        directory.read(() -> {
            finder.forEachCandidateReachingUnlocked(company, rearmBelow, (partner, score) -> {
                if (score >= rearmBelow) {
                    scores.put(partner.id(), score);
                }
            });
            return null;
        });
        Map<String, MatchPair> existing = new HashMap<>();
        for (MatchPair pair : mongo.find(Query.query(Criteria.where("members").is(company.id())), MatchPair.class)) {
            existing.put(partnerOf(pair, company.id()), pair);
        }
        for (Map.Entry<String, MatchPair> e : existing.entrySet()) {
            if (!scores.containsKey(e.getKey())) {
                mongo.remove(Query.query(Criteria.where("_id").is(e.getValue().id())), MatchPair.class);
            }
        }
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            double score = e.getValue();
            if (score < settings.threshold()) {
                continue;
            }
            MatchPair pair = existing.get(e.getKey());
            if (pair == null) {
                suggestNew(company.id(), e.getKey(), score);
            }
            else if (score >= pair.notifiedScore() + settings.renotifyRise()) {
                suggestAgain(pair, company.id(), e.getKey(), score);
            }
        }
    }

    @Override
    public void companyErased(String companyId) {
        mongo.remove(Query.query(Criteria.where("members").is(companyId)), MatchPair.class);
    }

    private void suggestNew(String companyId, String partnerId, double score) {
        List<MatchPair.PendingMessage> messages = messages(companyId, partnerId);
        if (messages.isEmpty()) {
            return;
        }
        MatchPair pair = new MatchPair(MatchPair.idOf(companyId, partnerId), List.of(companyId, partnerId), score, score,
                Instant.now(), messages);
        try {
            mongo.insert(pair);
        }
        catch (DuplicateKeyException ex) {
            log.debug("pair {} already suggested by another instance", pair.id());
        }
    }

    private void suggestAgain(MatchPair pair, String companyId, String partnerId, double score) {
        List<MatchPair.PendingMessage> messages = messages(companyId, partnerId);
        if (messages.isEmpty()) {
            return;
        }
        Update update = new Update().set("score", score).set("notifiedScore", score).set("notifiedAt", Instant.now())
                .push("pendingMessages").each(messages.toArray());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(pair.id()).and("notifiedScore").is(pair.notifiedScore())),
                update, MatchPair.class);
    }

    /** The two suggestions (one for each company, each from its own point of view). */
    private List<MatchPair.PendingMessage> messages(String companyId, String partnerId) {
        CompanyDirectory directory = finder.directory();
        return directory.read(() -> {
            CompanyProfile a = directory.byIdUnlocked(companyId);
            CompanyProfile b = directory.byIdUnlocked(partnerId);
            if (a == null || b == null) {
                return List.of();
            }
            return List.of(pending(finder.scorer().explain(directory, a, b)),
                    pending(finder.scorer().explain(directory, b, a)));
        });
    }

    private static MatchPair.PendingMessage pending(PairScore pair) {
        List<MatchSuggested.Reason> reasons = MatchReason.of(pair).stream()
                .map(r -> new MatchSuggested.Reason(r.code(), r.concepts(), r.params())).toList();
        MatchSuggested body = new MatchSuggested(pair.company().id(), pair.partner().id(), pair.partner().name(),
                Math.round(pair.score() * 10_000) / 10_000.0, pair.crossBorder(), reasons);
        Envelope envelope = Envelope.of(SOURCE, body);
        return new MatchPair.PendingMessage(envelope.id(), envelope.type().ceType(), envelope.source(), envelope.time(),
                new String(MessageJson.write(body), StandardCharsets.UTF_8), TraceParent.current());
    }

    private static String partnerOf(MatchPair pair, String companyId) {
        return pair.members().get(0).equals(companyId) ? pair.members().get(1) : pair.members().get(0);
    }
}
