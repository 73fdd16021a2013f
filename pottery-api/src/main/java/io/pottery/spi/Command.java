package io.pottery.spi;

import io.pottery.internal.text.Quoting;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Redis command: its name, its arguments as bytes, and which arguments are keys (so that a cluster
 * driver can route it, and a command whose keys span hash slots is caught before it is sent).
 *
 * <p>Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * Command hset = Command.builder("HSET").key(key).arg(field).arg(value).build();
 * }</pre>
 *
 * <p>Instances are immutable in contract: the byte arrays handed to the builder are kept, not copied (commands
 * are built on every call, so copying would double the garbage), and must not be changed afterwards.
 * {@link #arg(int)} returns the stored array for the same reason; drivers only read it.
 *
 * @since 0.1
 */
public final class Command {
  private static final int[] NO_KEYS = new int[0];

  private final String name;
  private final byte[][] args;
  private final int[] keyPositions;
  private final boolean idempotent;
  private final int routeSlot;

  private Command(String name, byte[][] args, int[] keyPositions, boolean idempotent, int routeSlot) {
    this.name = name;
    this.args = args;
    this.keyPositions = keyPositions;
    this.idempotent = idempotent;
    this.routeSlot = routeSlot;
  }

  /**
   * Starts a command.
   *
   * @param name the command's name, e.g. {@code "HSET"}; sent as given (Redis ignores case)
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or contains a space (subcommands such as
   *     {@code SCRIPT LOAD} take the subcommand as the first argument)
   */
  public static Builder builder(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("command name \"" + name + "\" must be one word; pass subcommands as arguments");
    }
    return new Builder(name);
  }

  /** The command's name, e.g. {@code "HSET"}. */
  public String name() {
    return name;
  }

  /** The number of arguments, not counting the name. */
  public int argCount() {
    return args.length;
  }

  /**
   * The argument at {@code index} (0 is the first after the name). Returns the stored array: do not modify it.
   *
   * @throws IndexOutOfBoundsException if there is no such argument
   */
  public byte[] arg(int index) {
    Objects.checkIndex(index, args.length);
    return args[index];
  }

  /** Whether the argument at {@code index} is a key. */
  public boolean isKey(int index) {
    for (int position : keyPositions) {
      if (position == index) {
        return true;
      }
    }
    return false;
  }

  /** The positions of the key arguments, in ascending order (a copy). */
  public int[] keyPositions() {
    return keyPositions.clone();
  }

  /**
   * Whether running the command twice has the same effect as running it once (reads, {@code SET} of a fixed
   * value, {@code DEL}, a Lua script written to be repeatable). Set by whoever builds the command, honestly:
   * a driver may resend an idempotent command whose outcome is unknown (a timeout or reset after it was
   * sent), and must never resend one that is not. Defaults to {@code false}.
   */
  public boolean idempotent() {
    return idempotent;
  }

  /**
   * The hash slot a keyless command is routed to in a cluster ({@link Builder#routeTo(int)}), or {@code -1}
   * if none was given. Commands with keys are routed by their keys; see {@link HashSlots#requireOneSlot}.
   */
  public int routeSlot() {
    return routeSlot;
  }

  /** The first key of the command as UTF-8 text, or {@code null} if it has none; for messages. */
  public String firstKey() {
    return keyPositions.length == 0 ? null : new String(args[keyPositions[0]], StandardCharsets.UTF_8);
  }

  /**
   * A readable rendering for logs and messages: the name, then each argument quoted when it is printable
   * UTF-8 (keys and short values) or as a byte count, e.g. {@code HSET "tel" "\"jack\"" <4 bytes>}.
   * Values longer than 64 bytes are shown by size only.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    for (byte[] arg : args) {
      sb.append(' ');
      if (arg.length <= Quoting.SHOWN_BYTES && Quoting.printable(arg)) {
        sb.append(Quoting.quote(arg));
      } else {
        sb.append('<').append(arg.length).append(" bytes>");
      }
    }
    return sb.toString();
  }

  /** Structural equality: same name, argument bytes, key positions, idempotence and route slot. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Command)) {
      return false;
    }
    Command other = (Command) o;
    return name.equals(other.name) && Arrays.deepEquals(args, other.args) && Arrays.equals(keyPositions, other.keyPositions)
        && idempotent == other.idempotent && routeSlot == other.routeSlot;
  }

  @Override
  public int hashCode() {
    int h = 31 * (31 * name.hashCode() + Arrays.deepHashCode(args)) + Arrays.hashCode(keyPositions);
    return 31 * (31 * h + Boolean.hashCode(idempotent)) + routeSlot;
  }

  /** Builds a {@link Command}; not thread-safe, use once. */
  public static final class Builder {
    private final String name;
    private byte[][] args = new byte[4][];
    private int size;
    private int[] keys = NO_KEYS;
    private int keyCount;
    private boolean idempotent;
    private int routeSlot = -1;

    private Builder(String name) {
      this.name = name;
    }

    /** Appends a key argument. */
    public Builder key(byte[] key) {
      Objects.requireNonNull(key, "key");
      if (keyCount == keys.length) {
        keys = Arrays.copyOf(keys, Math.max(2, keyCount * 2));
      }
      keys[keyCount++] = size;
      return add(key);
    }

    /** Appends a key argument given as text (encoded as UTF-8). */
    public Builder key(String key) {
      return key(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a plain argument. */
    public Builder arg(byte[] arg) {
      return add(Objects.requireNonNull(arg, "arg"));
    }

    /** Appends a plain argument given as text (encoded as UTF-8). */
    public Builder arg(String arg) {
      return add(Objects.requireNonNull(arg, "arg").getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a plain argument given as a number (its decimal text). */
    public Builder arg(long arg) {
      return add(Long.toString(arg).getBytes(StandardCharsets.US_ASCII));
    }

    /** Marks the command idempotent: safe for a driver to resend when its outcome is unknown; see {@link Command#idempotent()}. */
    public Builder idempotent() {
      this.idempotent = true;
      return this;
    }

    /**
     * Routes a keyless command, in a cluster, to the master that owns {@code slot} (e.g.
     * {@code HashSlots.slot(key)} of a structure's key, for {@code INFO} or {@code CLUSTER NODES} asked of that
     * key's node). Single servers ignore it. A command with keys is routed by its keys, and the route slot must
     * then equal theirs.
     *
     * @throws IllegalArgumentException if {@code slot} is not in 0–16383
     */
    public Builder routeTo(int slot) {
      if (slot < 0 || slot >= HashSlots.SLOT_COUNT) {
        throw new IllegalArgumentException("slot " + slot + " is not in 0.." + (HashSlots.SLOT_COUNT - 1));
      }
      this.routeSlot = slot;
      return this;
    }

    private Builder add(byte[] arg) {
      if (size == args.length) {
        args = Arrays.copyOf(args, size * 2);
      }
      args[size++] = arg;
      return this;
    }

    /** The command. */
    public Command build() {
      return new Command(name, Arrays.copyOf(args, size), keyCount == 0 ? NO_KEYS : Arrays.copyOf(keys, keyCount),
          idempotent, routeSlot);
    }
  }
}
