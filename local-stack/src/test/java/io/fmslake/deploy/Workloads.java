package io.fmslake.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;

/** The pod templates of the applied workloads, each with the service it runs. */
final class Workloads {
    private Workloads() {}

    /** One pod template: the owning object, its pod spec, and its single container. */
    record Pod(HasMetadata owner, PodSpec spec, ServiceUnderTest service) {
        Container container() {
            return spec.getContainers().get(0);
        }

        String label() {
            return owner.getKind() + "/" + owner.getMetadata().getName();
        }
    }

    static List<Pod> all(Manifests m) {
        List<Pod> pods = new ArrayList<>();
        for (Deployment d : m.applied(Deployment.class)) {
            pods.add(pod(d, d.getSpec().getTemplate().getSpec()));
        }
        for (CronJob c : m.applied(CronJob.class)) {
            pods.add(pod(c, c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
        }
        for (Job j : m.applied(Job.class)) {
            pods.add(pod(j, j.getSpec().getTemplate().getSpec()));
        }
        return pods;
    }

    static List<Pod> of(Manifests m, ServiceUnderTest service) {
        return all(m).stream().filter(p -> p.service() == service).toList();
    }

    private static Pod pod(HasMetadata owner, PodSpec spec) {
        if (spec.getContainers().size() != 1) {
            throw new AssertionError(owner.getMetadata().getName() + ": expected exactly one container");
        }
        String name = spec.getContainers().get(0).getName();
        for (ServiceUnderTest s : ServiceUnderTest.values()) {
            if (s.module.equals(name)) {
                return new Pod(owner, spec, s);
            }
        }
        throw new AssertionError(owner.getMetadata().getName() + ": container '" + name + "' names no module");
    }
}
