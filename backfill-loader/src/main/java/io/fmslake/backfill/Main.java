package io.fmslake.backfill;

/**
 * {@code java -jar backfill-loader.jar [--help]}: loads Kafka's history into the tiered lake once. Only wires:
 * configuration from the environment, the object store, the console (progress bar) or the log (progress lines).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        java.io.PrintStream terminal = System.console() != null ? System.out : null;
        int status = Cli.build(System.getenv(), StoreFactory::open, terminal).execute(args);
        System.exit(status);
    }
}
