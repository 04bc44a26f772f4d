package io.fmslake.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files of k8s/monitoring/ and docs/runbook.md, read as trees, for the monitoring checks. */
final class Monitoring {
    static final String ALERTS = "k8s/monitoring/alerts.yaml";
    static final String PROMETHEUS_RULE = "k8s/monitoring/prometheus-rule.yaml";
    static final String SERVICE_MONITOR = "k8s/monitoring/service-monitor.yaml";
    static final String DASHBOARD = "k8s/monitoring/grafana-dashboard.json";
    static final String RUNBOOK = "docs/runbook.md";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

    private Monitoring() {}

    static JsonNode yaml(String file) {
        try {
            return YAML.readTree(RepoFiles.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    static JsonNode dashboard() {
        try {
            return JSON.readTree(RepoFiles.read(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(DASHBOARD, e);
        }
    }

    /** Every alerting rule of alerts.yaml. */
    static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        yaml(ALERTS).path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    /** Every PromQL expression of the dashboard's panels (rows included). */
    static List<String> dashboardExprs() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            panel.path("panels")
                    .forEach(p -> p.path("targets")
                            .forEach(t -> exprs.add(t.path("expr").asText())));
        }
        return exprs;
    }

    /** The anchors GitHub gives the runbook's headings: lower case, spaces to hyphens, punctuation dropped. */
    static Set<String> runbookAnchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher m = HEADING.matcher(RepoFiles.read(RUNBOOK));
        while (m.find()) {
            anchors.add(m.group(1)
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }
}
