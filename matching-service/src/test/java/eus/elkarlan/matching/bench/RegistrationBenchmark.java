package eus.elkarlan.matching.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.localstack.MongoWireServer;
import eus.elkarlan.matching.company.CompanyChangeListener;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyDraft;
import eus.elkarlan.matching.company.CompanyProfile;
import eus.elkarlan.matching.company.CompanyReadModel;
import eus.elkarlan.matching.match.MatchFinder;
import eus.elkarlan.matching.match.MatchNotifier;
import eus.elkarlan.matching.match.MatchScorer;
import eus.elkarlan.matching.match.MatchingProperties;
import eus.elkarlan.matching.text.TextAnalysis;

/**
 * From a consumed {@code company.registered} to the new company's match list, in process: the
 * read model the Kafka listener calls ({@link CompanyReadModel#apply}: validate, version check and
 * store in the MongoDB-wire server, analyse, index), then the list a {@code GET …/matches} returns
 * (top-20, explained), then the suggestions the notifier records (pairs scored, {@code match_pairs}
 * written). Kafka's delivery and the HTTP round trip are left out. The directory holds N synthetic
 * companies (seed 42); each registration is a new company. Not a test; see README.md.
 */
public final class RegistrationBenchmark {

    private static final int REGISTRATIONS = 200;
    private static final int WARMUP = 50;

    public static void main(String[] args) {
        int n = args.length == 0 ? 10000 : Integer.parseInt(args[0]);
        MongoServer server = MongoWireServer.inMemory();
        String uri = "mongodb://" + server.getLocalAddress().getHostString() + ":" + server.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            run(n, new MongoTemplate(client, "matching"));
        }
        finally {
            server.shutdownNow();
        }
    }

    private static void run(int n, MongoTemplate mongo) {
        TextAnalysis text = new TextAnalysis();
        CompanyDirectory directory = new CompanyDirectory();
        for (CompanySnapshot s : SyntheticPopulation.generate(n, n / 20, 42)) {
            directory.upsert(CompanyDraft.of(s, text));
        }
        MatchingProperties properties = MatchingProperties.defaults();
        MatchFinder finder = new MatchFinder(directory, new MatchScorer(properties));
        long[] start = new long[1];
        long[] listed = new long[1];
        int[] listLength = new int[1];
        // told first, as a GET arriving the moment the directory holds the company (the notifier runs after it)
        CompanyChangeListener reader = new CompanyChangeListener() {
            @Override
            public void companyChanged(CompanyProfile company) {
                listLength[0] = finder.top(company.id(), 20, false).orElseThrow().size();
                listed[0] = System.nanoTime();
            }

            @Override
            public void companyErased(String companyId) {
            }
        };
        CompanyReadModel readModel = new CompanyReadModel(mongo, directory, text,
                List.of(reader, new MatchNotifier(mongo, finder, properties)));

        Random random = new Random(99);
        long[] toList = new long[REGISTRATIONS];
        long[] toSuggestions = new long[REGISTRATIONS];
        List<Integer> lengths = new ArrayList<>();
        for (int r = 0; r < WARMUP + REGISTRATIONS; r++) {
            CompanySnapshot registered = SyntheticPopulation.company(n + r, random, 0, 1);
            start[0] = System.nanoTime();
            readModel.apply(registered);
            long done = System.nanoTime();
            if (r >= WARMUP) {
                toList[r - WARMUP] = listed[0] - start[0];
                toSuggestions[r - WARMUP] = done - start[0];
                lengths.add(listLength[0]);
            }
        }
        Arrays.sort(toList);
        Arrays.sort(toSuggestions);
        int p99 = (int) Math.ceil(REGISTRATIONS * 0.99) - 1;
        System.out.printf("N=%d, %d registrations: consumed → match list served p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                + " consumed → suggestions stored p50 %.1f ms, p99 %.1f ms; list length min %d; pairs stored %d;"
                + " load average %.1f%n", n, REGISTRATIONS, toList[REGISTRATIONS / 2] / 1e6, toList[p99] / 1e6,
                toList[REGISTRATIONS - 1] / 1e6, toSuggestions[REGISTRATIONS / 2] / 1e6, toSuggestions[p99] / 1e6,
                lengths.stream().mapToInt(Integer::intValue).min().orElse(0), mongo.getCollection("match_pairs").countDocuments(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
