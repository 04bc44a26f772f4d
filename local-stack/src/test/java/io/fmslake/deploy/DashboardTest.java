package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard is importable as is (datasource as the input {@code DS_PROMETHEUS}, a current schema, unique
 * panel ids, a grid that fits) and has a panel for everything an operator watches. That every expression names a
 * metric the services export is MonitoringMetricsIT's part.
 */
class DashboardTest {
    private final JsonNode dashboard = Monitoring.dashboard();

    @Test
    void importableWithThePrometheusDatasourceAsAnInput() {
        JsonNode input = dashboard.path("__inputs").get(0);
        assertEquals("DS_PROMETHEUS", input.path("name").asText());
        assertEquals("datasource", input.path("type").asText());
        assertEquals("prometheus", input.path("pluginId").asText());
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36, "schemaVersion of Grafana 9 or newer");
        assertEquals("fms-lake", dashboard.path("uid").asText());
        assertTrue(dashboard.path("id").isNull(), "no id: Grafana assigns one on import");
        assertFalse(dashboard.path("title").asText().isBlank());
    }

    @Test
    void everyPanelQueriesTheInputDatasourceAndFitsTheGrid() {
        Set<Integer> ids = new HashSet<>();
        List<int[]> cells = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            String title = p.path("title").asText();
            assertTrue(ids.add(p.path("id").asInt()), "duplicate id " + p.path("id") + " (" + title + ")");
            JsonNode g = p.path("gridPos");
            int x = g.path("x").asInt();
            int y = g.path("y").asInt();
            int w = g.path("w").asInt();
            int h = g.path("h").asInt();
            assertTrue(w > 0 && h > 0 && x >= 0 && x + w <= 24, title + ": " + g);
            for (int[] c : cells) {
                boolean overlap = x < c[0] + c[2] && c[0] < x + w && y < c[1] + c[3] && c[1] < y + h;
                assertFalse(overlap, title + " overlaps another panel");
            }
            cells.add(new int[] {x, y, w, h});
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${DS_PROMETHEUS}", p.path("datasource").path("uid").asText(), title);
            assertTrue(p.path("targets").size() > 0, title + ": no query");
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                assertEquals(
                        "${DS_PROMETHEUS}", t.path("datasource").path("uid").asText(), title);
                assertFalse(t.path("expr").asText().isBlank(), title);
                assertTrue(refIds.add(t.path("refId").asText()), title + ": duplicate refId");
            }
        }
    }

    @Test
    void thereIsAPanelForEachThingAnOperatorWatches() {
        Set<String> used = new TreeSet<>();
        Monitoring.dashboardExprs().forEach(e -> used.addAll(PromQl.metricNames(e)));
        List<String> watched = List.of(
                "fms_collector_records_consumed_total",
                "fms_collector_records_written_total", // records in and out
                "fms_collector_consumer_lag",
                "fms_collector_end_to_end_latency_seconds_bucket",
                "fms_collector_buffered_bytes",
                "fms_collector_paused",
                "fms_collector_flush_duration_seconds",
                "fms_collector_flush_failures_total",
                "fms_collector_records_dead_lettered_total",
                "fms_collector_files_written_total",
                "fms_merge_last_run_success",
                "fms_merge_last_run_duration_seconds",
                "fms_lake_bytes",
                "fms_lake_files",
                "fms_merge_last_run_lease_wait_seconds",
                "fms_backfill_records_done",
                "fms_backfill_records_planned",
                "fms_collector_store_up",
                "fms_collector_store_errors_total",
                "fms_collector_membership_lease_seconds",
                "fms_collector_retention_gap_records_total",
                "fms_verify_missing_records",
                "fms_verify_duplicated_records");
        List<String> missing = watched.stream().filter(m -> !used.contains(m)).toList();
        assertEquals(List.of(), missing, "no panel shows these");
    }
}
