/**
 * Pottery for Java: Redis data structures, locks and id generators that read and write the same bytes as
 * Python's pottery. Start with {@link io.pottery.Pottery}: {@code Pottery.connect(uri)} or {@code
 * Pottery.builder()} connects, and its factory methods give the structures ({@link io.pottery.RedisMap}, {@link
 * io.pottery.RedisList}, {@link io.pottery.RedisDeque}, {@link io.pottery.RedisSet}, {@link
 * io.pottery.RedisCounter}, {@link io.pottery.BloomFilter}, {@link io.pottery.HyperLogLog}, {@link
 * io.pottery.MemoizedFunction}, {@link io.pottery.CachedOrderedMap}) and the quorum primitives over several masters
 * ({@link io.pottery.Redlock}, {@link io.pottery.NextId}).
 *
 * <p>Every factory of a structure with typed contents has a {@link java.lang.Class} form for plain types and a
 * {@link io.pottery.TypeRef} form for generic ones, with the same overloads. Every failure is an unchecked {@link
 * io.pottery.PotteryException} (or a JDK exception where Java has the word, such as {@link
 * java.util.NoSuchElementException}) that names the key and the masters involved, never a password.
 *
 * <p>This package and {@code io.pottery.instrumentation} are what applications use; {@code io.pottery.spi} is
 * for the drivers, codecs and structures implementation that {@code Pottery} finds with {@link
 * java.util.ServiceLoader}.
 *
 * @since 0.1
 */
package io.pottery;
