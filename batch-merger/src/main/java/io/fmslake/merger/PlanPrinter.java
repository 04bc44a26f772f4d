package io.fmslake.merger;

import io.fmslake.merge.MergeInput;
import io.fmslake.merge.MergePlan;
import io.fmslake.merge.MergePlanner;
import io.fmslake.merge.Tiering;
import io.fmslake.window.Level;
import java.io.PrintStream;
import java.time.Instant;

/** Prints a dry run's plan: per target the inputs with rows and bytes, the rows expected, and skipped windows. */
final class PlanPrinter {
    private PlanPrinter() {}

    static void print(PrintStream out, Level level, Instant now, MergePlanner.RunPlan plan, boolean deadLetters) {
        out.printf(
                "dry run: %s merge%s at %s: %d target(s), nothing will be changed%n",
                level.folder(),
                deadLetters ? " of dead letters (errors/)" : "",
                now,
                plan.plans().size());
        for (MergePlan p : plan.plans()) {
            out.printf(
                    "target %s (%s): %d inputs, %d rows read, %d duplicates, %d rows expected%n",
                    p.targetKey(),
                    p.targetEtag().isPresent() ? "exists, late data merged into it" : "new",
                    p.inputs().size(),
                    p.inputRows(),
                    p.duplicates(),
                    p.expectedRows());
            for (MergeInput in : p.inputs()) {
                out.printf("  input %s: %d rows, %d bytes%n", in, in.summary().rows(), in.bytes());
            }
            p.kept()
                    .forEach(o ->
                            out.printf("  kept %s: %d bytes (its rows are not written again)%n", o.key(), o.size()));
            p.deletes().stream()
                    .filter(o ->
                            p.inputs().stream().noneMatch(in -> in.toString().equals(o.key())))
                    .forEach(o ->
                            out.printf("  delete only %s: its rows are held by the window's other files%n", o.key()));
        }
        for (Tiering.Skipped s : plan.skipped()) {
            out.printf(
                    "skipped %s%s %s: %s%n",
                    deadLetters ? "dead letters of " : "",
                    s.window().level().folder(),
                    s.window().start(),
                    s.reason());
        }
    }
}
