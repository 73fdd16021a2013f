package io.pottery.examples;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.spi.HashSlots;
import io.pottery.testkit.RawRedis;
import java.nio.charset.StandardCharsets;

/**
 * The tour of {@link Redlock}, {@code synchronize} and {@link NextId}. The tour has one master, so the quorum is
 * that master; with 3 or 5 masters ({@code Pottery.builder().masters(...)}) the same code survives 1 or 2 of
 * them failing.
 */
final class QuorumTour implements TourSection {

  @Override
  public String title() {
    return "Redlock, synchronize and NextId: quorum primitives (Python pottery's Redlock, synchronize, NextID)";
  }

  @Override
  public void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator) {
    String printerKey = keys.prefix() + "printer";
    keys.track("redlock:" + printerKey);
    // The fencing counter beside the lock key; the key's hash tag keeps both in one slot on a cluster.
    keys.track(HashSlots.helperKey("redlock:" + printerKey, "fence"));
    narrator.code("Redlock printer = pottery.redlock(\"" + printerKey + "\");");
    Redlock printer = pottery.redlock(printerKey);
    narrator.show("printer.tryLock();", printer::tryLock, "held: a quorum of masters granted it");
    narrator.show("printer.locked();", printer::locked, "the lease left: 10 s - elapsed - drift");
    narrator.show("printer.fencingToken();", printer::fencingToken, "strictly greater for every later holder");
    Object stored = raw.call("GET", "redlock:" + printerKey);
    narrator.say("In Redis, as Python pottery writes it: GET redlock:" + printerKey + " -> "
        + Narrator.quote((byte[]) stored) + " (a random UUID, expiring in 10 s)");
    Redlock other = pottery.redlock(printerKey);
    narrator.show("pottery.redlock(\"" + printerKey + "\").tryLock();", other::tryLock, "another instance is excluded");
    narrator.run("printer.unlock();", printer::unlock, "compare-and-delete on every master");
    narrator.show("printer.locked().isZero();", () -> printer.locked().isZero(), "no longer held");
    narrator.show("pottery.synchronize(\"" + printerKey + "\", () -> 6 * 7);",
        () -> pottery.synchronize(printerKey, () -> 6 * 7), "ran under a fresh Redlock");

    String idsKey = keys.prefix() + "tweet-ids";
    keys.track("nextid:" + idsKey);
    narrator.code("NextId ids = pottery.nextId(\"" + idsKey + "\");");
    NextId ids = pottery.nextId(idsKey);
    narrator.show("ids.nextLong();", ids::nextLong);
    narrator.show("ids.nextLong();", ids::nextLong, "agreed by a quorum; unique across processes");
    narrator.say("In Redis: GET nextid:" + idsKey + " -> "
        + Narrator.quote((byte[]) raw.call("GET", "nextid:" + idsKey)) + ", the last id as decimal text");
  }
}
