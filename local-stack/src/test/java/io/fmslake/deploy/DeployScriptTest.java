package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy.sh against fake kubectl and docker: the command sequence, --dry-run, and the error paths. */
class DeployScriptTest {
    private static final Map<String, String> KEYS =
            Map.of("MINIO_ACCESS_KEY", "fms-access", "MINIO_SECRET_KEY", "s3cr=t with spaces");
    private static final String SECRET = "kubectl create secret generic fms-secrets"
            + " '--from-file=MINIO_ACCESS_KEY=<tmp>/access' '--from-file=MINIO_SECRET_KEY=<tmp>/secret'"
            + " --dry-run=client -o yaml | kubectl apply -f -";
    private static final List<String> BUILD = List.of(
            "docker build -f realtime-collector/Dockerfile -t realtime-collector:latest .",
            "docker build -f batch-merger/Dockerfile -t batch-merger:latest .",
            "docker build -f backfill-loader/Dockerfile -t backfill-loader:latest .");
    private static final List<String> APPLY = List.of(
            "kubectl apply -f k8s/configmap.yaml",
            "kubectl apply -f k8s/serviceaccounts.yaml",
            "kubectl apply -f k8s/network-policies.yaml",
            "kubectl apply -f k8s/realtime-collector-service.yaml",
            "kubectl apply -f k8s/realtime-collector-deployment.yaml",
            "kubectl apply -f k8s/batch-merger-cronjobs.yaml");
    private static final String RESTART = "kubectl rollout restart deployment/realtime-collector";
    private static final List<String> WAIT_AND_STATUS = List.of(
            "kubectl rollout status deployment/realtime-collector --timeout=300s",
            "kubectl get deployment,pods,service -l app=realtime-collector",
            "kubectl get cronjobs -l app=batch-merger");
    /** Read-only queries of a real run, before anything changes. */
    private static final List<String> PROBES =
            List.of("docker info", "kubectl config current-context", "kubectl cluster-info --request-timeout=15s");

    @TempDir
    Path work;

    private ScriptRun script() {
        return new ScriptRun(work);
    }

