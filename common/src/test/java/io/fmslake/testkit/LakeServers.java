package io.fmslake.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands the JVM-wide embedded servers to test methods, constructors and lifecycle methods
 * by parameter type: {@link EmbeddedKafka} or {@link KafkaBroker}, {@link EmbeddedS3} or {@link S3Endpoint}.
 * Servers start on first use and stop when the JVM exits.
 */
public final class LakeServers implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class
                || type == KafkaBroker.class
                || type == EmbeddedS3.class
                || type == S3Endpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == EmbeddedKafka.class || type == KafkaBroker.class) {
            return EmbeddedKafka.shared();
        }
        return EmbeddedS3.shared();
    }
}
