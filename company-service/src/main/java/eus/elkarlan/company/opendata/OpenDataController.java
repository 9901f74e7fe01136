package eus.elkarlan.company.opendata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.company.directory.DirectoryIndex;
import eus.elkarlan.company.system.ApiException;
import eus.elkarlan.company.taxonomy.Taxonomy;
import eus.elkarlan.contracts.company.CompanySnapshot;

/**
 * Anonymised aggregates: companies by territory, region, size band, NACE division and the
 * sectors they offer to and serve, and accepted meetings (all and cross-border). A count below
 * {@code minCount} is suppressed ({@code count: null, suppressed: true}).
 */
@RestController
@RequestMapping("/api/v1/open-data")
class OpenDataController {

    private final DirectoryIndex index;
    private final MeetingLedger meetings;
    private final Taxonomy taxonomy;
    private final OpenDataProperties properties;

    OpenDataController(DirectoryIndex index, MeetingLedger meetings, Taxonomy taxonomy, OpenDataProperties properties) {
        this.index = index;
        this.meetings = meetings;
        this.taxonomy = taxonomy;
        this.properties = properties;
    }

    record Figure(String key, Long count, boolean suppressed) {
    }

    record Stats(Instant generatedAt, int minCount, Figure companies, Map<String, List<Figure>> companiesBy,
            Figure meetings, Figure crossBorderMeetings) {
    }

    @GetMapping("/stats")
    ResponseEntity<?> stats(@RequestParam(required = false) String format,
            @RequestHeader(name = "Accept", required = false) String accept) {
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw ApiException.invalid("format", "must be json or csv");
        }
        Stats stats = compute();
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stats);
        }
        StringBuilder out = new StringBuilder("dimension,key,count,suppressed\n");
        row(out, "companies", stats.companies());
        stats.companiesBy().forEach((dimension, figures) -> figures.forEach(f -> row(out, dimension, f)));
        row(out, "meetings", stats.meetings());
        row(out, "meetings", stats.crossBorderMeetings());
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"elkarlan-open-data.csv\"").body(out.toString());
    }

    private static void row(StringBuilder out, String dimension, Figure f) {
        out.append(dimension).append(',').append(f.key()).append(',').append(f.count() == null ? "" : f.count())
                .append(',').append(f.suppressed()).append('\n');
    }

    Stats compute() {
        List<CompanySnapshot> companies = List.copyOf(index.companies());
        Map<String, List<Figure>> by = new java.util.LinkedHashMap<>();
        by.put("territory", group(companies, c -> List.of(c.territory())));
        by.put("region", group(companies, c -> List.of(c.region())));
        by.put("sizeBand", group(companies, c -> c.sizeBand() == null ? List.of() : List.of(c.sizeBand())));
        by.put("naceDivision", group(companies, c -> c.naceCode() == null || c.naceCode().length() < 2 ? List.of()
                : List.of(c.naceCode().substring(0, 2))));
        by.put("offering", group(companies, c -> c.offers().stream().flatMap(i -> i.concepts().stream())
                .map(taxonomy::root).filter(r -> !r.equals("sector") && !r.equals("cooperation")).distinct().toList()));
        by.put("sectorServed", group(companies, c -> java.util.stream.Stream.concat(c.offers().stream(), c.needs().stream())
                .flatMap(i -> i.concepts().stream()).filter(code -> code.startsWith("sector."))
                .map(code -> taxonomy.concept(code).map(k -> k.parent() != null && !k.parent().equals("sector") ? k.parent() : k.code()).orElse(code))
                .distinct().toList()));
        return new Stats(Instant.now(), properties.minCount(), figure("all", companies.size()), by,
                figure("accepted", meetings.count(false)), figure("acceptedCrossBorder", meetings.count(true)));
    }

    private List<Figure> group(List<CompanySnapshot> companies, Function<CompanySnapshot, List<String>> keys) {
        Map<String, Long> counts = new TreeMap<>();
        for (CompanySnapshot c : companies) {
            for (String key : keys.apply(c)) {
                counts.merge(key, 1L, Long::sum);
            }
        }
        List<Figure> figures = new ArrayList<>();
        counts.forEach((k, v) -> figures.add(figure(k, v)));
        return figures;
    }

    private Figure figure(String key, long count) {
        return count < properties.minCount() && count > 0 ? new Figure(key, null, true) : new Figure(key, count, false);
    }
}
