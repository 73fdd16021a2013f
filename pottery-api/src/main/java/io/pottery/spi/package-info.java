/**
 * The service-provider interface: what the structures implementation, the Redis drivers and the codecs
 * implement, and what the structures use to talk to Redis. Applications do not need it, except
 * {@link io.pottery.spi.ClientSource} to bring their own client and {@link io.pottery.spi.RedisEndpoint} to parse
 * a URI.
 *
 * <ul>
 *   <li>{@link io.pottery.spi.StructuresProvider} builds a {@code Pottery} over a
 *       {@link io.pottery.spi.StructuresContext} (the open connections, the codec and the user's settings);
 *   <li>{@link io.pottery.spi.RedisDriver} opens a {@link io.pottery.spi.RedisConnection} to an
 *       {@link io.pottery.spi.RedisEndpoint} (one server, or a cluster seen as one connection) with
 *       {@link io.pottery.spi.ConnectionSettings}; a connection runs {@link io.pottery.spi.Command}s, alone or
 *       pipelined, and promises what happens to a command whose reply was lost;
 *   <li>{@link io.pottery.spi.Codec} turns values into the bytes stored in Redis and back; Pottery's codecs write
 *       what Python's {@code json.dumps(value, sort_keys=True)} writes;
 *   <li>{@link io.pottery.spi.HashSlots} is Redis Cluster's key-to-slot rule, shared by drivers and structures;
 *   <li>{@link io.pottery.spi.SpiVersion} is the version every provider reports, so that {@code Pottery} refuses a
 *       provider built against another SPI with a message naming both.
 * </ul>
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: a jar registers one in
 * {@code META-INF/services/<interface name>}, a named module with {@code provides <interface> with <class>} (module
 * {@code io.pottery} declares {@code uses} for all three). The helpers Pottery's own drivers and codecs share
 * (connection-failure messages, the canonical JSON writer) are deliberately not here: they live in internal
 * packages exported only to those modules, so that they never become API.
 *
 * @since 0.1
 */
package io.pottery.spi;
