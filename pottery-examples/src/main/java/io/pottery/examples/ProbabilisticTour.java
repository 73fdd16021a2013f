package io.pottery.examples;

import io.pottery.BloomFilter;
import io.pottery.HyperLogLog;
import io.pottery.Pottery;
import io.pottery.testkit.RawRedis;
import java.util.List;

/** The tour of {@link BloomFilter} and {@link HyperLogLog}: Python pottery's probabilistic structures. */
final class ProbabilisticTour implements TourSection {

  @Override
  public String title() {
    return "BloomFilter and HyperLogLog: approximate membership and counting (Python pottery's bits)";
  }

  @Override
  public void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator) {
    String dilbertsKey = keys.named("dilberts");
    narrator.code("BloomFilter<String> dilberts = pottery.bloomFilter(\"" + dilbertsKey + "\", 100, 0.01, String.class);");
    BloomFilter<String> dilberts = pottery.bloomFilter(dilbertsKey, 100, 0.01, String.class);
    narrator.show("dilberts.bitSize();", dilberts::bitSize, "m = ceil(-n ln p / (ln 2)^2), as Python computes it");
    narrator.show("dilberts.hashCount();", dilberts::hashCount, "k = ceil(m / n ln 2)");
    narrator.show("dilberts.add(\"rajiv\");", () -> dilberts.add("rajiv"), "sets 7 bits in one BITFIELD");
    narrator.say("The bits set, as GETBIT reads them: " + setBits(raw, dilbertsKey, dilberts.bitSize())
        + " -- Python pottery sets exactly these");
    narrator.show("dilberts.addAll(List.of(\"raj\", \"dan\"));", () -> dilberts.addAll(List.of("raj", "dan")));
    narrator.show("dilberts.containsMany(List.of(\"rajiv\", \"raj\", \"eric\"));",
        () -> dilberts.containsMany(List.of("rajiv", "raj", "eric")), "one round trip; never a false negative");
    narrator.show("dilberts.approximateSize();", dilberts::approximateSize, "estimated from the bits set");

    String googleKey = keys.named("google");
    String appleKey = keys.named("apple");
    narrator.code("HyperLogLog<String> google = pottery.hyperLogLog(\"" + googleKey + "\", String.class);");
    HyperLogLog<String> google = pottery.hyperLogLog(googleKey, String.class);
    HyperLogLog<String> apple = pottery.hyperLogLog(appleKey, String.class);
    narrator.show("google.addAll(List.of(\"sergey\", \"larry\", \"sergey\"));",
        () -> google.addAll(List.of("sergey", "larry", "sergey")), "PFADD of the JSON texts, as Python adds them");
    narrator.show("google.approximateSize();", google::approximateSize);
    narrator.show("apple.addAll(List.of(\"steve\", \"woz\"));", () -> apple.addAll(List.of("steve", "woz")));
    narrator.run("google.merge(apple);", () -> google.merge(apple), "PFMERGE on the server");
    narrator.show("google.approximateSize();", google::approximateSize);
    narrator.show("google.containsMany(List.of(\"woz\", \"sundar\"));", () -> google.containsMany(List.of("woz", "sundar")),
        "probed on a temporary copy in one script; nothing is left behind");
  }

  /** The offsets of the set bits of a small bitmap, read with GETBIT around Pottery. */
  private static String setBits(RawRedis raw, String key, long bits) {
    StringBuilder sb = new StringBuilder("[");
    for (long offset = 0; offset < bits; offset++) {
      if (Long.valueOf(1).equals(raw.call("GETBIT", key, Long.toString(offset)))) {
        sb.append(sb.length() > 1 ? ", " : "").append(offset);
      }
    }
    return sb.append(']').toString();
  }
}
