package dev.plume.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.ScopeDependencyFilter;

/**
 * The jars of one Apache Kafka broker version ({@code org.apache.kafka:kafka_2.13}, or {@code
 * kafka_2.12} for 2.1-2.3, and its runtime dependencies, ZooKeeper included up to 3.9), resolved
 * from Maven Central into the local Maven repository with an embedded Maven Resolver. The resolved
 * list is cached as a plain text file so later runs start without any network or resolver work.
 */
final class KafkaClasspath {

  private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*([.-][A-Za-z0-9]+)*");

  /** The reload4j release Kafka 3.9 ships in its distribution. */
  private static final String RELOAD4J_VERSION = "1.2.25";

  /**
   * slf4j-reload4j exists from SLF4J 1.7.33 on; older Kafka (up to 3.0, SLF4J 1.7.30) gets this
   * one, which binds to any SLF4J 1.7 API.
   */
  private static final String FIRST_SLF4J_RELOAD4J = "1.7.36";

  /**
   * The ZooKeeper release Kafka 2.8 ships. ZooKeeper's client before 3.5.8 cannot connect on JDK 14
   * and later (it parses {@code InetSocketAddress.toString()}, whose format changed: the broker
   * logs {@code UnresolvedAddressException} for {@code 127.0.0.1/<unresolved>}), and no JDK older
   * than 17 is at hand; so Kafka 2.1-2.5 run with this client and server instead of their own.
   */
  static final String JDK14_SAFE_ZOOKEEPER = "3.5.9";

  private static final String DEFAULT_REPOSITORY_URL = "https://repo.maven.apache.org/maven2/";

  private KafkaClasspath() {}

