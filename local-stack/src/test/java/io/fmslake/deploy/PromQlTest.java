package io.fmslake.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void functionsAggregationsLabelsRangesAndKeywordsAreNotMetricNames() {
        assertEquals(Set.of("up"), PromQl.metricNames("up{job=\"realtime-collector\"} == 0 or absent(up{job=\"x\"})"));
        assertEquals(
                Set.of("fms_a_total", "fms_b_total"),
                PromQl.metricNames(
                        "sum by (reason) (rate(fms_a_total[15m])) / ignoring (reason) group_left sum(rate(fms_b_total[15m]))"
                                + " > 0.01"));
        assertEquals(
                Set.of("x:rate5m", "y"),
                PromQl.metricNames("sum(x:rate5m) without (pod, instance) * on(level) group_right(tier) y offset 1h"));
        assertEquals(
                Set.of("lag"),
                PromQl.metricNames(
                        "max by (partition) (lag) > 1e4 and max by (partition) (deriv(lag[10m])) > 0 unless bool nan"));
        assertEquals(
                Set.of("fms_bucket"),
                PromQl.metricNames(
                        "histogram_quantile(0.95, sum by (le) (rate(fms_bucket{le=~\"1|{2}\"}[$__rate_interval])))"));
        assertEquals(Set.of("t"), PromQl.metricNames("time() - max(t) > 26 * 3600 and t @ start()"));
        assertEquals(Set.of("a"), PromQl.metricNames("label_replace(a, \"dst\", \"$1\", \"src\", \"(.*)\")"));
    }

    @Test
    void unbalancedBracketsAreReported() {
        assertThrows(IllegalArgumentException.class, () -> PromQl.metricNames("sum(x{a=\"b\""));
    }
}
