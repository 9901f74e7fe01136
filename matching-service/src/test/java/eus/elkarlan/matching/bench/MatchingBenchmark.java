package eus.elkarlan.matching.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyDraft;
import eus.elkarlan.matching.company.CompanyProfile;
import eus.elkarlan.matching.match.MatchFinder;
import eus.elkarlan.matching.match.MatchScorer;
import eus.elkarlan.matching.match.MatchingProperties;
import eus.elkarlan.matching.text.TextAnalysis;

/**
 * In-process benchmark of the scoring (no Kafka, no MongoDB): for each N, builds the directory,
 * recomputes every company's top-20, then times single profile updates (re-index the changed
 * company, score it against all its candidates as the notifier does, and explain its new top-20),
 * and checks on planted pairs that the planted partner is found. Not a test; run it with the
 * command in README.md. Arguments: population sizes (default 1000 10000).
 */
public final class MatchingBenchmark {

    private static final int TOP = 20;
    private static final int UPDATES = 300;
    private static final int WARMUP_UPDATES = 100;

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1000, 10000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("cores=%d maxHeap=%d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        for (int n : sizes) {
            run(n);
        }
    }

    private static void run(int n) {
        int planted = Math.max(10, n / 20);
        TextAnalysis text = new TextAnalysis();
        List<CompanySnapshot> population = SyntheticPopulation.generate(n, planted, 42);
        System.gc();
        resetPeaks();
        long t0 = System.nanoTime();
        CompanyDirectory directory = new CompanyDirectory();
        for (CompanySnapshot s : population) {
            directory.upsert(CompanyDraft.of(s, text));
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        MatchFinder finder = new MatchFinder(directory, new MatchScorer(MatchingProperties.defaults()));

        // full recompute of every company's top-20 (twice: the first run warms the JIT)
        long fullMs = 0;
        long fullCpuMs = 0;
        long exact = 0;
        for (int round = 0; round < 2; round++) {
            long exactBefore = finder.exactlyScoredPairs();
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            directory.read(() -> {
                List<CompanyProfile> all = new ArrayList<>(directory.profilesUnlocked());
                all.parallelStream().forEach(c -> finder.rankUnlocked(c, TOP, false, 0.05));
                return null;
            });
            fullMs = (System.nanoTime() - start) / 1_000_000;
            fullCpuMs = (processCpuNanos() - cpuStart) / 1_000_000;
            exact = finder.exactlyScoredPairs() - exactBefore;
        }
        AtomicLong candidatePairs = new AtomicLong();
        directory.read(() -> {
            directory.profilesUnlocked().forEach(c -> candidatePairs.addAndGet(finder.candidates(c).cardinality()));
            return null;
        });
        long peakHeap = peakHeapMiB();

        // planted partners: is each planted company's partner its top-1 / in its top-10?
        int top1 = 0;
        int top10 = 0;
        for (int i = 0; i < 2 * planted; i++) {
            String partner = "c" + (i % 2 == 0 ? i + 1 : i - 1);
            List<String> ranked = finder.top("c" + i, 10, false).orElseThrow().stream().map(p -> p.partner().id()).toList();
            if (!ranked.isEmpty() && ranked.get(0).equals(partner)) {
                top1++;
            }
            if (ranked.contains(partner)) {
                top10++;
            }
        }

        // one profile update to refreshed matches (what MatchNotifier and a GET of the list do)
        double notifyFrom = MatchingProperties.defaults().notification().threshold()
                - MatchingProperties.defaults().notification().hysteresis();
        Random random = new Random(7);
        long[] times = new long[UPDATES];
        long[] cpuTimes = new long[UPDATES];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int u = 0; u < WARMUP_UPDATES + UPDATES; u++) {
            int i = 2 * planted + random.nextInt(n - 2 * planted);
            CompanySnapshot changed = SyntheticPopulation.company(i, random, 0, 2 + u);
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            CompanyProfile profile = directory.upsert(CompanyDraft.of(changed, text));
            directory.read(() -> {
                finder.forEachCandidateReachingUnlocked(profile, notifyFrom, (partner, score) -> { });
                return null;
            });
            finder.top(profile.id(), TOP, false).orElseThrow();
            long elapsed = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            if (u >= WARMUP_UPDATES) {
                times[u - WARMUP_UPDATES] = elapsed;
                cpuTimes[u - WARMUP_UPDATES] = cpu;
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpuTimes);
        int p99 = (int) Math.ceil(UPDATES * 0.99) - 1;
        System.out.printf("N=%d: load %d ms; full top-%d recompute %d ms wall, %d ms CPU (%.1f M candidate pairs, %.2f M scored exactly),"
                + " peak heap %d MiB; update wall p50 %.2f ms, p99 %.2f ms, max %.2f ms; update CPU p50 %.2f ms,"
                + " p99 %.2f ms; planted pairs %d: partner top-1 %.3f, in top-10 %.3f; load average %.1f%n",
                n, loadMs, TOP, fullMs, fullCpuMs, candidatePairs.get() / 1e6, exact / 1e6, peakHeap, times[UPDATES / 2] / 1e6,
                times[p99] / 1e6, times[UPDATES - 1] / 1e6, cpuTimes[UPDATES / 2] / 1e6, cpuTimes[p99] / 1e6,
                2 * planted, top1 / (2.0 * planted), top10 / (2.0 * planted),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }
}