  /** Returns the broker's jars, resolving and caching them on first use of {@code version}. */
  static List<Path> forVersion(String version) {
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("Not a Kafka version: '" + version + "'");
    }
    Path cacheFile =
        PlumeDirectories.cacheDir().resolve("kafka-classpath").resolve(version + ".txt");
    List<Path> cached = readCache(cacheFile);
    if (cached != null) {
      return cached;
    }
    // The first use of a version may download ~50 jars; say why the wait.
    System.err.println(
        "[plume] Resolving Kafka broker " + version + " from Maven Central (cached afterwards)");
    List<Path> resolved = resolve(version);
    writeCache(cacheFile, resolved);
    return resolved;
  }

  /** The cached list, or null when absent or when any jar it names has gone from disk. */
  private static List<Path> readCache(Path cacheFile) {
    if (!Files.isRegularFile(cacheFile)) {
      return null;
    }
    try {
      List<Path> jars = new ArrayList<>();
      for (String line : Files.readAllLines(cacheFile, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Path jar = Path.of(line);
        if (!Files.isRegularFile(jar)) {
          return null;
        }
        jars.add(jar);
      }
      return jars.isEmpty() ? null : List.copyOf(jars);
    } catch (IOException e) {
      return null;
    }
  }

  private static void writeCache(Path cacheFile, List<Path> jars) {
    try {
      Files.createDirectories(cacheFile.getParent());
      // Write then rename, so a concurrent reader never sees half a list.
      Path tmp =
          Files.createTempFile(cacheFile.getParent(), cacheFile.getFileName().toString(), ".tmp");
      List<String> lines = new ArrayList<>();
      jars.forEach(jar -> lines.add(jar.toAbsolutePath().toString()));
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(
          tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Kafka classpath cache " + cacheFile, e);
    }
  }

  private static List<Path> resolve(String version) {
    String url = PlumeDirectories.setting("plume.maven.repository", "PLUME_MAVEN_REPOSITORY");
    RemoteRepository central =
        new RemoteRepository.Builder(
                "central", "default", url == null ? DEFAULT_REPOSITORY_URL : url)
            .build();
    Path localRepository = PlumeDirectories.localMavenRepository();
    String artifactId = KafkaVersion.parse(version).brokerArtifactId();
    RepositorySystem system = new RepositorySystemSupplier().get();
    try (RepositorySystemSession.CloseableSession session =
        new SessionBuilderSupplier(system)
            .get()
            .withLocalRepositoryBaseDirectories(localRepository)
            .setSystemProperties(System.getProperties())
            .build()) {
      List<Dependency> roots = new ArrayList<>();
      roots.add(
          new Dependency(
              new DefaultArtifact("org.apache.kafka", artifactId, "jar", version), "runtime"));
      if (KafkaVersion.parse(version).needsNewerZooKeeperClient()) {
        // A root of its own, so it wins over Kafka's (nearer in the graph); management would not
        // reach Kafka's direct dependencies. Logging and Netty stay Kafka's choice.
        roots.add(
            new Dependency(
                new DefaultArtifact(
                    "org.apache.zookeeper", "zookeeper", "jar", JDK14_SAFE_ZOOKEEPER),
                "runtime",
                false,
                List.of(
                    new Exclusion("log4j", "log4j", "*", "*"),
                    new Exclusion("org.slf4j", "slf4j-log4j12", "*", "*"),
                    new Exclusion("io.netty", "*", "*", "*"))));
      }
      CollectRequest collect = new CollectRequest(roots, List.of(), List.of(central));
      DependencyRequest request =
          new DependencyRequest(
              collect, new ScopeDependencyFilter(List.of("compile", "runtime"), List.of()));
      List<Artifact> artifacts = new ArrayList<>();
      for (ArtifactResult result :
          system.resolveDependencies(session, request).getArtifactResults()) {
        artifacts.add(result.getArtifact());
      }
      List<ArtifactRequest> bindings = new ArrayList<>();
      for (Artifact binding : loggingBinding(artifacts)) {
        bindings.add(new ArtifactRequest(binding, List.of(central), null));
      }
      for (ArtifactResult result : system.resolveArtifacts(session, bindings)) {
        artifacts.add(result.getArtifact());
      }
      List<Path> jars = new ArrayList<>();
      artifacts.forEach(artifact -> jars.add(artifact.getPath()));
      return List.copyOf(jars);
    } catch (DependencyResolutionException | ArtifactResolutionException e) {
      throw new IllegalStateException(
          "Cannot resolve Kafka broker "
              + version
              + " (org.apache.kafka:"
              + artifactId
              + ":"
              + version
              + ") from "
              + central.getUrl()
              + " into "
              + localRepository
              + ": "
              + e.getMessage(),
          e);
    } finally {
      system.shutdown();
    }
  }

  /**
   * The SLF4J binding the broker distribution ships but its POM does not declare: without it the
   * broker logs nothing. Kafka 4.x logs through Log4j 2, Kafka 2.x and 3.x through reload4j (Log4j
   * 1; Kafka 2.x shipped log4j 1.2.17 itself, whose API reload4j keeps).
   */
  private static List<Artifact> loggingBinding(List<Artifact> artifacts) {
    String slf4j = versionOf(artifacts, "org.slf4j", "slf4j-api");
    String log4jCore = versionOf(artifacts, "org.apache.logging.log4j", "log4j-core");
    if (slf4j == null) {
      return List.of();
    }
    boolean slf4j1 = slf4j.startsWith("1.");
    if (log4jCore != null) {
      String binding = slf4j1 ? "log4j-slf4j-impl" : "log4j-slf4j2-impl";
      if (versionOf(artifacts, "org.apache.logging.log4j", binding) != null) {
        return List.of();
      }
      return List.of(new DefaultArtifact("org.apache.logging.log4j", binding, "jar", log4jCore));
    }
    if (versionOf(artifacts, "org.slf4j", "slf4j-reload4j") != null
        || versionOf(artifacts, "org.slf4j", "slf4j-log4j12") != null) {
      return List.of();
    }
    String bindingVersion = hasReload4jBinding(slf4j) ? slf4j : FIRST_SLF4J_RELOAD4J;
    return List.of(
        new DefaultArtifact("org.slf4j", "slf4j-reload4j", "jar", bindingVersion),
        new DefaultArtifact("ch.qos.reload4j", "reload4j", "jar", RELOAD4J_VERSION));
  }

  /** True for SLF4J 1.7.33 and later 1.7.x (the 2.x branch has it too, but Kafka 3.x uses 1.7). */
  private static boolean hasReload4jBinding(String slf4j) {
    String[] parts = slf4j.split("[.-]");
    if (parts.length < 3 || !parts[0].equals("1") || !parts[1].equals("7")) {
      return true;
    }
    try {
      return Integer.parseInt(parts[2]) >= 33;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String versionOf(List<Artifact> artifacts, String groupId, String artifactId) {
    for (Artifact artifact : artifacts) {
      if (artifact.getGroupId().equals(groupId) && artifact.getArtifactId().equals(artifactId)) {
        return artifact.getVersion();
      }
    }
    return null;
  }
}
