/**
 * The service provider interface: what a driver ({@link io.pottery.spi.RedisDriver}), a codec ({@link
 * io.pottery.spi.Codec}) or the structures implementation ({@link io.pottery.spi.StructuresProvider}) implements
 * so that {@code Pottery.builder().build()} finds it with {@link java.util.ServiceLoader}. Applications need
 * nothing here except a {@link io.pottery.spi.ClientSource}, which a driver's public factory makes from the
 * application's own client ("bring your own client").
 *
 * <p>Providers are checked against {@link io.pottery.spi.SpiVersion} when found. Drivers move {@link
 * io.pottery.spi.Command}s and replies over {@link io.pottery.spi.RedisConnection}s and map failures to {@code
 * io.pottery} exceptions; every algorithm lives in the structures implementation.
 *
 * @since 0.1
 */
package io.pottery.spi;
