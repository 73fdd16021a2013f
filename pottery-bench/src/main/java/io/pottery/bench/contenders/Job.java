package io.pottery.bench.contenders;

/** The single-master jobs of the collections benchmark, each one round trip for every contender. */
public enum Job {
  /** RedisMap.get of a present field (HGET); Redisson RMap.get. */
  MAP_GET("map get"),
  /** RedisMap.put returning the old value (map-put.lua); Redisson RMap.put. */
  MAP_PUT("map put"),
  /** RedisSet.containsMany of 100 elements, half present (SMISMEMBER); Redisson RSet.containsEach. */
  SET_CONTAINS_MANY("set containsMany(100)"),
  /** BloomFilter.add of one element (BITFIELD SET); Redisson RBloomFilter.add. */
  BLOOM_ADD("bloom add"),
  /** BloomFilter.containsMany of 100 elements (one BITFIELD GET); Redisson RBloomFilter.contains(Collection). */
  BLOOM_CONTAINS_MANY("bloom containsMany(100)"),
  /** A memoized function's cache hit (HGET); Redisson RMapCache.get. */
  MEMO_HIT("memoized hit");

  private final String label;

  Job(String label) {
    this.label = label;
  }

  /** A short human name, e.g. {@code map get}. */
  public String label() {
    return label;
  }
}
