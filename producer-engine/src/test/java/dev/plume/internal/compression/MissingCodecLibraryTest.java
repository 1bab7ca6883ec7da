package dev.plume.internal.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Loads the engine's classes in a class loader that hides snappy-java, lz4-java and zstd-jni, as an
 * application without those optional dependencies would.
 */
class MissingCodecLibraryTest {

  private static final String[] HIDDEN = {
    "org.xerial.snappy.", "net.jpountz.", "com.github.luben."
  };

  @Test
  void compressionTypeLoadsAndAMissingCodecNamesItsMavenCoordinates() throws Exception {
    try (HidingClassLoader loader = new HidingClassLoader()) {
      Class<?> typeClass = loader.loadClass("dev.plume.internal.compression.CompressionType");
      Object snappy = typeClass.getMethod("forConfigName", String.class).invoke(null, "snappy");
      assertThat(typeClass.getMethod("values").invoke(null)).isNotNull();
      assertThat(loader.hiddenRequests).as("codec library lookups by CompressionType").isZero();
      Class<?> codecs = loader.loadClass("dev.plume.internal.compression.Codecs");
      Class<?> levels = loader.loadClass("dev.plume.internal.compression.CompressionLevels");
      Object defaults = levels.getField("DEFAULTS").get(null);

      assertThat(codecs.getMethod("isAvailable", typeClass).invoke(null, snappy)).isEqualTo(false);
      Method newCompressor = codecs.getMethod("newCompressor", typeClass, levels);
      for (String name : new String[] {"snappy", "lz4", "zstd"}) {
        Object type = typeClass.getMethod("forConfigName", String.class).invoke(null, name);
        Throwable thrown = invocationFailure(() -> newCompressor.invoke(null, type, defaults));
        assertThat(thrown.getClass().getName())
            .isEqualTo("dev.plume.internal.compression.CodecUnavailableException");
        assertThat(thrown.getMessage())
            .contains("compression.type=" + name)
            .contains((String) codecs.getMethod("mavenCoordinates", typeClass).invoke(null, type));
      }
      assertThat(loader.hiddenRequests).as("only Codecs probes the libraries").isPositive();
    }
  }

  @Test
  void gzipBatchesStillWorkWithoutTheOptionalLibraries() throws Exception {
    try (HidingClassLoader loader = new HidingClassLoader()) {
      Class<?> typeClass = loader.loadClass("dev.plume.internal.compression.CompressionType");
      Object gzip = typeClass.getMethod("forConfigName", String.class).invoke(null, "gzip");
      Class<?> contextClass = loader.loadClass("dev.plume.internal.compression.CompressionContext");
      Object context = contextClass.getConstructor().newInstance();
      Class<?> builderClass = loader.loadClass("dev.plume.internal.record.RecordBatchBuilder");
      Class<?> headerArray =
          java.lang.reflect.Array.newInstance(loader.loadClass("dev.plume.producer.Header"), 0)
              .getClass();
      Object builder =
          builderClass
              .getConstructor(ByteBuffer.class, typeClass, boolean.class)
              .newInstance(ByteBuffer.allocate(4096), gzip, false);
      builderClass
          .getMethod("tryAppend", long.class, byte[].class, byte[].class, headerArray)
          .invoke(builder, 1L, null, "x".repeat(1000).getBytes(), null);

      ByteBuffer sealed =
          (ByteBuffer) builderClass.getMethod("seal", contextClass).invoke(builder, context);

      assertThat(sealed.remaining()).isLessThan(200);
      assertThat(builderClass.getMethod("sealedCompressionType").invoke(builder)).isSameAs(gzip);
    }
  }

  private interface Call {
    Object call() throws Exception;
  }

  private static Throwable invocationFailure(Call call) throws Exception {
    try {
      call.call();
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  /** Child-first for dev.plume classes of the engine; refuses the optional codec libraries. */
  private static final class HidingClassLoader extends URLClassLoader {
    int hiddenRequests;

    HidingClassLoader() {
      super(
          new URL[] {CompressionType.class.getProtectionDomain().getCodeSource().getLocation()},
          MissingCodecLibraryTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        for (String hidden : HIDDEN) {
          if (name.startsWith(hidden)) {
            hiddenRequests++;
            throw new ClassNotFoundException(name + " is hidden by the test");
          }
        }
        if (name.startsWith("dev.plume.")) {
          Class<?> loaded = findLoadedClass(name);
          if (loaded == null) {
            loaded = findClass(name);
          }
          return loaded;
        }
        return super.loadClass(name, resolve);
      }
    }
  }
}
