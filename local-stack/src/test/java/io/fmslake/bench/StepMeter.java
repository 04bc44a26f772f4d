package io.fmslake.bench;

import io.fmslake.store.ObjectStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures one step of the flow: wall time, the CPU of the service JVMs (sampled from {@code /proc} while they run;
 * those that exit within the step through {@code cutime} of this JVM), the CPU of this JVM (broker, S3 server,
 * proxies, producers), each JVM's peak heap (its GC log) and peak local disk (its directory, sampled every 200 ms)
 * against its budget, the objects written and deleted, and the S3 requests of each kind of service.
 */
final class StepMeter implements AutoCloseable {
    private final String name;
    private final ObjectStore store;
    private final Map<String, S3Requests> requests;
    private final Map<ServiceJvm, Watch> watched = new ConcurrentHashMap<>();
    private final long t0 = System.nanoTime();
    private final double reaped0 = ProcStat.reapedChildrenSeconds();
    private final double self0 = selfCpu();
    private final LakeListing before;
    private final Map<String, long[]> requests0 = new LinkedHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** What the step measured, for the summary table. */
    record Result(
            String step,
            double seconds,
            long records,
            double serviceCpu,
            double benchCpu,
            long peakHeapMiB,
            long peakDiskBytes,
            long objectsWritten,
            long requests,
            boolean withinBudgets) {}

    private static final class Watch {
        final int gcMark;
        final double cpuAtStart;
        volatile double lastCpu;
        volatile long peakDisk;

        Watch(int gcMark, double cpuAtStart) {
            this.gcMark = gcMark;
            this.cpuAtStart = cpuAtStart;
            this.lastCpu = cpuAtStart;
        }
    }

    StepMeter(String name, ObjectStore store, Map<String, S3Requests> requests, List<ServiceJvm> running) {
        this.name = name;
        this.store = store;
        this.requests = requests;
        this.before = LakeListing.of(store);
        requests.forEach((role, r) -> requests0.put(role, r.snapshot()));
        running.forEach(this::watch);
        this.sampler = new Thread(this::sampleLoop, "step-sampler");
        sampler.setDaemon(true);
        sampler.start();
        System.out.printf(Locale.ROOT, "%n=== %s%n", name);
    }

    /** Measures {@code s} from now on (a JVM started in this step: all its CPU and heap count here). */
    ServiceJvm watch(ServiceJvm s) {
        double cpu = s.cpuSeconds();
        watched.put(s, new Watch(s.gcMark(), Math.max(cpu, 0)));
        return s;
    }

    private void sampleLoop() {
        while (running) {
            sample();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        watched.forEach((s, w) -> {
            double cpu = s.cpuSeconds();
            if (cpu >= 0) {
                w.lastCpu = cpu;
            }
            w.peakDisk = Math.max(w.peakDisk, ProcStat.bytesUnder(s.disk()));
        });
    }

    /** Ends the step and prints its figures; {@code records} is what it processed (for records/s). */
    Result end(long records) {
        sample();
        running = false;
        sampler.interrupt();
        double wall = (System.nanoTime() - t0) / 1e9;
        double exitedCpu = ProcStat.reapedChildrenSeconds() - reaped0;
        Map<String, double[]> perRole = new LinkedHashMap<>(); // role -> cpu, peak heap, live heap, heap budget
        boolean ok = true;
        long peakHeap = 0;
        long peakDisk = 0;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<ServiceJvm, Watch> e : watched.entrySet()) {
            ServiceJvm s = e.getKey();
            Watch w = e.getValue();
            boolean exited = !s.alive();
            double cpu = exited ? -w.cpuAtStart : w.lastCpu - w.cpuAtStart; // exited: its total comes from cutime
            ServiceJvm.Heap heap = s.heapSince(w.gcMark);
            boolean diskOk = w.peakDisk <= s.diskBudget();
            ok &= diskOk && heap.peakUsedMiB() <= heap.budgetMiB();
            peakHeap = Math.max(peakHeap, heap.peakUsedMiB());
            peakDisk = Math.max(peakDisk, w.peakDisk);
            double[] r = perRole.computeIfAbsent(role(s), k -> new double[1]);
            r[0] += cpu;
            if (exited) {
                r[0] += exitedCpu; // once per role: only one role's JVMs exit within a step
                exitedCpu = 0;
            }
            if (heap.collections() > 0 || w.peakDisk > 0 || exited) {
                lines.add(String.format(
                        Locale.ROOT,
                        "  %-16s heap: peak used %4d MiB, live after GC %4d MiB of -Xmx %d "
                                + "MiB (%d GCs); disk: peak %9.3f MiB of budget %.3f MiB %s",
                        s.name(),
                        heap.peakUsedMiB(),
                        heap.liveAfterGcMiB(),
                        heap.budgetMiB(),
                        heap.collections(),
                        w.peakDisk / 1048576.0,
                        s.diskBudget() / 1048576.0,
                        diskOk ? "ok" : "EXCEEDED"));
            }
        }
        double serviceCpu = perRole.values().stream().mapToDouble(r -> r[0]).sum();
        double benchCpu = selfCpu() - self0;
        LakeListing after = LakeListing.of(store);
        long written = after.writtenSince(before, "");
        long totalRequests = 0;
        StringBuilder req = new StringBuilder();
        for (Map.Entry<String, S3Requests> r : requests.entrySet()) {
            long[] now = r.getValue().snapshot();
            long n = S3Requests.total(requests0.get(r.getKey()), now);
            totalRequests += n;
            if (n > 0) {
                req.append("  S3 requests of ")
                        .append(r.getKey())
                        .append(": ")
                        .append(S3Requests.describe(requests0.get(r.getKey()), now))
                        .append('\n');
            }
        }
        System.out.printf(
                Locale.ROOT, "%s: %.1f s, %,d records = %,.0f records/s%n", name, wall, records, records / wall);
        StringBuilder cpu = new StringBuilder();
        perRole.forEach((role, r) -> cpu.append(String.format(Locale.ROOT, "%s %.1f, ", role, r[0])));
        System.out.printf(
                Locale.ROOT, "  CPU-s: %sbenchmark JVM (broker, S3 server, proxies, producers) %.1f%n", cpu, benchCpu);
        lines.forEach(System.out::println);
        System.out.print(req);
        System.out.println("  objects " + after.changesSince(before));
        return new Result(name, wall, records, serviceCpu, benchCpu, peakHeap, peakDisk, written, totalRequests, ok);
    }

    static String role(ServiceJvm s) {
        return s.name().replaceFirst("-\\d+$", "");
    }

    private static double selfCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
