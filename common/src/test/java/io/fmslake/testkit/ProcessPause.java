package io.fmslake.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** SIGSTOP and SIGCONT of a child process (a paused "zombie" replica), with its state read back from /proc. */
public final class ProcessPause {
    private ProcessPause() {}

    /** Sends SIGSTOP and returns once the process is stopped. */
    public static void stop(long pid) {
        signal("-STOP", pid);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!stopped(pid)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pid " + pid + " did not stop");
            }
            Thread.onSpinWait();
        }
    }

    /** Sends SIGCONT. */
    public static void resume(long pid) {
        signal("-CONT", pid);
    }

    /** True while the process is stopped (state T in /proc/PID/stat). */
    public static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
