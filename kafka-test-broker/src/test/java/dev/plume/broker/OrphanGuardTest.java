package dev.plume.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker must die with the JVM that started it, even when that JVM is SIGKILLed. */
class OrphanGuardTest {

  @Test
  void brokersHaltWhenTheirParentJvmIsKilled(@TempDir Path tmp) throws Exception {
    Process parent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                ParentMain.class.getName())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
      String ready =
          CompletableFuture.supplyAsync(() -> readUntilReady(out)).get(3, TimeUnit.MINUTES);
      assertThat(ready).startsWith("READY");
      // The parent's only children are its brokers (the command line may be too long to match).
      List<ProcessHandle> brokers = parent.descendants().collect(Collectors.toList());
      assertThat(brokers).hasSize(1);

      parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent

      for (ProcessHandle broker : brokers) {
        broker.onExit().get(60, TimeUnit.SECONDS);
        assertThat(broker.isAlive()).isFalse();
      }
    } finally {
      parent.destroyForcibly();
    }
  }

  private static String readUntilReady(BufferedReader out) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("READY")) {
          return line;
        }
      }
      return "parent exited before READY";
    } catch (java.io.IOException e) {
      return "cannot read the parent's output: " + e;
    }
  }

  /** The parent JVM: starts a cluster, says so, then waits to be killed. */
  public static final class ParentMain {
    public static void main(String[] args) throws Exception {
      KafkaCluster cluster = EmbeddedKafka.start(ClusterSpec.singleNode());
      System.out.println("READY " + cluster.bootstrapServers());
      System.out.flush();
      Thread.currentThread().join(); // until killed
    }
  }
}
