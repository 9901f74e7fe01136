package eus.elkarlan.company.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import eus.elkarlan.company.company.CompanyDocument;
import eus.elkarlan.company.company.CompanyProperties;
import eus.elkarlan.company.company.CompanyRequest;
import eus.elkarlan.company.company.CompanySnapshots;
import eus.elkarlan.company.company.CompanyValidator;
import eus.elkarlan.company.company.Profile;
import eus.elkarlan.company.demo.DemoCompanies;
import eus.elkarlan.company.directory.DirectoryIndex;
import eus.elkarlan.company.taxonomy.Lang;
import eus.elkarlan.company.taxonomy.Taxonomy;
import eus.elkarlan.company.taxonomy.TaxonomyProperties;
import eus.elkarlan.company.taxonomy.TextAnalysis;

/**
 * Directory search and concept suggestion latency over N synthetic companies (default 10,000),
 * with the heap the index takes. Not a test: run it with
 * {@code mvn -pl company-service test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=eus.elkarlan.company.bench.DirectoryBenchmark}
 * or plain {@code java -cp} (see the README).
 */
public final class DirectoryBenchmark {

    private static final String[][] QUERIES = {
        { "zibersegurtasun auditoria", null }, { "audit de cybersécurité", null }, { "auditoría de ciberseguridad", null },
        { "security audit", null }, { "web garapena", "GIPUZKOA" }, { "développement web", null },
        { "tienda online", null }, { "machine learning", null }, { "hodeia", null }, { "traduction", "LAPURDI" },
        { "robótica colaborativa", null }, { "turismo", null }, { "Itsaso", null }, { "données ouvertes", null },
        { "industria 4.0", "BIZKAIA" }, { "", "NAFARROA" } };

    private static final String[][] TEXTS = {
        { "eu", "Zibersegurtasun auditoriak eta sartze probak egiten ditugu industria enpresentzat" },
        { "fr", "Nous cherchons un partenaire pour la migration vers le cloud et la sauvegarde de données" },
        { "es", "Desarrollo de aplicaciones móviles y tiendas online para el sector turístico" },
        { "en", "Computer vision and machine learning for quality control in smart factories" } };

    private DirectoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int companies = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        TextAnalysis analysis = new TextAnalysis();
        Taxonomy taxonomy = new Taxonomy(analysis, new TaxonomyProperties("classpath:eus/elkarlan/contracts/taxonomy/taxonomy-v1.tsv", 10, 2000));
        CompanyValidator validator = new CompanyValidator(new CompanyProperties(200, 100, 150, 3000, 20, 10, 5, 300), taxonomy);
        DirectoryIndex index = new DirectoryIndex(analysis, taxonomy);

        List<CompanyRequest> requests = DemoCompanies.synthetic(
                DirectoryBenchmark.class.getResourceAsStream("/demo/companies.json"), companies);
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        int i = 0;
        for (CompanyRequest request : requests) {
            Profile profile = validator.validate(request, null);
            String id = "c" + i++;
            index.put(CompanySnapshots.of(new CompanyDocument(id, profile.legalId().key(), "o" + i, "o" + i, profile, 1,
                    Instant.now(), Instant.now(), false, List.of())));
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = usedHeap();

        // warm up, then measure
        for (int w = 0; w < rounds / 2; w++) {
            String[] q = QUERIES[w % QUERIES.length];
            index.search(q[0], q[1], null, 0, 20);
            String[] t = TEXTS[w % TEXTS.length];
            taxonomy.suggest(t[1], Lang.of(t[0]).orElseThrow());
        }
        var threads = ManagementFactory.getThreadMXBean();
        long[] search = new long[rounds];
        long[] suggest = new long[rounds];
        long[] searchCpu = new long[rounds];
        long[] suggestCpu = new long[rounds];
        long hits = 0;
        for (int r = 0; r < rounds; r++) {
            String[] q = QUERIES[r % QUERIES.length];
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            hits += index.search(q[0], q[1], null, 0, 20).total();
            search[r] = System.nanoTime() - t0;
            searchCpu[r] = threads.getCurrentThreadCpuTime() - c0;
            String[] t = TEXTS[r % TEXTS.length];
            long c1 = threads.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            hits += taxonomy.suggest(t[1], Lang.of(t[0]).orElseThrow()).size();
            suggest[r] = System.nanoTime() - t1;
            suggestCpu[r] = threads.getCurrentThreadCpuTime() - c1;
        }
        System.out.printf(Locale.ROOT, "companies=%d rounds=%d (hits %d) java=%s cpus=%d maxHeap=%dMiB%n", companies, rounds, hits,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "index load (validate + derive concepts + analyse): %.1f s, %.2f ms/company%n",
                loadSeconds, loadSeconds * 1000 / companies);
        System.out.printf(Locale.ROOT, "heap used by the index: %.1f MiB (%.1f KiB/company); heap used in all: %.1f MiB%n",
                (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / companies, heapAfter / 1048576.0);
        report("directory search", search);
        report("  (thread CPU)", searchCpu);
        report("suggest", suggest);
        report("  (thread CPU)", suggestCpu);
        System.out.printf(Locale.ROOT, "load average while measuring: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("gc: " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(b -> b.getName() + "=" + b.getCollectionCount()).toList());
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-17s p50 %.3f ms  p99 %.3f ms  max %.3f ms%n", name,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
