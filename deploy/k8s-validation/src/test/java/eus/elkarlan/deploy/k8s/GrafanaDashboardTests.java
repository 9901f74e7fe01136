package eus.elkarlan.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana/elkarlan-dashboard.json: a well-formed dashboard whose queries use the metrics that Spring Boot
 * exposes and the business metrics that deploy/k8s/README.md promises to the services.
 */
class GrafanaDashboardTests {

    static final Pattern BUSINESS_METRIC = Pattern.compile("\\belkarlan_[a-z0-9_]+");

    static JsonNode dashboard;
    static List<String> expressions;

    @BeforeAll
    static void load() throws IOException {
        Path file = Manifests.repositoryRoot().resolve("deploy/grafana/elkarlan-dashboard.json");
        dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
        expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.get("expr").asString());
            }
        }
    }

    @Test
    void dashboardIsImportableWithAnyPrometheusDataSource() {
        assertThat(dashboard.get("uid").asString()).isEqualTo("elkarlan-overview");
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        JsonNode variables = dashboard.get("templating").get("list");
        assertThat(variables.get(0).get("type").asString()).isEqualTo("datasource");
        assertThat(variables.get(0).get("query").asString()).isEqualTo("prometheus");
        SoftAssertions soft = new SoftAssertions();
        Set<Integer> ids = new HashSet<>();
        List<int[]> cells = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.get("title").asString();
            soft.assertThat(ids.add(panel.get("id").asInt())).as("unique id " + title).isTrue();
            JsonNode grid = panel.get("gridPos");
            int x = grid.get("x").asInt(), y = grid.get("y").asInt(), w = grid.get("w").asInt(), h = grid.get("h").asInt();
            soft.assertThat(x + w).as(title + " fits the 24 columns").isLessThanOrEqualTo(24);
            for (int[] other : cells) {
                boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
                soft.assertThat(overlaps).as(title + " overlaps another panel").isFalse();
            }
            cells.add(new int[] { x, y, w, h });
            if (!"row".equals(panel.get("type").asString())) {
                // a fixed data source uid would break the import into another Grafana
                soft.assertThat(panel.get("datasource").get("uid").asString()).as(title).isEqualTo("${datasource}");
                soft.assertThat(panel.get("targets")).as(title + " queries").isNotEmpty();
            }
        }
        soft.assertAll();
    }

    @Test
    void queriesAreBalancedAndUseTheSpringBootMetrics() {
        for (String expr : expressions) {
            int depth = 0;
            for (char c : expr.toCharArray()) {
                depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
                assertThat(depth).as(expr).isNotNegative();
            }
            assertThat(depth).as(expr).isZero();
            assertThat(expr.chars().filter(c -> c == '"').count() % 2).as(expr).isZero();
        }
        String all = String.join("\n", expressions);
        assertThat(all).contains("http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_pause_seconds_sum",
                "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void businessMetricsAreThoseListedForTheServicesInTheReadme() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = BUSINESS_METRIC.matcher(expr);
            while (m.find()) {
                // a timer or summary appears as its _bucket/_sum/_count/_max series
                used.add(m.group().replaceAll("_(bucket|sum|count|max)$", ""));
            }
        }
        String readme = Files.readString(Manifests.repositoryRoot().resolve("deploy/k8s/README.md"));
        String section = readme.substring(readme.indexOf("## Business metrics"));
        section = section.substring(0, section.indexOf("\n## ", 3) > 0 ? section.indexOf("\n## ", 3) : section.length());
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `(elkarlan_[a-z0-9_]+)`", Pattern.MULTILINE).matcher(section);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(used).as("business metrics in the dashboard").isEqualTo(listed)
                .contains("elkarlan_companies_registered_total", "elkarlan_matches_computed_total",
                        "elkarlan_scheduler_solve_seconds", "elkarlan_scheduler_breaks", "elkarlan_mails_sent_total",
                        "elkarlan_webhook_failures_total", "elkarlan_messages_dead_lettered_total");
    }
}
