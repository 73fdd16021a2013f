package io.pottery.testkit.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The records, beans and enums {@link CodecContract} round-trips: the shapes applications store. */
final class CodecContractSamples {
  private CodecContractSamples() {}

  enum Color { RED, GREEN }

  record Address(String city, Integer zip) {}

  record Person(String name, int age, List<String> tags, Map<String, Integer> scores, Address address) {}

  record Numbers(int i, long l, Integer boxedInt, Long boxedLong, short s, byte b, double d, float f,
      BigInteger big, BigDecimal dec, Number any) {}

  record Tagged(String id, Set<String> tags, Map<Integer, String> byNumber, Color color, char initial) {}

  record WithOptional(String name, Optional<String> nickname) {}

  record Meeting(String title, LocalDateTime at) {}

  record Empty() {}

  /** A bean that can refer to itself through its fields. */
  static final class Link {
    private Link next;

    public Link getNext() {
      return next;
    }

    public void setNext(Link next) {
      this.next = next;
    }
  }

  /** A plain bean: no-argument constructor, private fields, getters and setters. */
  static final class Account {
    private String owner;
    private long balance;
    private Map<String, Double> limits;
    private List<Integer> history;

    public Account() {}

    Account(String owner, long balance, Map<String, Double> limits, List<Integer> history) {
      this.owner = owner;
      this.balance = balance;
      this.limits = limits;
      this.history = history;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public long getBalance() {
      return balance;
    }

    public void setBalance(long balance) {
      this.balance = balance;
    }

    public Map<String, Double> getLimits() {
      return limits;
    }

    public void setLimits(Map<String, Double> limits) {
      this.limits = limits;
    }

    public List<Integer> getHistory() {
      return history;
    }

    public void setHistory(List<Integer> history) {
      this.history = history;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account && Objects.equals(owner, ((Account) o).owner) && balance == ((Account) o).balance
          && Objects.equals(limits, ((Account) o).limits) && Objects.equals(history, ((Account) o).history);
    }

    @Override
    public int hashCode() {
      return Objects.hash(owner, balance, limits, history);
    }

    @Override
    public String toString() {
      return "Account[" + owner + ", " + balance + ", " + limits + ", " + history + "]";
    }
  }

  /** A bean that can contain itself, through a list. */
  static final class Node {
    private String name;
    private List<Node> children = new ArrayList<>();

    public Node() {}

    Node(String name) {
      this.name = name;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public List<Node> getChildren() {
      return children;
    }

    public void setChildren(List<Node> children) {
      this.children = children;
    }
  }
}
