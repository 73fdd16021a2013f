package io.pottery.testkit;

import java.nio.file.Path;

/**
 * What looking for one source of servers found: an executable (or, for Docker, just "yes"), described for
 * the log, or the reason it is not there, for the message that explains why another source was used.
 *
 * @param executable the {@code redis-server} found, or {@code null} (always for Docker)
 * @param found whether the source can be used
 * @param detail what was found, or why nothing was
 */
record Probe(Path executable, boolean found, String detail) {

  static Probe found(Path executable, String detail) {
    return new Probe(executable, true, detail);
  }

  static Probe missing(String why) {
    return new Probe(null, false, why);
  }
}
