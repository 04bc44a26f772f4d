/**
 * Test kit shared by every module (the {@code common} test-jar): real servers, in-process, and helpers to run
 * services as subprocesses.
 *
 * <h2>Servers in one line</h2>
 * <pre>{@code
 * KafkaBroker kafka = EmbeddedKafka.shared();   // KRaft broker in this JVM, ~4 s on first use
 * S3Endpoint s3 = EmbeddedS3.shared();          // S3Proxy 4.x (filesystem), ~1 s on first use
 * ObjectStore store = s3.store(S3Endpoint.uniqueBucket("merge"));
 * }</pre>
 * or by parameter, with the {@link io.fmslake.testkit.LakeServers} extension:
 * <pre>{@code
 * @ExtendWith(LakeServers.class)
 * class MergeIT {
 *     @Test void merges(KafkaBroker kafka, S3Endpoint s3) { ... }
 * }
 * }</pre>
 * The shared servers live until the JVM exits; never stop or close them. Give each test its own topic and bucket
 * ({@link io.fmslake.testkit.S3Endpoint#uniqueBucket}). A test that stops a server (outage) or needs a clean broker
 * uses its own: {@code EmbeddedS3.startNew()} / {@code EmbeddedKafka.startNew()} in try-with-resources.
 *
 * <h2>Docker variant</h2>
 * {@link io.fmslake.testkit.MinioContainerS3} and {@link io.fmslake.testkit.KafkaContainerBroker} implement the same
 * interfaces on Testcontainers. Write the test once against {@link io.fmslake.testkit.S3Endpoint} /
 * {@link io.fmslake.testkit.KafkaBroker} (an abstract class), and add a subclass annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}: it is skipped cleanly where no Docker engine exists.
 *
 * <h2>Services as subprocesses</h2>
 * {@link io.fmslake.testkit.LakeEnv} builds the env map of docs/contract.md for the test servers;
 * {@link io.fmslake.testkit.JvmProcess} starts a main class in a new JVM with the test classpath, logs to a file,
 * and can {@code kill()} (kill -9) or {@code terminate()} (SIGTERM) it.
 *
 * <p>Reading Parquet independently: {@code DuckDb} (same package).
 */
package io.fmslake.testkit;
