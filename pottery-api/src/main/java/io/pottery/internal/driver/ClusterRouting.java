package io.pottery.internal.driver;

import io.pottery.spi.Command;
import io.pottery.spi.HashSlots;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one routing plan of Pottery's cluster drivers (the "Clusters" section of
 * {@link io.pottery.spi.RedisConnection}): where each command goes, decided before anything is sent, with one set
 * of messages for both drivers. Not API: for Pottery's own drivers only.
 */
public final class ClusterRouting {
  /** The route of a command that runs on every node ({@code SCRIPT}, {@code FLUSHALL}, {@code FLUSHDB}). */
  public static final int EVERY_NODE = -1;

  private static final Set<String> EVERY_NODE_COMMANDS = Set.of("SCRIPT", "FLUSHALL", "FLUSHDB");

  private ClusterRouting() {}

  /**
   * The routes of a pipeline's commands: {@link #slots()}[i] is command i's slot, or {@link #EVERY_NODE};
   * {@link #pinned()}[i] says the command is keyless and follows the keyed command before it (as {@code WAIT}),
   * on the same node and connection.
   */
  public record Plan(int[] slots, boolean[] pinned) {
    /** Whether command {@code i} runs on every node. */
    public boolean everyNode(int i) {
      return slots[i] == EVERY_NODE && !pinned[i];
    }
  }

  /** Whether {@code command} runs on every node: keyless, without a route slot, and SCRIPT/FLUSHALL/FLUSHDB. */
  public static boolean runsOnEveryNode(Command command) {
    return command.keyPositions().length == 0 && command.routeSlot() < 0
        && EVERY_NODE_COMMANDS.contains(command.name().toUpperCase(Locale.ROOT));
  }

  /**
   * The slot a command sent alone goes to, or {@link #EVERY_NODE}.
   *
   * @param masters the redacted endpoint as exceptions carry it
   * @param cluster the redacted cluster endpoint, for the message
   * @throws io.pottery.CrossSlotException if its keys are in different slots
   * @throws IllegalArgumentException if it has neither keys nor a route slot and does not run on every node
   */
  public static int route(Command command, List<String> masters, String cluster) {
    if (runsOnEveryNode(command)) {
      return EVERY_NODE;
    }
    int slot = HashSlots.requireOneSlot(command, masters);
    if (slot < 0) {
      throw keylessRefused(command, cluster, "");
    }
    return slot;
  }

  /**
   * Routes every command of a pipeline; a refused one means none is sent.
   *
   * @throws io.pottery.CrossSlotException if a command's keys are in different slots
   * @throws IllegalArgumentException if a keyless command without a route slot comes before any keyed command
   */
  public static Plan plan(List<Command> commands, List<String> masters, String cluster) {
    int n = commands.size();
    int[] slots = new int[n];
    boolean[] pinned = new boolean[n];
    int previous = -1;
    for (int i = 0; i < n; i++) {
      Command command = Objects.requireNonNull(commands.get(i), "command in pipeline");
      if (runsOnEveryNode(command)) {
        slots[i] = EVERY_NODE;
        continue;
      }
      int slot = HashSlots.requireOneSlot(command, masters);
      if (slot < 0) {
        if (previous < 0) {
          throw keylessRefused(command, cluster, " and no command with a key comes before it in the pipeline");
        }
        slot = previous;
        pinned[i] = true;
      }
      slots[i] = slot;
      previous = slot;
    }
    return new Plan(slots, pinned);
  }

  private static IllegalArgumentException keylessRefused(Command command, String cluster, String context) {
    return new IllegalArgumentException(command.name() + " has no key and no route slot" + context + ", so no one "
        + "node of the Redis Cluster " + cluster + " is the right one to run it: give it its key, route it with "
        + "Command.Builder.routeTo(slot), or (like WAIT) send it in a pipeline after the keyed command it belongs to");
  }
}
