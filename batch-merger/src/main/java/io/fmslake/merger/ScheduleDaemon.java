package io.fmslake.merger;

import io.fmslake.window.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --schedule}: one process that runs the hour, day and week merges on their cron schedules in TIMEZONE.
 * One worker thread, so runs never overlap inside the process (and one merge at a time keeps within one
 * MERGE_SCRATCH_BYTES); across processes the leases per window let runs on disjoint windows proceed together. A run
 * that fires late (the previous one still running, or the process paused) is a misfire and runs once as soon as
 * possible; since every run catches up, one run covers any number of missed ones. SIGTERM (or SIGINT) stops the
 * scheduler, waits up to 30 s for a running merge (an interrupted merge is safe to redo: publish protocol) and exits 0.
 */
final class ScheduleDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleDaemon.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private final MergerContext ctx;
    private final CountDownLatch stopped = new CountDownLatch(1);

    ScheduleDaemon(MergerContext ctx) {
        this.ctx = ctx;
    }

    int run() {
        Scheduler scheduler;
        try {
            scheduler = start();
        } catch (SchedulerException e) {
            LOG.error("cannot start the scheduler: {}", e.getMessage(), e);
            return Cli.FAILURE;
        }
        // SIGTERM and SIGINT stop the scheduler and let main return, so the exit status is 0 (a plain shutdown hook
        // would leave the JVM's 143); the hook still covers any other way the JVM goes down.
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(
                    new sun.misc.Signal(name), sig -> new Thread(() -> stop(scheduler), "merger-stop-" + name).start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(scheduler), "merger-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(scheduler);
        }
        LOG.info("merge scheduler stopped");
        return Cli.OK;
    }

    Scheduler start() throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "batch-merger");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.setJobFactory((bundle, s) ->
                jobFor(Level.valueOf(bundle.getJobDetail().getKey().getName())));
        MergerSettings s = ctx.settings();
        schedule(scheduler, Level.HOUR, s.hourCron());
        schedule(scheduler, Level.DAY, s.dayCron());
        schedule(scheduler, Level.WEEK, s.weekCron());
        scheduler.start();
        return scheduler;
    }

    private void schedule(Scheduler scheduler, Level level, String cron) throws SchedulerException {
        String quartz = CronSpec.toQuartz(cron);
        JobDetail job = JobBuilder.newJob(Job.class)
                .withIdentity(new JobKey(level.name(), "merge"))
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(level.name(), "merge")
                .withSchedule(CronScheduleBuilder.cronSchedule(quartz)
                        .inTimeZone(TimeZone.getTimeZone(ctx.settings().lake().zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, trigger);
        LOG.info(
                "{} merge scheduled by '{}' (Quartz '{}') in {}; next at {}",
                level.folder(),
                cron,
                quartz,
                ctx.settings().lake().zone(),
                trigger.getNextFireTime().toInstant());
    }

    private Job jobFor(Level level) {
        return execution -> {
            try {
                MergeRun.Outcome o = RecordedMerge.run(
                        ctx,
                        level,
                        ctx.clock().instant(),
                        Optional.empty(),
                        ctx.settings().shard());
                LOG.info(
                        "{} run done: {} merged, {} failed",
                        level.folder(),
                        o.results().size(),
                        o.failures().size());
            } catch (RuntimeException e) {
                LOG.error("{} run failed: {}", level.folder(), e.getMessage(), e);
            }
        };
    }

    private synchronized void stop(Scheduler scheduler) {
        try {
            if (!scheduler.isShutdown()) {
                LOG.info("stopping the merge scheduler");
                scheduler.standby();
                Thread waiter = new Thread(
                        () -> {
                            try {
                                scheduler.shutdown(true);
                            } catch (SchedulerException e) {
                                LOG.warn("scheduler shutdown: {}", e.getMessage());
                            }
                        },
                        "merger-stop");
                waiter.start();
                waiter.join(STOP_WAIT.toMillis());
                ctx.close();
            }
        } catch (SchedulerException e) {
            LOG.warn("scheduler shutdown: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }
}
