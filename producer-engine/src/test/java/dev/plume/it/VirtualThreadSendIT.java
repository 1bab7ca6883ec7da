package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.ByteArraySerializer;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * 10,000 virtual threads call {@code send()} at once with a buffer far too small for their records,
 * so most of them block for buffer memory: every record is still acknowledged, nobody deadlocks,
 * and no virtual thread parks while pinned to its carrier (the producer blocks on {@code
 * java.util.concurrent} locks, never inside {@code synchronized}). Needs JDK 21+ (the code is
 * compiled for 17, so the virtual-thread API is reached by reflection); skipped on older JDKs.
 */
class VirtualThreadSendIT {

  private static final int THREADS = 10_000;
  private static final int VALUE_BYTES = 1_000;

  @Test
  void tenThousandVirtualThreadsBlockedOnAFullBufferAllCompleteUnpinned() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "virtual-threads";
    Records.createTopic(bootstrap, topic, 3, (short) 1);
    String warmUpTopic = "virtual-threads-warm-up";
    Records.createTopic(bootstrap, warmUpTopic, 1, (short) 1);
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
    Path pinEvents = Files.createTempFile("virtual-thread-pins", ".jfr");
    try (Recording pins = new Recording();
        PlumeProducer<byte[], byte[]> producer =
            new PlumeProducer<>(
                Map.of(
                    "bootstrap.servers", bootstrap,
                    "acks", "all",
                    // 16 batches' worth for 10 MB of records: nearly every sender waits.
                    "buffer.memory", "262144",
                    "max.block.ms", "120000",
                    "metric.reporters", ""),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      // Any park while pinned, however short, is reported (the JDK's default threshold is 20 ms).
      pins.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      pins.start();
      // Metadata first, so that the threads block on memory and not on it; and one send from this
      // thread, so that the send path's classes are loaded: the JDK's class loading pins a virtual
      // thread while it holds the loader's lock, which says nothing about the producer.
      producer.partitionsFor(topic);
      producer.send(new ProducerRecord<>(warmUpTopic, new byte[0])).get(60, TimeUnit.SECONDS);

      List<Thread> threads = new ArrayList<>(THREADS);
      for (int i = 0; i < THREADS; i++) {
        byte[] value = DeliveryAudit.value(i, VALUE_BYTES);
        threads.add(
            startVirtual(
                () -> {
                  try {
                    producer.send(
                        new ProducerRecord<>(topic, value),
                        (md, e) -> (e == null ? acked : failed).incrementAndGet());
                  } catch (Throwable t) {
                    thrown.add(t);
                  }
                }));
      }
      for (Thread t : threads) {
        // Generous: a deadlock fails here instead of hanging the build.
        t.join(TimeUnit.SECONDS.toMillis(120));
        assertThat(t.isAlive()).as("a sending thread is still blocked: deadlock?").isFalse();
      }
      producer.flush();
      pins.stop();
      pins.dump(pinEvents);
    }
    List<String> pinned =
        RecordingFile.readAllEvents(pinEvents).stream()
            .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
            .map(e -> e.getDuration() + " " + e.getStackTrace())
            .toList();
    Files.deleteIfExists(pinEvents);
    assertThat(thrown).isEmpty();
    assertThat(failed.get()).isZero();
    assertThat(acked.get()).isEqualTo(THREADS);
    assertThat(pinned).isEmpty();
    DeliveryAudit audit = new DeliveryAudit(THREADS);
    Records.forEach(bootstrap, topic, Duration.ofSeconds(60), audit::accept);
    assertThat(audit.lost()).isZero();
    assertThat(audit.duplicates()).isZero();
  }

  private static Thread startVirtual(Runnable task) throws ReflectiveOperationException {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    return (Thread) start.invoke(builder, task);
  }
}
