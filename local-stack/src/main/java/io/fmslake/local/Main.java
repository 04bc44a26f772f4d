package io.fmslake.local;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/** {@code java -jar local-stack/target/local-stack.jar [options]} (what {@code ./deploy.sh local} runs). Only wires. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LocalOptions options = new LocalOptions();
        CommandLine cl = new CommandLine(options);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("error: " + e.getMessage());
            cl.usage(System.err);
            System.exit(2);
        }
        if (cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) {
            if (cl.isUsageHelpRequested()) {
                cl.usage(System.out);
            } else {
                cl.printVersionHelp(System.out);
            }
            System.exit(0);
        }
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("error: " + p));
            System.exit(2);
        }
        // the servers' logs go to <data>/logs/local-stack.log (logback.xml reads this property)
        System.setProperty(
                "fms.local.logs",
                options.dataDir.toAbsolutePath().resolve("logs").toString());
        PrintStream out = System.out;
        StopSignal stop = new StopSignal().install();
        int status;
        try {
            status = new LocalStack(options, out, stop, Clock.systemUTC()).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
