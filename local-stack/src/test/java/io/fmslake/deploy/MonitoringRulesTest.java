package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules (k8s/monitoring/alerts.yaml, and the same as a PrometheusRule), the ServiceMonitor and their
 * links into docs/runbook.md. Rule syntax is checked by {@code promtool check rules} in .ci/run; the metric names by
 * MonitoringMetricsIT against the running services.
 */
class MonitoringRulesTest {
    static final String RUNBOOK_URL = "https://github.com/your-org/fms-lake/blob/main/docs/runbook.md#";

    @Test
    void thePrometheusRuleHoldsExactlyTheRulesOfTheRuleFile() {
        JsonNode rule = Monitoring.yaml(Monitoring.PROMETHEUS_RULE);
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        assertEquals(
                "fms-lake",
                rule.path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/part-of")
                        .asText());
        JsonNode file = Monitoring.yaml(Monitoring.ALERTS);
        assertEquals(1, file.size(), "a rule file holds groups only");
        assertEquals(
                file.get("groups"),
                rule.path("spec").get("groups"),
                "edit alerts.yaml and prometheus-rule.yaml " + "together");
    }

    @Test
    void theAlertsTheOperatorsNeedAreThere() {
        Set<String> names = new TreeSet<>();
        Monitoring.alertRules().forEach(r -> names.add(r.path("alert").asText()));
        assertEquals(
                new TreeSet<>(Set.of(
                        "FmsCollectorDown",
                        "FmsConsumerLagGrowing",
                        "FmsCollectorNoFileWritten",
                        "FmsCollectorFlushFailures",
                        "FmsDeadLetterRateHigh",
                        "FmsStoreDown",
                        "FmsMembershipLeaseLost",
                        "FmsRetentionGap",
                        "FmsMergeRunFailed",
                        "FmsMergeOverdue",
                        "FmsLakeVerifyMismatch",
                        "FmsLakeVerifyFailed",
                        "FmsLakeVerifyNotRun",
                        "FmsBackfillStalled")),
                names);
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionThatExists() {
        Set<String> anchors = Monitoring.runbookAnchors();
        for (JsonNode r : Monitoring.alertRules()) {
            String name = r.path("alert").asText();
            assertFalse(r.path("expr").asText().isBlank(), name);
            assertTrue(
                    Set.of("critical", "warning")
                            .contains(r.path("labels").path("severity").asText()),
                    name);
            JsonNode a = r.path("annotations");
            assertFalse(a.path("summary").asText().isBlank(), name + ": summary");
            assertFalse(a.path("description").asText().isBlank(), name + ": description");
            String url = a.path("runbook_url").asText();
            assertTrue(url.startsWith(RUNBOOK_URL), name + ": " + url);
            String anchor = url.substring(RUNBOOK_URL.length());
            assertEquals(name.toLowerCase(Locale.ROOT), anchor, name + ": the section is named after the alert");
            assertTrue(anchors.contains(anchor), name + ": no heading '" + anchor + "' in docs/runbook.md: " + anchors);
        }
    }

    @Test
    void theServiceMonitorScrapesTheCollectorsServiceAsJobRealtimeCollector() {
        JsonNode sm = Monitoring.yaml(Monitoring.SERVICE_MONITOR);
        assertEquals("ServiceMonitor", sm.path("kind").asText());
        Service service = Manifests.load().one(Service.class, "realtime-collector");
        sm.path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(e -> assertEquals(
                        e.getValue().asText(), service.getMetadata().getLabels().get(e.getKey()), e.getKey()));
        JsonNode endpoint = sm.path("spec").path("endpoints").get(0);
        assertEquals(
                service.getSpec().getPorts().get(0).getName(),
                endpoint.path("port").asText());
        assertEquals("/metrics", endpoint.path("path").asText());
        assertTrue(
                sm.path("spec").path("jobLabel").isMissingNode(),
                "job = the Service's name, as FmsCollectorDown expects");
        assertEquals("realtime-collector", service.getMetadata().getName());
    }

    /** {@code kubectl apply -f k8s/} must not meet the Operator's kinds (their CRDs may be missing): a sub-folder. */
    @Test
    void theOperatorsObjectsAreOutsideWhatKubectlApplyOfTheFolderApplies() {
        List<Path> applied = Manifests.yamlFiles(RepoFiles.path("k8s"));
        for (String file : List.of(
                Monitoring.PROMETHEUS_RULE, Monitoring.SERVICE_MONITOR, Monitoring.ALERTS, Monitoring.DASHBOARD)) {
            assertFalse(applied.contains(RepoFiles.path(file)), file);
            assertTrue(RepoFiles.path(file).toFile().isFile(), file);
        }
    }
}
