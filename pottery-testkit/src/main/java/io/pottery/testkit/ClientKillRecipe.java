package io.pottery.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Loses a reply on the server itself, without a proxy: freezes the server ({@link RedisServer#pause()}, SIGSTOP),
 * starts the call on another thread so that its command waits in the server's socket buffer, queues
 * {@code CLIENT KILL TYPE normal SKIPME yes} on a socket the server accepted before the freeze, and thaws the server ({@link RedisServer#resume()}).
 * In its next event-loop turn Redis reads both sockets in the order they became readable: it runs the call's
 * command, then kills every normal client but the killer before writing any reply — the command ran, and its
 * client sees the connection drop with the command unanswered.
 *
 * <p>Unlike {@link FaultProxy}, which decides, the recipe relies on that order, which Redis does not promise:
 * a test must accept that the command did not run at all (then it must not have run twice either). It needs a
 * {@code controllable} standalone server ({@code @WithRedis(controllable = true)}), kills every normal
 * connection to it (other tests' too), and the call's command timeout must outlast {@code settle} plus the
 * thaw. The call's connection must already be open at the server — it has had a reply — before {@code run}:
 * a connection still waiting in the listen backlog is accepted after the thaw, after the kill, and survives it.
 * The call runs on a new daemon thread.
 *
 * <pre>{@code
 * ClientKillRecipe.Outcome<Long> outcome = ClientKillRecipe.run(server, () -> counter.increment("home"));
 * assertThat(outcome.failure()).hasMessageContaining("outcome unknown");
 * }</pre>
 *
 * @since 0.1
 */
public final class ClientKillRecipe {
  private static final byte[] CLIENT_KILL = ("*6\r\n$6\r\nCLIENT\r\n$4\r\nKILL\r\n$4\r\nTYPE\r\n$6\r\nnormal\r\n"
      + "$6\r\nSKIPME\r\n$3\r\nyes\r\n").getBytes(StandardCharsets.US_ASCII);

  private ClientKillRecipe() {}

  /**
   * What the call did: returned {@code value}, or threw {@code failure}.
   *
   * @param value the call's result, or null if it threw
   * @param failure what the call threw, or null if it returned
   * @param <T> the call's result type
   */
  public record Outcome<T>(T value, RuntimeException failure) {
    /** Whether the call threw. */
    public boolean failed() {
      return failure != null;
    }
  }

  /**
   * Runs the recipe with a 100 ms settle time (how long the frozen server is given to receive the call's
   * command before the kill is queued) and waits up to 30 s for the call.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the call does not end within 30 s, or an {@link Error} it threw
   */
  public static <T> Outcome<T> run(RedisServer server, Supplier<T> call) {
    return run(server, call, Duration.ofMillis(100), Duration.ofSeconds(30));
  }

  /**
   * Runs the recipe: pause, start {@code call}, wait {@code settle}, queue the kill, resume, wait for the call.
   * The server is resumed whatever happens.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the call does not end within {@code wait} after the thaw
   * @throws java.io.UncheckedIOException if the killer socket cannot connect or write
   */
  public static <T> Outcome<T> run(RedisServer server, Supplier<T> call, Duration settle, Duration wait) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(call, "call");
    CompletableFuture<T> result = new CompletableFuture<>();
    Socket killer = connectedKiller(server);
    server.pause();
    try {
      Thread caller = new Thread(() -> {
        try {
          result.complete(call.get());
        } catch (Throwable t) {
          result.completeExceptionally(t);
        }
      }, "client-kill-recipe-call");
      caller.setDaemon(true);
      caller.start();
      Thread.sleep(settle.toMillis());
      OutputStream out = killer.getOutputStream();
      out.write(CLIENT_KILL);
      out.flush();
    } catch (IOException e) {
      closeQuietly(killer);
      throw new java.io.UncheckedIOException("Cannot queue CLIENT KILL on " + server, e);
    } catch (InterruptedException e) {
      closeQuietly(killer);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during the client-kill recipe", e);
    } finally {
      server.resume();
    }
    try {
      // Kept open until Redis has read it: a socket closed while the server is frozen might be read as closed first.
      killer.setSoTimeout((int) Math.max(1, wait.toMillis()));
      killer.getInputStream().read(); // CLIENT KILL answers the number of clients killed; any byte will do
    } catch (IOException e) {
      // Killed or closed: Redis has read it either way.
    } finally {
      closeQuietly(killer);
    }
    try {
      return new Outcome<>(result.get(wait.toMillis(), TimeUnit.MILLISECONDS), null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        return new Outcome<>(null, (RuntimeException) e.getCause());
      }
      throw new IllegalStateException("The call threw " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("The call did not end within " + wait.toMillis() + " ms after the thaw", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the call", e);
    }
  }

  /**
   * A socket the server has already accepted (it answered a PING): a connection accepted only after the thaw
   * would be read an event-loop turn later, after the call's reply was written.
   */
  private static Socket connectedKiller(RedisServer server) {
    Socket killer = new Socket();
    try {
      killer.connect(new InetSocketAddress(server.host(), server.port()), 2000);
      killer.setSoTimeout(5000);
      killer.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      killer.getOutputStream().flush();
      byte[] pong = killer.getInputStream().readNBytes(7); // +PONG\r\n
      if (pong.length != 7 || pong[0] != '+') {
        throw new IOException("the server answered PING with \"" + new String(pong, StandardCharsets.US_ASCII) + "\"");
      }
      return killer;
    } catch (IOException e) {
      closeQuietly(killer);
      throw new java.io.UncheckedIOException("Cannot open the CLIENT KILL socket to " + server, e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing left to do with it.
    }
  }
}
