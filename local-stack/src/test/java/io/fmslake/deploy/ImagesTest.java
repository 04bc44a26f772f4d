package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfiles, the image names in k8s/ and deploy.sh agree with the Maven modules. */
class ImagesTest {
    private static final Pattern LINE = Pattern.compile("(?m)^(FROM|USER|ENTRYPOINT|VOLUME|RUN|COPY)\\s+(.*)$");

    @Test
    void everyWorkloadRunsTheImageNamedAfterItsModule() {
        for (Workloads.Pod pod : Workloads.all(Manifests.load())) {
            String module = pod.service().module;
            assertEquals(module + ":latest", pod.container().getImage(), pod.label());
            assertEquals("IfNotPresent", pod.container().getImagePullPolicy(), pod.label());
        }
    }

    @Test
    void eachModuleHasAMultiStageDockerfileBuildingItsOwnJar() throws IOException {
        for (ServiceUnderTest s : ServiceUnderTest.values()) {
            String m = s.module;
            List<String[]> lines = instructions(RepoFiles.read(m + "/Dockerfile"));
            List<String> froms = values(lines, "FROM");
            assertEquals(List.of("maven:3.9-eclipse-temurin-17 AS build", "eclipse-temurin:17-jre"), froms, m);
            String build = String.join("\n", values(lines, "RUN"));
            assertTrue(build.contains("mvn -B -q -pl " + m + " -am package -DskipTests"), m + ": " + build);
            assertTrue(build.contains(m + "/target/" + m + ".jar"), m + ": copies the module's shaded jar");
            assertTrue(String.join("\n", values(lines, "COPY")).contains("--from=build"), m);
            assertEquals(List.of("10001:10001"), values(lines, "USER"), m + ": numeric non-root user (runAsUser)");
            assertEquals(List.of("[\"/tmp\"]"), values(lines, "VOLUME"), m);

            List<String> entrypoint = entrypoint(lines);
            assertEquals("java", entrypoint.get(0), m + ": exec form, the JVM is PID 1");
            assertTrue(
                    entrypoint.containsAll(List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")),
                    m + ": heap follows the container limit, OOM exits");
            assertEquals(
                    List.of("-jar", "/app/" + m + ".jar"),
                    entrypoint.subList(entrypoint.size() - 2, entrypoint.size()),
                    m);
        }
    }

    @Test
    void theJarNamesTheDockerfilesCopyAreTheOnesMavenBuilds() {
        String root = RepoFiles.read("pom.xml");
        assertTrue(root.contains("<finalName>${project.artifactId}</finalName>"), "shaded jars are <module>.jar");
        for (ServiceUnderTest s : ServiceUnderTest.values()) {
            assertTrue(root.contains("<module>" + s.module + "</module>"), s.module);
            String pom = RepoFiles.read(s.module + "/pom.xml");
            assertTrue(pom.contains("<artifactId>" + s.module + "</artifactId>"), s.module);
            assertTrue(pom.contains("maven-shade-plugin"), s.module + " builds a runnable jar");
        }
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndHistory() {
        List<String> ignored = Arrays.stream(RepoFiles.read(".dockerignore").split("\n"))
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertTrue(ignored.containsAll(List.of(".git", "**/target", "local-data")), ignored.toString());
    }

    @Test
    void deployShBuildsExactlyTheThreeModules() {
        Matcher m = Pattern.compile("(?m)^SERVICES=\\((.*)\\)$").matcher(RepoFiles.read("deploy.sh"));
        assertTrue(m.find(), "deploy.sh declares SERVICES=(...)");
        assertEquals(
                Arrays.stream(ServiceUnderTest.values()).map(s -> s.module).toList(),
                List.of(m.group(1).split(" ")));
        assertTrue(Files.isExecutable(RepoFiles.path("deploy.sh")), "deploy.sh is executable");
    }

    /** Instructions with their continuation lines joined. */
    private static List<String[]> instructions(String dockerfile) {
        String joined = dockerfile.replaceAll("\\\\\\r?\\n", " ");
        Matcher m = LINE.matcher(joined);
        List<String[]> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2).trim().replaceAll("\\s+", " ")});
        }
        return out;
    }

    private static List<String> values(List<String[]> lines, String instruction) {
        return lines.stream()
                .filter(l -> l[0].equals(instruction))
                .map(l -> l[1])
                .toList();
    }

    private static List<String> entrypoint(List<String[]> lines) throws IOException {
        List<String> e = values(lines, "ENTRYPOINT");
        assertEquals(1, e.size());
        assertTrue(e.get(0).startsWith("["), "ENTRYPOINT in exec (JSON) form");
        return List.of(new ObjectMapper().readValue(e.get(0), String[].class));
    }
}
