package io.fmslake.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * CPU time from {@code /proc} (Linux): of a running process ({@code utime + stime}), and of this JVM's children that
 * have exited and were waited for ({@code cutime + cstime} of {@code /proc/self/stat}: a one-shot service JVM's whole
 * CPU, which its own {@code /proc} entry no longer shows once it is gone). Also the bytes under a directory.
 */
final class ProcStat {
    /** {@code USER_HZ}: clock ticks per second of {@code /proc/<pid>/stat} on Linux. */
    private static final double TICKS = 100.0;

    private ProcStat() {}

    /** {@code utime + stime} of {@code pid} in seconds, or -1 if it is gone. */
    static double cpuSeconds(long pid) {
        long[] f = fields(Path.of("/proc", Long.toString(pid), "stat"));
        return f == null ? -1 : (f[0] + f[1]) / TICKS;
    }

    /** {@code cutime + cstime} of this JVM in seconds: every exited child it has waited for. */
    static double reapedChildrenSeconds() {
        long[] f = fields(Path.of("/proc/self/stat"));
        return f == null ? 0 : (f[2] + f[3]) / TICKS;
    }

    /** utime, stime, cutime, cstime (fields 14-17; counted after the command name, which may hold spaces). */
    private static long[] fields(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Bytes of the regular files under {@code dir}; files vanishing meanwhile are skipped. */
    static long bytesUnder(Path dir) {
        long[] sum = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    sum[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return sum[0];
        }
        return sum[0];
    }
}
