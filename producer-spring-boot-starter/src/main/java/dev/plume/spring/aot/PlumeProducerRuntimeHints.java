package dev.plume.spring.aot;

import java.util.List;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Hints for what the Plume engine and {@code PlumeKafkaProducer} load reflectively whatever the
 * configuration says; class names taken from properties are registered by {@link
 * PlumePluginClassesAotProcessor}.
 *
 * <ul>
 *   <li>The compression libraries' probe classes ({@code Codecs} checks with {@code Class.forName}
 *       whether snappy-java, lz4-java and zstd-jni are present).
 *   <li>lz4-java picks its fastest implementation by class name and reads each class's {@code
 *       INSTANCE} field; lz4-java and zstd-jni load their native library from a jar resource.
 *       snappy-java ships its own native-image metadata.
 *   <li>The public {@code String} constants of {@code ProducerConfig}, {@code SslConfig} and {@code
 *       SaslConfig}, read reflectively to recognise the configuration keys the engine handles.
 *   <li>kafka-clients' {@code ProducerInterceptor.onAcknowledgement(..., Headers)}, looked up by
 *       {@code PlumeKafkaProducer} because older kafka-clients versions lack it.
 * </ul>
 *
 * Libraries that are absent get no hints.
 */
public class PlumeProducerRuntimeHints implements RuntimeHintsRegistrar {

  static final List<String> CODEC_PROBE_CLASSES =
      List.of(
          "org.xerial.snappy.Snappy",
          "net.jpountz.lz4.LZ4Factory",
          "com.github.luben.zstd.ZstdCompressCtx");

  private static final List<String> LZ4_IMPLEMENTATIONS = List.of("JNI", "JavaUnsafe", "JavaSafe");

  static final List<String> CONFIG_CONSTANT_CLASSES =
      List.of(
          "dev.plume.producer.ProducerConfig",
          "dev.plume.producer.security.SslConfig",
          "dev.plume.producer.security.SaslConfig");

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    for (String probe : CODEC_PROBE_CLASSES) {
      if (ClassUtils.isPresent(probe, classLoader)) {
        hints.reflection().registerType(TypeReference.of(probe));
      }
    }
    if (ClassUtils.isPresent("net.jpountz.lz4.LZ4Factory", classLoader)) {
      registerLz4(hints, classLoader);
    }
    if (ClassUtils.isPresent("com.github.luben.zstd.ZstdCompressCtx", classLoader)) {
      // zstd-jni: <os>/<arch>/libzstd-jni-<version>.<so|dylib|dll>
      hints.resources().registerPattern("*/*/libzstd-jni-*");
    }
    for (String name : CONFIG_CONSTANT_CLASSES) {
      if (ClassUtils.isPresent(name, classLoader)) {
        hints
            .reflection()
            .registerType(TypeReference.of(name), MemberCategory.ACCESS_PUBLIC_FIELDS);
      }
    }
    String kafkaInterceptor = "org.apache.kafka.clients.producer.ProducerInterceptor";
    if (ClassUtils.isPresent(kafkaInterceptor, classLoader)) {
      hints
          .reflection()
          .registerType(TypeReference.of(kafkaInterceptor), MemberCategory.INVOKE_PUBLIC_METHODS);
    }
  }

  private static void registerLz4(RuntimeHints hints, ClassLoader classLoader) {
    for (String impl : LZ4_IMPLEMENTATIONS) {
      for (String name :
          List.of(
              "net.jpountz.lz4.LZ4" + impl + "Compressor",
              "net.jpountz.lz4.LZ4HC" + impl + "Compressor",
              "net.jpountz.lz4.LZ4" + impl + "FastDecompressor",
              "net.jpountz.lz4.LZ4" + impl + "SafeDecompressor",
              "net.jpountz.xxhash.XXHash32" + impl,
              "net.jpountz.xxhash.XXHash64" + impl,
              "net.jpountz.xxhash.StreamingXXHash32" + impl + "$Factory",
              "net.jpountz.xxhash.StreamingXXHash64" + impl + "$Factory")) {
        if (ClassUtils.isPresent(name, classLoader)) {
          hints
              .reflection()
              .registerType(TypeReference.of(name), MemberCategory.ACCESS_PUBLIC_FIELDS);
        }
      }
    }
    // lz4-java: net/jpountz/util/<os>/<arch>/liblz4-java.<so|dylib|dll>
    hints.resources().registerPattern("net/jpountz/util/*/*/liblz4-java.*");
  }
}
