package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

class BackfillJobTest {
    private final Job job = Manifests.load().one(Job.class, "backfill-loader");

    @Test
    void isTheSeedsOneShotJobWhoseLogsShowProgress() {
        assertEquals("backfill-loader", job.getMetadata().getName());
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy(), "each retry is a new pod, failed pods keep their logs");
        assertTrue(job.getSpec().getBackoffLimit() >= 1, "a crashed load resumes in a new pod");
        assertNull(job.getSpec().getParallelism(), "one loader at a time");
        assertTrue(job.getSpec().getTtlSecondsAfterFinished() >= 3600, "logs stay readable after it finishes");
        assertTrue(pod.getContainers().get(0).getArgs().isEmpty(), "java -jar backfill-loader.jar, no arguments");
        assertTrue(pod.getContainers().get(0).getCommand().isEmpty(), "the image's ENTRYPOINT runs the jar");
    }

    @Test
    void hasRoomForItsGibibyteHeapAndLocalSpill() {
        var c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        long limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory"))
                .longValue();
        assertTrue(limit * 3 / 4 >= 1L << 30, "75% of the limit is at least 1 GiB");
        assertEquals(ServiceUnderTest.POD_HEAP_BYTES, limit * 3 / 4, "the heap the settings check assumes");
        assertEquals(
                ServiceUnderTest.POD_PROCESSORS,
                Quantity.getAmountInBytes(c.getResources().getLimits().get("cpu"))
                        .intValue());
        var tmp = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("tmp"))
                .findFirst()
                .orElseThrow();
        assertTrue(Quantity.getAmountInBytes(tmp.getEmptyDir().getSizeLimit()).longValue() >= 10L << 30);
    }
}
