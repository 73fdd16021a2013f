package io.pottery.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure no {@code redis-server} outlives the test JVM that started it. Every live process is known
 * here, and a shutdown hook kills whatever is still running when the JVM exits (a test class that crashed
 * before its servers were closed, or {@code System.exit}). A JVM that is itself SIGKILLed runs no hook, so
 * each server also leaves an owner file in its work directory, and the first server started by a later JVM
 * kills the servers whose owner is gone (see {@link #sweepOrphans(Path)}).
 *
 * <p>One per JVM, because a shutdown hook is JVM-wide: that is why this is the testkit's one static
 * singleton.
 */
final class ProcessReaper {
  /** The prefix of every process work directory in {@code java.io.tmpdir}. */
  static final String WORK_DIR_PREFIX = "pottery-redis-";
  private static final String OWNER_FILE = "pottery-owner.properties";
  private static final System.Logger LOG = System.getLogger(ProcessReaper.class.getName());

  private final Map<Process, Path> live = new ConcurrentHashMap<>();
  private final Thread hook;

  private ProcessReaper() {
    hook = new Thread(this::killAll, "pottery-testkit-redis-reaper");
  }

  private static final class Holder {
    static final ProcessReaper INSTANCE = create();

    private static ProcessReaper create() {
      ProcessReaper reaper = new ProcessReaper();
      Runtime.getRuntime().addShutdownHook(reaper.hook);
      int killed = sweepOrphans(Path.of(System.getProperty("java.io.tmpdir")));
      if (killed > 0) {
        LOG.log(System.Logger.Level.INFO, "Killed " + killed + " redis-server process(es) left behind by dead test JVMs");
      }
      return reaper;
    }
  }

  /** The JVM's reaper; the first call installs the shutdown hook and sweeps orphans of dead JVMs. */
  static ProcessReaper instance() {
    return Holder.INSTANCE;
  }

  /** The shutdown hook, so a test can check it is registered. */
  Thread hook() {
    return hook;
  }

  /** How many processes are alive and not yet released. */
  int liveCount() {
    live.keySet().removeIf(process -> !process.isAlive());
    return live.size();
  }

  /** Takes charge of a just-started process: it will be killed at JVM exit unless released first. */
  void adopt(Process process, Path workDir) {
    live.put(process, workDir);
    Properties owner = new Properties();
    ProcessHandle self = ProcessHandle.current();
    owner.setProperty("owner.pid", Long.toString(self.pid()));
    owner.setProperty("owner.start", startMillis(self));
    owner.setProperty("redis.pid", Long.toString(process.pid()));
    owner.setProperty("redis.start", startMillis(process.toHandle()));
    try (var out = Files.newBufferedWriter(workDir.resolve(OWNER_FILE), StandardCharsets.UTF_8)) {
      owner.store(out, "pottery-testkit: the JVM that owns this redis-server");
    } catch (IOException e) {
      // Without the file only the sweep after a SIGKILLed JVM is lost; the shutdown hook still works.
      LOG.log(System.Logger.Level.DEBUG, "Cannot write the owner file in " + workDir + ": " + e);
    }
  }

  /** Forgets a process that was stopped the ordinary way. */
  void release(Process process) {
    live.remove(process);
  }

  private void killAll() {
    for (Process process : live.keySet()) {
      process.destroyForcibly();
    }
    // One deadline for all: a shutdown hook must not hold the JVM's exit for long.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (Map.Entry<Process, Path> entry : live.entrySet()) {
      try {
        entry.getKey().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      deleteWorkDir(entry.getValue());
    }
  }

  /**
   * Kills the servers whose owning JVM is gone and deletes their work directories. A server is killed only
   * when its pid and its start time both match the owner file, so a recycled pid is never hit; directories
   * without an owner file (or of JVMs still running) are left alone.
   *
   * @return how many processes were killed
   */
  static int sweepOrphans(Path tmpDir) {
    int killed = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpDir, WORK_DIR_PREFIX + "*")) {
      for (Path dir : dirs) {
        Optional<Properties> owner = readOwner(dir);
        if (owner.isEmpty() || isAlive(owner.get(), "owner")) {
          continue;
        }
        Optional<ProcessHandle> orphan = matching(owner.get(), "redis");
        if (orphan.isPresent()) {
          orphan.get().destroyForcibly();
          killed++;
        }
        deleteWorkDir(dir);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Orphan sweep in " + tmpDir + " stopped: " + e);
    }
    return killed;
  }

  private static Optional<Properties> readOwner(Path dir) {
    Path file = dir.resolve(OWNER_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties owner = new Properties();
      owner.load(in);
      return Optional.of(owner);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isAlive(Properties owner, String who) {
    try {
      long pid = Long.parseLong(owner.getProperty(who + ".pid", ""));
      String recorded = owner.getProperty(who + ".start", "");
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(handle -> recorded.isEmpty() || startMillis(handle).isEmpty() || recorded.equals(startMillis(handle)))
          .isPresent();
    } catch (NumberFormatException e) {
      // Unreadable: treat the owner as alive, so nothing is killed on a guess.
      return true;
    }
  }

  private static Optional<ProcessHandle> matching(Properties owner, String who) {
    try {
      long pid = Long.parseLong(owner.getProperty(who + ".pid", ""));
      String recorded = owner.getProperty(who + ".start", "");
      if (recorded.isEmpty()) {
        return Optional.empty();
      }
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> recorded.equals(startMillis(handle)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String startMillis(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli).map(String::valueOf).orElse("");
  }

  /** Deletes a process work directory and the files in it; a leftover directory is harmless. */
  static void deleteWorkDir(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // Best effort: the temp directory cleaner removes what is left.
    }
  }
}
