package io.fmslake.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fmslake.testkit.AtomicWritesBlobStore;
import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.JvmProcess;
import io.fmslake.testkit.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment's way to trust a private MinIO CA (k8s/README-deploy.md, "MinIO over HTTPS"): the CA in a JKS
 * truststore, named by {@code -Djavax.net.ssl.trustStore} in JAVA_TOOL_OPTIONS and nothing else. A JKS truststore
 * of certificates is read without its password, so no password has to travel in JAVA_TOOL_OPTIONS (which the JVM
 * prints in every pod log). Proved with the services' MinIO client against an S3 server on HTTPS whose certificate
 * only that truststore vouches for; without the flag the same client is refused.
 */
class PrivateCaTruststoreIT {
    @TempDir
    Path dir;

    @Test
    void theMinioClientTrustsAPrivateCaFromAPasswordlessJvmTruststore() throws Exception {
        Path serverKeys = dir.resolve("server.jks");
        Path cert = dir.resolve("minio-ca.crt");
        Path truststore = dir.resolve("minio-truststore.jks");
        keytool(
                "-genkeypair",
                "-alias",
                "s3",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "JKS",
                "-keystore",
                serverKeys.toString(),
                "-storepass",
                "server-pass",
                "-keypass",
                "server-pass");
        keytool(
                "-exportcert",
                "-alias",
                "s3",
                "-keystore",
                serverKeys.toString(),
                "-storepass",
                "server-pass",
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "minio-ca",
                "-file",
                cert.toString(),
                "-storetype",
                "JKS",
                "-keystore",
                truststore.toString(),
                "-storepass",
                "a-password-nobody-needs");

        int port = Ports.free();
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new AtomicWritesBlobStore(
                        new FilesystemNio2BlobStore(dir.resolve("data").toString())))
                .secureEndpoint(URI.create("https://127.0.0.1:" + port))
                .keyStore(serverKeys.toString(), "server-pass")
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                .build();
        proxy.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, String> env = Map.of(
                    "KAFKA_BROKERS",
                    "127.0.0.1:9",
                    "KAFKA_TOPIC",
                    "tls",
                    "MINIO_ENDPOINT",
                    "127.0.0.1:" + port,
                    "MINIO_SECURE",
                    "true",
                    "MINIO_BUCKET",
                    "tls-probe",
                    "MINIO_ACCESS_KEY",
                    EmbeddedS3.ACCESS_KEY,
                    "MINIO_SECRET_KEY",
                    EmbeddedS3.SECRET_KEY);
            try (JvmProcess trusted = JvmProcess.of(TlsProbeMain.class)
                    .env(env)
                    .env(
                            "JAVA_TOOL_OPTIONS",
                            "-Djavax.net.ssl.trustStore=" + truststore + " -Djavax.net.ssl.trustStoreType=JKS")
                    .start()) {
                assertEquals(0, trusted.awaitExit(Duration.ofSeconds(60)), trusted.output());
                assertTrue(trusted.output().contains("tls ok: 10 bytes"), trusted.output());
                assertTrue(
                        trusted.output().contains("Picked up JAVA_TOOL_OPTIONS: -Djavax.net.ssl.trustStore="),
                        "the JVM prints JAVA_TOOL_OPTIONS, which is why no password may go there");
            }
            try (JvmProcess untrusted =
                    JvmProcess.of(TlsProbeMain.class).env(env).start()) {
                assertNotEquals(0, untrusted.awaitExit(Duration.ofSeconds(60)), untrusted.output());
                assertTrue(untrusted.output().contains("tls failed"), untrusted.output());
            }
        } finally {
            proxy.stop();
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ": " + out);
    }
}
