package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy.bat cannot run here (no cmd.exe), so it is held to deploy.sh, which DeployScriptTest runs: the same
 * manifests in the same order, the same commands, options and variables, and the same images.
 */
class DeployBatTest {
    private final String sh = RepoFiles.read("deploy.sh");
    private final String bat = RepoFiles.read("deploy.bat");

    @Test
    void appliesTheSameManifestsInTheSameOrder() {
        assertEquals(all(sh, "(?m)^\\s*apply_manifest (k8s/\\S+)"), all(bat, "(?m)^call :apply_manifest (k8s/\\S+)"));
        assertEquals(
                List.of(
                        "k8s/configmap.yaml",
                        "k8s/serviceaccounts.yaml",
                        "k8s/network-policies.yaml",
                        "k8s/realtime-collector-service.yaml",
                        "k8s/realtime-collector-deployment.yaml",
                        "k8s/batch-merger-cronjobs.yaml",
                        "k8s/backfill-loader-job.yaml"),
                all(bat, "(?m)^call :apply_manifest (k8s/\\S+)"));
    }

    @Test
    void offersTheSameCommandsOptionsAndVariables() {
        Set<String> shWords = words(sh.substring(sh.indexOf("Usage:"), sh.indexOf("EOF\n}")));
        Set<String> batWords =
                words(bat.substring(bat.indexOf(":usage"), bat.indexOf("exit /b 0", bat.indexOf(":usage"))));
        assertEquals(shWords, batWords);
        assertTrue(shWords.containsAll(Set.of(
                "--dry-run",
                "--backfill",
                "--skip-build",
                "--namespace",
                "--tag",
                "undeploy",
                "status",
                "local",
                "REGISTRY",
                "IMAGE_TAG",
                "MINIO_ACCESS_KEY",
                "MINIO_SECRET_KEY")));
    }

    @Test
    void runsTheSameKubectlAndDockerSteps() {
        for (String step : List.of(
                "build -f",
                "push ",
                "create secret generic fms-secrets",
                "set image --local -f",
                "rollout restart deployment/realtime-collector",
                "rollout status deployment/realtime-collector",
                "delete -f k8s/ --ignore-not-found",
                "delete secret fms-secrets --ignore-not-found",
                "delete job backfill-loader --ignore-not-found",
                "cluster-info --request-timeout=15s",
                "config current-context",
                "get secret fms-secrets")) {
            assertTrue(sh.contains(step) && bat.contains(step), step);
        }
        assertTrue(bat.contains("set \"SERVICES=realtime-collector batch-merger backfill-loader\""));
        String build = "-B -q -DskipTests -pl local-stack -am package";
        assertTrue(sh.contains(build) && bat.contains(build), "local runs the same build");
        assertTrue(
                sh.contains("local-stack/target/local-stack.jar")
                        && bat.contains("local-stack\\target\\local-stack.jar"),
                "and the same jar");
    }

    @Test
    void isCheckedOutWithWindowsLineEndings() {
        assertTrue(RepoFiles.read(".gitattributes").lines().anyMatch(l -> l.matches("\\*\\.bat\\s+text\\s+eol=crlf")));
        assertTrue(bat.startsWith("@echo off"));
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Options, commands and variable names a usage text mentions. */
    private static Set<String> words(String usage) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)(--[a-z-]+|\\b[A-Z][A-Z_]{3,}\\b|^(?:echo )?\\s{2}([a-z]+)\\s{2,})")
                .matcher(usage);
        while (m.find()) {
            out.add(m.group(2) != null ? m.group(2) : m.group(1));
        }
        return out;
    }
}