    private static List<String> concat(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add((String) x));
            } else {
                out.add((String) p);
            }
        }
        return out;
    }

    @Test
    void dryRunPrintsTheWholeDeploymentAndRunsNothing() {
        ScriptRun.Result r = script().run(Map.of(), "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertEquals(concat(BUILD, SECRET, APPLY, RESTART, WAIT_AND_STATUS), r.printed());
        assertEquals(List.of(), r.calls(), "a dry run calls neither docker nor kubectl");
    }

    @Test
    void aRealRunExecutesExactlyWhatTheDryRunPrinted() {
        List<String> planned = script().run(KEYS, "--dry-run").printed();
        ScriptRun.Result r = script().run(with(KEYS, "FAKE_DEPLOYMENT_EXISTS", "1"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(planned, r.printed(), "the same plan is printed while running");
        List<String> calls = normalise(r.calls());
        assertEquals(PROBES, calls.subList(0, 3));
        List<String> mutations = new ArrayList<>(calls.subList(3, calls.size()));
        assertTrue(
                mutations.remove("kubectl get deployment realtime-collector --ignore-not-found -o name"),
                "asks whether the Deployment exists before applying");
        assertEquals(expand(planned), mutations);
        assertEquals(
                List.of("MINIO_ACCESS_KEY=fms-access", "MINIO_SECRET_KEY=s3cr=t with spaces"),
                r.secretsSeen(),
                "the Secret gets the keys exactly");
        assertFalse(r.out().contains("s3cr=t") || r.err().contains("s3cr=t"), "the secret key is never printed");
        assertEquals(List.of(), listTmp(), "the key files are removed");
    }

    @Test
    void aFirstDeployDoesNotRestartTheCollectorItJustCreated() {
        ScriptRun.Result r = script().run(KEYS);
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.calls().contains(RESTART));
        assertTrue(r.out().contains("kubectl logs -f deployment/realtime-collector"), "prints the next commands");
    }

    @Test
    void everyManifestButTheOptionalBackfillIsApplied() throws IOException {
        Set<String> applied = new TreeSet<>();
        for (String line : script().run(KEYS, "--dry-run", "--backfill").printed()) {
            int i = line.indexOf(" -f k8s/");
            if (i >= 0) {
                applied.add(line.substring(i + 4).split(" ")[0]);
            }
        }
        Set<String> all = new TreeSet<>();
        for (Path p : Manifests.yamlFiles(RepoFiles.path("k8s"))) {
            all.add("k8s/" + p.getFileName());
        }
        assertEquals(all, applied);
        List<String> plain = script().run(KEYS, "--dry-run").printed();
        assertTrue(plain.stream().noneMatch(l -> l.contains("backfill-loader-job")), "backfill only on request");
    }

    @Test
    void backfillReplacesAFinishedJobAndAppliesTheManifest() {
        List<String> printed =
                script().run(KEYS, "--dry-run", "--skip-build", "--backfill").printed();
        int delete = printed.indexOf("kubectl delete job backfill-loader --ignore-not-found");
        assertTrue(delete > 0, printed.toString());
        assertEquals("kubectl apply -f k8s/backfill-loader-job.yaml", printed.get(delete + 1));
        assertTrue(printed.contains("kubectl get jobs -l app=backfill-loader"));
        assertTrue(printed.stream().noneMatch(l -> l.startsWith("docker ") || l.equals(RESTART)), "--skip-build");
    }

    @Test
    void withARegistryTheImagesArePushedAndTheManifestsPointAtThem() {
        ScriptRun.Result r = script().run(
                        with(KEYS, "REGISTRY", "registry.example.com/fms/", "IMAGE_TAG", "v7"),
                        "--dry-run",
                        "--backfill",
                        "-n",
                        "lake");
        assertEquals(0, r.exit(), r.err());
        List<String> printed = r.printed();
        for (String m : List.of("realtime-collector", "batch-merger", "backfill-loader")) {
            String image = "registry.example.com/fms/" + m + ":v7";
            assertTrue(printed.contains("docker build -f " + m + "/Dockerfile -t " + image + " ."), m);
            assertTrue(
                    printed.indexOf("docker push " + image)
                            > printed.indexOf(
                                    "docker build -f backfill-loader/Dockerfile -t registry.example.com/fms/backfill-loader:v7 ."),
                    m);
        }
        assertTrue(printed.contains("kubectl set image --local -f k8s/realtime-collector-deployment.yaml"
                + " '*=registry.example.com/fms/realtime-collector:v7' -o yaml | kubectl --namespace lake apply -f -"));
        assertTrue(printed.contains("kubectl set image --local -f k8s/batch-merger-cronjobs.yaml"
                + " '*=registry.example.com/fms/batch-merger:v7' -o yaml | kubectl --namespace lake apply -f -"));
        assertTrue(printed.contains("kubectl set image --local -f k8s/backfill-loader-job.yaml"
                + " '*=registry.example.com/fms/backfill-loader:v7' -o yaml | kubectl --namespace lake apply -f -"));
        assertTrue(printed.contains("kubectl --namespace lake apply -f k8s/configmap.yaml"));
        assertFalse(printed.contains("kubectl --namespace lake " + RESTART.substring(8)), "a new tag rolls out");
    }

    @Test
    void undeployDeletesTheManifestsAndTheSecretButNotTheData() {
        ScriptRun.Result r = script().run(Map.of(), "undeploy");
        assertEquals(0, r.exit(), r.err());
        assertEquals(
                List.of(
                        "kubectl delete -f k8s/ --ignore-not-found",
                        "kubectl delete secret fms-secrets --ignore-not-found"),
                r.printed());
        assertEquals(concat(PROBES.subList(1, 3), r.printed()), r.calls());
        assertEquals(
                r.printed(), script().run(Map.of(), "undeploy", "--dry-run").printed());
    }

    @Test
    void missingToolsAndAnUnreachableClusterStopWithAClearMessageBeforeAnyChange() {
        ScriptRun.Result noKubectl = script().run(with(KEYS, "KUBECTL", "kubectl-not-installed"));
        assertEquals(1, noKubectl.exit());
        assertTrue(
                noKubectl.err().contains("'kubectl-not-installed' not found on PATH. Install kubectl"),
                noKubectl.err());

        ScriptRun.Result noDocker = script().run(with(KEYS, "DOCKER", "docker-not-installed"));
        assertEquals(1, noDocker.exit());
        assertTrue(noDocker.err().contains("'docker-not-installed' not found on PATH. Install Docker"));
        assertEquals(
                0,
                script().run(with(KEYS, "DOCKER", "docker-not-installed"), "--skip-build")
                        .exit(),
                "--skip-build needs no docker");

        ScriptRun.Result daemon = script().run(with(KEYS, "FAKE_DOCKER_DOWN", "1"));
        assertEquals(1, daemon.exit());
        assertTrue(daemon.err().contains("cannot reach the Docker daemon"), daemon.err());
        assertEquals(List.of("docker info"), daemon.calls());

        ScriptRun.Result cluster = script().run(with(KEYS, "FAKE_CLUSTER_DOWN", "1"));
        assertEquals(1, cluster.exit());
        assertTrue(cluster.err().contains("cannot reach the Kubernetes cluster of context 'fake-context'"));
        assertEquals(PROBES, cluster.calls(), "nothing after the failed probe");

        ScriptRun.Result context = script().run(with(KEYS, "FAKE_NO_CONTEXT", "1"));
        assertEquals(1, context.exit());
        assertTrue(context.err().contains("kubectl has no current context"), context.err());
    }

    @Test
    void withoutKeysAnExistingSecretIsKeptAndAMissingOneIsAnError() {
        ScriptRun.Result kept = script().run(Map.of("FAKE_SECRET_EXISTS", "1"));
        assertEquals(0, kept.exit(), kept.err());
        assertTrue(kept.out().contains("Keeping the existing Secret fms-secrets"));
        assertTrue(kept.calls().stream().noneMatch(c -> c.contains("create secret")));

        ScriptRun.Result missing = script().run(Map.of());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("MINIO_ACCESS_KEY and MINIO_SECRET_KEY are not set"), missing.err());
        assertTrue(missing.calls().stream().noneMatch(c -> c.contains(" apply ")), "nothing applied");

        ScriptRun.Result half = script().run(Map.of("MINIO_ACCESS_KEY", "only-one"));
        assertEquals(1, half.exit());
        assertTrue(half.err().contains("set both MINIO_ACCESS_KEY and MINIO_SECRET_KEY, or neither"));
    }

    @Test
    void aFailedRolloutEndsNonZeroWithHints() {
        ScriptRun.Result r = script().run(with(KEYS, "FAKE_ROLLOUT_FAILS", "1"));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("kubectl logs deployment/realtime-collector"), r.err());
        assertFalse(r.calls().contains("kubectl get cronjobs -l app=batch-merger"));
    }

    @Test
    void localBuildsTheJarsThenRunsTheLocalStackWithItsOptions() {
        ScriptRun.Result local =
                script().run(Map.of(), "local", "--dry-run", "--history-records", "5000", "--rate", "2");
        assertEquals(0, local.exit(), local.err());
        assertEquals(
                List.of(
                        "mvn -B -q -DskipTests -pl local-stack -am package",
                        "java -jar local-stack/target/local-stack.jar --history-records 5000 --rate 2"),
                local.printed());
        assertEquals(List.of(), local.calls(), "no kubectl, no docker");

        ScriptRun.Result skip = script().run(Map.of(), "--dry-run", "local", "--skip-build");
        assertEquals(0, skip.exit(), skip.err());
        assertEquals(List.of("java -jar local-stack/target/local-stack.jar"), skip.printed());

        ScriptRun.Result noJava = script().run(Map.of("JAVA", "no-such-java"), "local");
        assertEquals(1, noJava.exit());
        assertTrue(noJava.err().contains("'no-such-java' not found on PATH. Install a JDK 17"), noJava.err());
    }

    @Test
    void options() {

        ScriptRun.Result help = script().run(Map.of(), "--help");
        assertEquals(0, help.exit());
        for (String option : List.of("--dry-run", "--backfill", "undeploy", "REGISTRY", "MINIO_ACCESS_KEY")) {
            assertTrue(help.out().contains(option), option);
        }
        assertEquals(1, script().run(Map.of(), "--bogus").exit());
        assertEquals(
                1, script().run(Map.of("IMAGE_TAG", "no/slash"), "--dry-run").exit());
        assertEquals(1, script().run(Map.of(), "--dry-run", "-n", "Bad_NS").exit());
    }

    /** A printed "a | b" ran as two processes; list both, in the printed order. */
    private static List<String> expand(List<String> printed) {
        List<String> out = new ArrayList<>();
        printed.forEach(l -> out.addAll(List.of(l.split(" \\| "))));
        return out;
    }

    /** Temporary key-file paths as the dry run prints them; the two sides of a pipe in printed order. */
    private static List<String> normalise(List<String> calls) {
        List<String> out = new ArrayList<>(calls.stream()
                .map(c -> c.replaceAll("--from-file=(\\w+)=\\S+/(access|secret)", "'--from-file=$1=<tmp>/$2'"))
                .toList());
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).equals("kubectl apply -f -")
                    && !out.get(i + 1).equals("kubectl apply -f -")
                    && out.get(i + 1).endsWith("-o yaml")) {
                out.set(i, out.get(i + 1));
                out.set(i + 1, "kubectl apply -f -");
            }
        }
        return out;
    }

    private List<Path> listTmp() {
        try (Stream<Path> s = Files.list(script().tmp())) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new java.util.HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
