package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorDeploymentTest {
    private final Manifests manifests = Manifests.load();
    private final Deployment deployment = manifests.one(Deployment.class, "realtime-collector");
    private final Container container =
            deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    private final Map<String, String> config =
            manifests.one(ConfigMap.class, "fms-config").getData();

    @Test
    void isLabelledAndSelectedAsTheSeedQueriesIt() {
        assertEquals("realtime-collector", deployment.getMetadata().getLabels().get("app"));
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertEquals(Map.of("app", "realtime-collector"), selector);
        assertTrue(
                deployment
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(selector.entrySet()),
                "the pods carry the selector's labels");
    }

    @Test
    void rollsOutWithoutEverRunningMoreConsumersThanReplicas() {
        int replicas = deployment.getSpec().getReplicas();
        assertTrue(replicas >= 1, "replicas");
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        assertEquals("RollingUpdate", strategy.getType());
        assertEquals(new IntOrString(0), strategy.getRollingUpdate().getMaxSurge());
        assertEquals(new IntOrString(1), strategy.getRollingUpdate().getMaxUnavailable());
    }

    @Test
    void probesHitHealthAndReadinessOnTheConfiguredHttpPort() {
        int port = Integer.parseInt(config.get("HTTP_PORT"));
        assertEquals(port, container.getPorts().get(0).getContainerPort());
        assertEquals("http", container.getPorts().get(0).getName());
        assertProbe(container.getLivenessProbe(), "/healthz");
        assertProbe(container.getStartupProbe(), "/healthz");
        assertProbe(container.getReadinessProbe(), "/readyz");
        int startupBudget = container.getStartupProbe().getPeriodSeconds()
                * container.getStartupProbe().getFailureThreshold();
        assertTrue(startupBudget >= 60, "a JVM gets at least a minute to start, got " + startupBudget + " s");
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(new IntOrString("http"), probe.getHttpGet().getPort());
    }

    @Test
    void theGracePeriodOutlastsTheSigtermFlush() {
        Duration flush = Duration.parse("PT" + config.get("SHUTDOWN_TIMEOUT").toUpperCase());
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(flush.getSeconds() >= 10 && flush.getSeconds() <= 30, "flush within 30 s of SIGTERM: " + flush);
        assertTrue(grace >= flush.getSeconds() + 10, "grace " + grace + " s leaves room after a " + flush + " flush");
    }

    @Test
    void hasResourcesWithAMemoryLimitTheHeapFollows() {
        var resources = container.getResources();
        Quantity limit = resources.getLimits().get("memory");
        assertEquals(resources.getRequests().get("memory"), limit, "memory request = limit: no overcommit kills");
        assertTrue(Quantity.getAmountInBytes(limit).longValue() >= 768L << 20, "heap 75% of the limit >= 576 MiB");
        assertNotNull(resources.getRequests().get("cpu"));
    }

    @Test
    void metricsAreScrapeAnnotatedAndServedByAService() {
        String port = config.get("HTTP_PORT");
        Map<String, String> podAnnotations =
                deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals(
                Map.of("prometheus.io/scrape", "true", "prometheus.io/port", port, "prometheus.io/path", "/metrics"),
                podAnnotations);
        Service service = manifests.one(Service.class, "realtime-collector");
        assertEquals(Map.of("app", "realtime-collector"), service.getSpec().getSelector());
        ServicePort sp = service.getSpec().getPorts().get(0);
        assertEquals(Integer.parseInt(port), sp.getPort());
        assertEquals(new IntOrString("http"), sp.getTargetPort());
        assertEquals(podAnnotations, service.getMetadata().getAnnotations());
        assertTrue(service.getSpec().getPublishNotReadyAddresses(), "a not-ready collector still shows metrics");
    }
}
