package io.fmslake.testkit;

/** A main class for {@link JvmProcessIT}: reports its environment, then waits or exits as told. */
public final class SampleMain {
    private SampleMain() {}

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("started topic=" + System.getenv("KAFKA_TOPIC") + " args=" + String.join(",", args));
        System.out.println("env names="
                + String.join(",", new java.util.TreeSet<>(System.getenv().keySet())));
        System.out.flush();
        if (args.length > 0 && args[0].startsWith("exit=")) {
            System.exit(Integer.parseInt(args[0].substring(5)));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
