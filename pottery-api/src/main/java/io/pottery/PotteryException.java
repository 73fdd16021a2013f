package io.pottery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The base of every exception Pottery throws for a reason of its own: unchecked, carrying the Redis key
 * (where one is involved) and the masters (redacted URIs, never passwords) it was talking to.
 *
 * <p>Where Java has a word for a failure, Pottery throws the JDK type instead ({@link NullPointerException},
 * {@link java.util.NoSuchElementException}, {@link IndexOutOfBoundsException},
 * {@link IllegalMonitorStateException}, {@link UnsupportedOperationException}); this hierarchy covers the rest.
 *
 * @since 0.1
 */
public class PotteryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final List<String> masters;

  /**
   * Creates an exception.
   *
   * @param message the complete message; it should already name the key and masters for a human reader
   * @param key the Redis key involved, or {@code null} when none is
   * @param masters the redacted URIs of the masters involved; may be empty, never {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public PotteryException(String message, String key, List<String> masters, Throwable cause) {
    super(message, cause);
    this.key = key;
    this.masters = List.copyOf(Objects.requireNonNull(masters, "masters"));
  }

  /** Creates an exception about a key on the given masters, with no cause. */
  public PotteryException(String message, String key, List<String> masters) {
    this(message, key, masters, null);
  }

  /** The Redis key the failure concerns, if it concerns one. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** The redacted URIs of the masters involved (no passwords); empty when no master was involved. */
  public List<String> masters() {
    return masters;
  }
}
