package io.pottery.examples.archfixture;

/**
 * Waits for something inside a monitor in every way the virtual-thread rule refuses, so ArchitectureTest can
 * show it fails when it should: a {@code synchronized} method, a {@code synchronized} block and
 * {@code Object.wait}/{@code notifyAll}. Only ArchitectureRulesFailTest imports it.
 */
public final class MonitorExample {
  private final Object monitor = new Object();
  private boolean ready;

  /** A {@code synchronized} method. */
  public synchronized boolean ready() {
    return ready;
  }

  /** A {@code synchronized} block around {@code Object.wait}, with a switch before it (the scan walks operands). */
  public void awaitReady(int mode) throws InterruptedException {
    switch (mode) {
      case 1: mode = 7; break;
      case 2: mode = 9; break;
      case 3: mode = 194; break; // 0xC2 as an operand: not a monitorenter
      default: break;
    }
    synchronized (monitor) {
      while (!ready) {
        monitor.wait(mode);
      }
    }
  }

  /** {@code Object.notifyAll}, in a lock-free method but a synchronized block. */
  public void signal() {
    synchronized (monitor) {
      ready = true;
      monitor.notifyAll();
    }
  }

  /** A {@code 0xC2} (194) byte only as an operand, with no monitor: the scan must not report it. */
  public int noMonitor(int x) {
    return x + 194;
  }
}
