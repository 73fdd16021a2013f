package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk operations are one command and iteration pages with HSCAN, checked by counting the commands the server
 * ran ({@code INFO commandstats}). Controllable servers only: on a shared server other tests' commands would
 * blur the counts.
 */
@WithRedis(controllable = true)
class RedisMapRoundTripTest {

  private static RedisMap<String, Integer> tel(Pottery pottery, TestKey key) {
    return pottery.map(key.name(), String.class, Integer.class);
  }

  private static RedisMap<String, Integer> filled(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    tel.putAll(Map.of("jack", 4098, "sape", 4139, "guido", 4127));
    return tel;
  }

  @MatrixTest
  void putAllIsOneHset(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    Map<String, Integer> many = new LinkedHashMap<>();
    for (int i = 0; i < 500; i++) {
      many.put("k" + i, i);
    }
    long hsets = CommandStats.calls(server, "hset");
    tel.putAll(many);
    assertThat(CommandStats.calls(server, "hset")).isEqualTo(hsets + 1);
    tel.putAll(Map.of());
    assertThat(CommandStats.calls(server, "hset")).as("nothing sent for nothing").isEqualTo(hsets + 1);
    assertThat(tel).hasSize(500).isEqualTo(many);
  }

  @MatrixTest
  void getAllIsOneHmgetInTheOrderAskedWithDuplicatesCollapsed(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    long hmgets = CommandStats.calls(server, "hmget");
    Map<String, Integer> found = tel.getAll(List.of("sape", "nobody", "jack", "sape"));
    assertThat(CommandStats.calls(server, "hmget")).isEqualTo(hmgets + 1);
    assertThat(new ArrayList<>(found.entrySet())).containsExactly(entry("sape", 4139), entry("jack", 4098));
    assertThat(tel.getAll(List.of())).isEmpty();
    assertThat(CommandStats.calls(server, "hmget")).isEqualTo(hmgets + 1);
  }

  @MatrixTest
  void clearUnlinksTheKey(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      long unlinks = CommandStats.calls(server, "unlink");
      tel.clear();
      assertThat(CommandStats.calls(server, "unlink")).isEqualTo(unlinks + 1);
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
    assertThat(tel).isEmpty();
  }

  @MatrixTest
  void iterationPagesThroughABigHashAndRemovesOnTheWay(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Integer> map = tel(pottery, key);
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      expected.put("k" + i, i);
    }
    map.putAll(expected);
    long scans = CommandStats.calls(server, "hscan");
    Set<String> seen = new HashSet<>();
    for (Iterator<String> it = map.keySet().iterator(); it.hasNext(); ) {
      String k = it.next();
      seen.add(k);
      if (Integer.parseInt(k.substring(1)) % 2 == 0) {
        it.remove();
      }
    }
    assertThat(seen).isEqualTo(expected.keySet());
    assertThat(CommandStats.calls(server, "hscan") - scans).as("HSCAN pages").isGreaterThan(1);
    expected.keySet().removeIf(k -> Integer.parseInt(k.substring(1)) % 2 == 0);
    assertThat(map).hasSize(1500).isEqualTo(expected);
  }
}
