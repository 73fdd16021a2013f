package io.pottery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys of one operation lie in different Redis Cluster hash slots, so no single node can run it. Pottery
 * checks this before it sends anything: a cross-slot command never reaches a server, whichever driver is in
 * use, and the message is the same on every driver.
 *
 * <p>Keys that are used together must share a hash tag: the part between the first <code>{</code> and the next
 * <code>}</code> is all Redis hashes, so {@code {cart:42}:items} and {@code {cart:42}:seen} always live in the same
 * slot. The message names each key with its slot and ends with {@code (docs/errors.md#cross-slot)}.
 *
 * <p>{@link #errorCode()} is {@code CROSSSLOT}, the code Redis itself uses for the same condition.
 *
 * @since 0.2
 */
public class CrossSlotException extends RedisErrorException {
  private static final long serialVersionUID = 1L;

  private final Map<String, Integer> slots;

  /**
   * Creates the exception for a command whose keys hash to different slots.
   *
   * @param command the command's name, e.g. {@code "SUNIONSTORE"} (for the message)
   * @param slots each key (as text) with its hash slot, in the command's order; at least two slots differ
   * @param masters the redacted URI of the cluster the command was meant for, or empty
   * @throws NullPointerException if an argument is null
   */
  public CrossSlotException(String command, Map<String, Integer> slots, List<String> masters) {
    super(describe(Objects.requireNonNull(command, "command"), Objects.requireNonNull(slots, "slots")),
        slots.isEmpty() ? null : slots.keySet().iterator().next(), masters, null);
    this.slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
  }

  private static String describe(String command, Map<String, Integer> slots) {
    StringBuilder sb = new StringBuilder("CROSSSLOT ").append(command)
        .append("'s keys are in different hash slots of the cluster, so no node can run it: ");
    String sep = "";
    for (Map.Entry<String, Integer> e : slots.entrySet()) {
      sb.append(sep).append('"').append(e.getKey()).append("\" (slot ").append(e.getValue()).append(')');
      sep = ", ";
    }
    return sb.append(". Keys used together must share a hash tag, e.g. \"{cart:42}:items\" and \"{cart:42}:seen\";"
        + " Redis hashes only the part between the first { and the next } (docs/errors.md#cross-slot)").toString();
  }

  /** Each key of the refused command with its hash slot, in the command's order (unmodifiable). */
  public Map<String, Integer> slots() {
    return slots;
  }
}
