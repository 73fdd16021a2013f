/**
 * Pottery for Java: Redis-backed {@code java.util} collections, locks, counters and more, byte-compatible with
 * Python's pottery. This is what applications program against; start with {@link io.pottery.Pottery}.
 *
 * <pre>{@code
 * try (Pottery pottery = Pottery.connect("redis://localhost:6379/1")) {
 *   RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
 *   tel.put("jack", 4098);
 * }
 * }</pre>
 *
 * <p>What is here:
 * <ul>
 *   <li>the entry point and its builder: {@link io.pottery.Pottery}, {@link io.pottery.Pottery.Builder};
 *   <li>the collections: {@link io.pottery.RedisMap}, {@link io.pottery.RedisList}, {@link io.pottery.RedisDeque},
 *       {@link io.pottery.RedisSet}, {@link io.pottery.RedisCounter}, {@link io.pottery.CachedOrderedMap},
 *       {@link io.pottery.ExpiringCache};
 *   <li>distributed coordination over one or more masters: {@link io.pottery.Redlock}, {@link io.pottery.NextId};
 *   <li>probabilistic structures: {@link io.pottery.BloomFilter}, {@link io.pottery.HyperLogLog};
 *   <li>their asynchronous views, whose operations return {@link java.util.concurrent.CompletionStage}s: {@link
 *       io.pottery.AsyncRedisMap}, {@link io.pottery.AsyncRedisCounter}, {@link io.pottery.AsyncBloomFilter},
 *       {@link io.pottery.AsyncHyperLogLog} (and {@code NextId.nextAsync()}, {@code Redlock.tryAcquireAsync});
 *   <li>memoizing and timing helpers: {@link io.pottery.MemoizedFunction}, {@link io.pottery.ContextTimer},
 *       {@link io.pottery.RandomKey};
 *   <li>value types and type tokens: {@link io.pottery.TypeRef}, {@link io.pottery.CacheInfo},
 *       {@link io.pottery.MasterStatus} (what {@link io.pottery.Pottery#probe()} reports of each master);
 *   <li>the exceptions, all unchecked and under {@link io.pottery.PotteryException}: connection and server
 *       failures ({@link io.pottery.RedisConnectionException}, {@link io.pottery.RedisErrorException},
 *       {@link io.pottery.WrongTypeException}, {@link io.pottery.CrossSlotException}), values that cannot be
 *       encoded or decoded ({@link io.pottery.CodecException}), locks and quorums, and configuration
 *       ({@link io.pottery.PotteryConfigurationException}).
 * </ul>
 *
 * <p>Every factory of a structure with typed contents has a {@link java.lang.Class} form for plain types and a
 * {@link io.pottery.TypeRef} form for generic ones, with the same overloads.
 *
 * <p>The implementations are not here: {@code Pottery.connect} finds the structures ({@code pottery-structures}),
 * a driver and a codec with {@link java.util.ServiceLoader}, on the class path or the module path (module
 * {@code io.pottery}). This package and {@link io.pottery.spi} follow semantic versioning; packages named
 * {@code internal} are not API.
 *
 * @since 0.1
 */
package io.pottery;
