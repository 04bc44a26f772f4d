package io.fmslake.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs deploy.sh with bash, the fake kubectl and docker of src/test/fakebin first on PATH, a clean environment
 * and no terminal. The fakes append every call to a log, quoted the way deploy.sh prints commands.
 */
final class ScriptRun {
    /** Exit code, stdout and stderr of the script, and the fakes' call log. */
    record Result(int exit, String out, String err, List<String> calls, List<String> secretsSeen) {
        /** The commands the script printed ("+ " lines), without the prefix. */
        List<String> printed() {
            return out.lines()
                    .filter(l -> l.startsWith("+ "))
                    .map(l -> l.substring(2))
                    .toList();
        }
    }

    private final Path work;

    ScriptRun(Path work) {
        this.work = work;
    }

    Result run(Map<String, String> extraEnv, String... args) {
        try {
            Path bin = Files.createDirectories(work.resolve("fakebin"));
            for (String tool : List.of("kubectl", "docker")) {
                Path target = bin.resolve(tool);
                Files.copy(
                        RepoFiles.path("local-stack/src/test/fakebin/" + tool),
                        target,
                        StandardCopyOption.REPLACE_EXISTING);
                target.toFile().setExecutable(true);
            }
            Path log = work.resolve("calls.log");
            Path seen = work.resolve("secrets.seen");
            Files.deleteIfExists(log);
            Files.deleteIfExists(seen);
            List<String> cmd =
                    new ArrayList<>(List.of("bash", RepoFiles.path("deploy.sh").toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(work.resolve("out.txt").toFile())
                    .redirectError(work.resolve("err.txt").toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", bin + ":" + System.getenv("PATH"));
            env.put("HOME", work.toString());
            env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
            env.put("FAKE_LOG", log.toString());
            env.put("FAKE_SECRET_SEEN", seen.toString());
            env.putAll(extraEnv);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("deploy.sh " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(work.resolve("out.txt")),
                    Files.readString(work.resolve("err.txt")),
                    lines(log),
                    lines(seen));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Path tmp() {
        return work.resolve("tmp");
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
