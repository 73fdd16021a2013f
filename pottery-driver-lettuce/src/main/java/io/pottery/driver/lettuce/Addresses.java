package io.pottery.driver.lettuce;

import java.net.InetSocketAddress;

/** Tells whether a socket address Lettuce reports is a given {@code host:port}. */
final class Addresses {
  private Addresses() {}

  /**
   * Whether {@code address} is {@code host:port}: same port, and the host as written or as resolved (Lettuce
   * reports the address it connected to, which may be the resolved form of the name Pottery knows).
   */
  static boolean sameServer(InetSocketAddress address, String host, int port) {
    if (address.getPort() != port) {
      return false;
    }
    return host.equalsIgnoreCase(address.getHostString())
        || (address.getAddress() != null && host.equalsIgnoreCase(address.getAddress().getHostAddress()));
  }
}
