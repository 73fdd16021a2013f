package io.pottery.internal.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.instrumentation.Operation;
import io.pottery.instrumentation.Outcome;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.instrumentation.PotteryListener;
import io.pottery.instrumentation.QuorumRound;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The instrumentation SPI as the structures call it: with no listener, the plain lock and generator run (nothing
 * to pay); with one, each operation is one scope whose rounds and events carry the context it returned, in
 * order; a listener that throws changes nothing the caller sees.
 */
@WithRedis(masters = 3)
class InstrumentationTest {

  /** Records every call as a line, with the context it got back. */
  static final class Recorder implements PotteryListener<String> {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private int next;

    @Override
    public synchronized String started(Operation operation) {
      String context = "#" + (++next);
      lines.add(context + " start " + operation.structure() + " " + operation.name());
      return context;
    }

    @Override
    public void round(String context, QuorumRound round) {
      lines.add(context + " round " + round.name() + (round.achieved() ? " achieved" : " not achieved"));
    }

    @Override
    public void event(String context, PotteryEvent event) {
      lines.add(context + " event " + event.kind());
    }

    @Override
    public void stopped(String context, Operation operation, Outcome outcome, Throwable error) {
      lines.add(context + " stop " + outcome);
    }
  }

  /** Throws from every method. */
  static final class Broken implements PotteryListener<Object> {
    @Override
    public Object started(Operation operation) {
      throw new IllegalStateException("broken listener");
    }

    @Override
    public void round(Object context, QuorumRound round) {
      throw new IllegalStateException("broken listener");
    }

    @Override
    public void stopped(Object context, Operation operation, Outcome outcome, Throwable error) {
      throw new IllegalStateException("broken listener");
    }
  }

  @MatrixTest
  void withoutAListenerThePlainStructuresRun(Pottery pottery, TestKey key) {
    assertThat(pottery.redlock(key.name()).getClass().getSimpleName()).isEqualTo("QuorumRedlock");
    assertThat(pottery.nextId(key.name()).getClass().getSimpleName()).isEqualTo("QuorumNextId");
  }

  @MatrixTest
  void eachOperationIsOneScopeWithItsRoundsAndEventsInside(MatrixCell cell, RedisServers servers, TestKey key) {
    Recorder recorder = new Recorder();
    try (Pottery pottery = Pottery.builder().masters(servers.uris()).driver(cell.driver()).codec(cell.codec())
        .listener(new Broken()).listener(recorder).build()) {
      Redlock lock = pottery.redlock(key.name());
      try (Redlock.Held held = lock.hold()) {
        assertThat(held.lock()).isSameAs(lock);
      }
      NextId ids = pottery.nextId(key.name());
      assertThat(ids.nextLong()).isEqualTo(1);
    }
    assertThat(recorder.lines).containsExactly(
        "#1 start Redlock acquire",
        "#1 round redlock-acquire achieved",
        "#1 event LOCK_ACQUIRED",
        "#1 stop SUCCESS",
        "#2 start Redlock release",
        "#2 round redlock-release achieved",
        "#2 event LOCK_RELEASED",
        "#2 stop SUCCESS",
        "#3 start NextId next",
        "#3 round nextid-propose achieved",
        "#3 event IDS_ISSUED",
        "#3 stop SUCCESS");
  }
}
