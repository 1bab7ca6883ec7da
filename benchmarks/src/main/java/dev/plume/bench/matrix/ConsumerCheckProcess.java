package dev.plume.bench.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link OfficialConsumerCheck} in a child JVM on one Kafka version's own jars (its
 * kafka-clients), tagged and guarded like the test brokers: killed on timeout and when this JVM
 * exits, and halting by itself if this JVM dies.
 */
final class ConsumerCheckProcess {

  private static final long TIMEOUT_MS = 120_000;

  private final Path classDir;
  private final Path logDir;
  private Process running; // guarded by this

  /**
   * @param workDir where the check's class file is extracted and each check's output is kept
   */
  ConsumerCheckProcess(Path workDir) {
    this.classDir = workDir.resolve("consumer-check-classes");
    this.logDir = workDir.resolve("logs");
    extractCheckClass(classDir);
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + logDir, e);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(this::killRunning, "plume-matrix-consumer-kill"));
  }

  /**
   * Checks what {@code run} wrote to a broker of {@code kafkaVersion}, reading with that version.
   */
  CellResult check(String kafkaVersion, List<Path> kafkaJars, String bootstrap, MatrixRun run) {
    Path log = logDir.resolve(kafkaVersion + "-" + run.label() + "-consumer.log");
    int expected = PlumeWriter.RECORDS;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.add("-Dplume.broker.tag=" + brokerTag());
    command.add("-Dplume.broker.parentPid=" + ProcessHandle.current().pid());
    StringJoiner classpath = new StringJoiner(java.io.File.pathSeparator);
    classpath.add(classDir.toString());
    kafkaJars.forEach(jar -> classpath.add(jar.toString()));
    command.addAll(List.of("-cp", classpath.toString(), OfficialConsumerCheck.class.getName()));
    command.addAll(
        List.of(
            bootstrap,
            run.topic(),
            Integer.toString(expected),
            run.ordered() ? "ordered" : "unordered"));
    Process process;
    try {
      synchronized (this) {
        process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        running = process;
      }
      if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        return CellResult.fail("consumer check timed out after " + TIMEOUT_MS / 1000 + " s");
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith(OfficialConsumerCheck.RESULT_PREFIX)) {
          String result = line.substring(OfficialConsumerCheck.RESULT_PREFIX.length());
          return result.startsWith("PASS")
              ? CellResult.pass(result.substring("PASS".length()).trim())
              : CellResult.fail(result.substring("FAIL".length()).trim());
        }
      }
      return CellResult.fail(
          "consumer check exited " + process.exitValue() + " without a result; see " + log);
    } catch (IOException e) {
      return CellResult.fail("consumer check", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CellResult.fail("consumer check", e);
    } finally {
      synchronized (this) {
        running = null;
      }
    }
  }

  private synchronized void killRunning() {
    if (running != null) {
      running.destroyForcibly();
    }
  }

  /**
   * Env var {@code PLUME_BROKER_TAG}, else system property {@code plume.broker.tag}, else local.
   */
  private static String brokerTag() {
    String tag = System.getenv("PLUME_BROKER_TAG");
    if (tag == null || tag.isBlank()) {
      tag = System.getProperty("plume.broker.tag", "local");
    }
    return tag;
  }

  /** Copies the check's single class file where the child's classpath can point to. */
  private static void extractCheckClass(Path dir) {
    String classFile = OfficialConsumerCheck.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(classFile);
    try (InputStream in =
        OfficialConsumerCheck.class.getClassLoader().getResourceAsStream(classFile)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find " + classFile + " on the classpath");
      }
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot extract " + classFile + " to " + dir, e);
    }
  }
}
