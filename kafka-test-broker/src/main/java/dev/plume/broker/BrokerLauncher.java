package dev.plume.broker;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Main class of every broker (and ZooKeeper server) child JVM. It makes sure the process never
 * outlives the JVM that started it (the orphan guard), formats a KRaft node's storage on first
 * start, then hands over to Kafka's (or ZooKeeper's) own main class.
 *
 * <p>This class is copied as a single class file onto the child's classpath, so it must stay
 * self-contained: no nested or anonymous classes, no references to other Plume classes.
 *
 * <p>Arguments: {@code <main class> <config file> <cluster id>}; the storage is formatted only when
 * the config file sets {@code process.roles} (a KRaft node), so a ZooKeeper-mode broker or a
 * ZooKeeper server ({@code zoo.cfg}) just starts. System property {@code plume.broker.parentPid}:
 * the PID to watch.
 */
public final class BrokerLauncher {

  /** Exit status used when the parent is gone; distinct from Kafka's own codes for diagnosis. */
  static final int PARENT_GONE_STATUS = 97;

  /** Thrown from the exit procedure installed while an older StorageTool's main runs. */
  private static final String EXIT_CAPTURED = "plume: StorageTool called Exit.exit";

  private BrokerLauncher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println(
          "usage: BrokerLauncher <kafka main class> <server.properties> <cluster id>");
      System.exit(2);
    }
    guardAgainstOrphaning();
    String mainClass = args[0];
    String config = args[1];
    String clusterId = args[2];
    java.util.Properties properties = new java.util.Properties();
    try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(config))) {
      properties.load(in);
    }
    if (properties.getProperty("process.roles") != null) {
      formatStorage(config, clusterId, properties);
    }
    Method main = Class.forName(mainClass).getMethod("main", String[].class);
    main.invoke(null, (Object) new String[] {config});
  }

  /** Halts this JVM as soon as the parent process exits, however it died (even by SIGKILL). */
  private static void guardAgainstOrphaning() {
    String parentPid = System.getProperty("plume.broker.parentPid");
    if (parentPid == null) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid));
    if (parent.isEmpty() || !parent.get().isAlive()) {
      System.err.println("Parent process " + parentPid + " is gone; not starting the broker");
      Runtime.getRuntime().halt(PARENT_GONE_STATUS);
    }
    parent
        .get()
        .onExit()
        .thenRun(
            () -> {
              System.err.println("Parent process " + parentPid + " exited; halting the broker");
              System.err.flush();
              // halt, not exit: Kafka's shutdown hooks could block for long without a controller.
              Runtime.getRuntime().halt(PARENT_GONE_STATUS);
            });
  }

  /** Runs Kafka's storage tool in this JVM (saves a JVM start); a no-op once formatted. */
  private static void formatStorage(
      String config, String clusterId, java.util.Properties properties) throws Exception {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of("format", "-t", clusterId, "-c", config, "--ignore-formatted"));
    // SCRAM credentials exist before the broker starts, so a test can authenticate at once.
    for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
      if (key.startsWith("plume.format.add-scram.")) {
        args.add("--add-scram");
        args.add(properties.getProperty(key));
      }
    }
    String[] formatArgs = args.toArray(String[]::new);
    int status;
    try {
      status = runStorageTool(formatArgs);
    } catch (InvocationTargetException e) {
      System.err.println("Formatting the storage failed:");
      e.getCause().printStackTrace();
      status = 1;
    }
    if (status != 0) {
      System.err.println("kafka.tools.StorageTool format exited with status " + status);
      System.exit(status);
    }
  }

  /**
   * Kafka 3.9+ has {@code StorageTool.execute}, which returns a status. Kafka 3.3-3.8 have only
   * {@code main}, which ends with {@code Exit.exit}: that call is caught through Kafka's own hook
   * for replacing the exit procedure, so this JVM goes on to start the broker.
   */
  private static int runStorageTool(String[] formatArgs) throws Exception {
    Class<?> tool = Class.forName("kafka.tools.StorageTool");
    try {
      Method execute = tool.getMethod("execute", String[].class, PrintStream.class);
      return (Integer) execute.invoke(null, formatArgs, System.out);
    } catch (NoSuchMethodException olderKafka) {
      // Fall through to main.
    }
    Class<?> exit = Class.forName("org.apache.kafka.common.utils.Exit");
    Class<?> procedure = Class.forName("org.apache.kafka.common.utils.Exit$Procedure");
    int[] status = {-1};
    Object capture =
        java.lang.reflect.Proxy.newProxyInstance(
            procedure.getClassLoader(),
            new Class<?>[] {procedure},
            (proxy, method, methodArgs) -> {
              switch (method.getName()) {
                case "execute":
                  status[0] = (Integer) methodArgs[0];
                  throw new IllegalStateException(EXIT_CAPTURED);
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == methodArgs[0];
                default:
                  return EXIT_CAPTURED;
              }
            });
    exit.getMethod("setExitProcedure", procedure).invoke(null, capture);
    try {
      tool.getMethod("main", String[].class).invoke(null, (Object) formatArgs);
    } catch (InvocationTargetException e) {
      if (!(e.getCause() instanceof IllegalStateException)
          || !EXIT_CAPTURED.equals(e.getCause().getMessage())) {
        throw e;
      }
    } finally {
      exit.getMethod("resetExitProcedure").invoke(null);
    }
    return status[0] < 0 ? 0 : status[0];
  }
}
