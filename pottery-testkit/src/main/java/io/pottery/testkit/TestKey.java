package io.pottery.testkit;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Redis key no other test uses, so tests need no flushing and may run in parallel on one server or cluster:
 * {@code test:<class>.<method>:<random>}, with 16 random hex digits. On a Redis Cluster such keys spread over the
 * masters, since each hashes as a whole.
 *
 * <p>Keys that one operation uses together (set union operands, a structure and its helper keys) must share a
 * hash slot on a cluster. Two ways to get them:
 * <ul>
 *   <li>{@link #withTag()} (or {@link #tagged(String)}): {@code test:{<random>}:<class>.<method>}, whose hash tag
 *       is the random part, so it and every {@link #derived(String)} key of it lie in one slot;
 *   <li>{@link #sameSlot(String)}: a key in this key's slot, whatever its form.
 * </ul>
 *
 * <pre>{@code
 * @MatrixTest
 * void union(Pottery pottery, TestKey key) {
 *   TestKey tagged = key.withTag();
 *   RedisSet<String> a = pottery.set(tagged.derived("a"), String.class);   // test:{9f…}:SetTest.union:a
 *   RedisSet<String> b = pottery.set(tagged.derived("b"), String.class);   // same slot
 *   …
 * }
 * }</pre>
 *
 * @param name the key
 * @since 0.1
 */
public record TestKey(String name) {
  private static final String PREFIX = "test:";
  private static final int RANDOM_HEX_DIGITS = 16;

  /** A fresh key for the named test, {@code test:<testName>:<16 hex digits>}; its slot is its own. */
  public static TestKey forTest(String testName) {
    return new TestKey(PREFIX + testName + ":" + random());
  }

  /**
   * A fresh key for the named test whose hash tag is its random part, {@code test:{<16 hex digits>}:<testName>}:
   * it and its {@link #derived(String) derived} keys share one hash slot.
   */
  public static TestKey tagged(String testName) {
    return new TestKey(PREFIX + "{" + random() + "}:" + testName);
  }

  private static String random() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /**
   * This key with its random part made the hash tag: {@code test:<testName>:<random>} becomes
   * {@code test:{<random>}:<testName>}; a key that already has a hash tag is returned as it is; any other name
   * is wrapped whole in braces. Keys {@link #derived(String) derived} from the result share its slot.
   */
  public TestKey withTag() {
    if (hashTag() != null) {
      return this;
    }
    if (name.startsWith(PREFIX) && name.indexOf('{') < 0 && name.indexOf('}') < 0) {
      int colon = name.lastIndexOf(':');
      String random = name.substring(colon + 1);
      if (colon > PREFIX.length() && random.length() == RANDOM_HEX_DIGITS) {
        return new TestKey(PREFIX + "{" + random + "}:" + name.substring(PREFIX.length(), colon));
      }
    }
    return new TestKey("{" + name + "}");
  }

  /** Whether the key has a hash tag (a non-empty {@code {…}}), so its slot is that of the tag. */
  public boolean isTagged() {
    return hashTag() != null;
  }

  /**
   * A further key derived from this one, {@code <name>:<suffix>}, for tests that need several. It lies in this
   * key's slot only if this key {@link #isTagged() is tagged}; use {@link #sameSlot(String)} otherwise.
   */
  public String derived(String suffix) {
    return name + ":" + suffix;
  }

  /**
   * A key in this key's hash slot, as Pottery names its helper keys: {@code <name>:<suffix>} for a tagged key,
   * {@code {<name>}:<suffix>} for a key without braces (its whole name becomes the tag).
   *
   * @throws IllegalArgumentException if the name has braces but no valid hash tag (such as {@code a}b} or
   *     {@code {}x}), where neither form would share its slot; use {@link #withTag()} first
   */
  public String sameSlot(String suffix) {
    if (hashTag() != null) {
      return derived(suffix);
    }
    if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
      throw new IllegalArgumentException("TestKey \"" + name + "\" has braces but no hash tag, so no derived name"
          + " shares its slot; call withTag() first");
    }
    return "{" + name + "}:" + suffix;
  }

  /** What lies between the first {@code {} and the first {@code }} after it, if that is not empty. */
  private String hashTag() {
    int open = name.indexOf('{');
    if (open < 0) {
      return null;
    }
    int close = name.indexOf('}', open + 1);
    return close > open + 1 ? name.substring(open + 1, close) : null;
  }

  @Override
  public String toString() {
    return name;
  }
}
