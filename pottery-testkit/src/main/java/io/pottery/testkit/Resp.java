package io.pottery.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where one RESP value ends in a byte buffer, without decoding it: what {@link FaultProxy} needs to pair
 * each reply with its request. Knows RESP2 ({@code + - : $ *}) and the RESP3 types a reply can have
 * ({@code _ , # ( ! = % ~ |}); a RESP3 push ({@code >}) is framed like an array, but it is not a reply to any
 * request, so a proxy that pairs replies with requests must not see one (Pottery's drivers speak RESP2).
 */
final class Resp {
  /** Returned by {@link #end} when the buffer does not yet hold the whole value. */
  static final int INCOMPLETE = -1;

  private Resp() {}

  /**
   * The index just past the RESP value that starts at {@code from}, or {@link #INCOMPLETE}.
   *
   * @throws IllegalArgumentException if the bytes are not RESP
   */
  static int end(byte[] buffer, int from, int limit) {
    if (from >= limit) {
      return INCOMPLETE;
    }
    byte type = buffer[from];
    int lineEnd = lineEnd(buffer, from + 1, limit);
    if (lineEnd == INCOMPLETE) {
      return INCOMPLETE;
    }
    int next = lineEnd + 2;
    switch (type) {
      case '+', '-', ':', '_', ',', '#', '(':
        return next;
      case '$', '!', '=': {
        long length = number(buffer, from + 1, lineEnd);
        if (length < 0) {
          return next;
        }
        long end = next + length + 2;
        return end <= limit ? (int) end : INCOMPLETE;
      }
      case '*', '~', '>', '%', '|': {
        long count = number(buffer, from + 1, lineEnd);
        if (type == '%' || type == '|') {
          count *= 2;
        }
        int position = next;
        for (long i = 0; i < count; i++) {
          position = end(buffer, position, limit);
          if (position == INCOMPLETE) {
            return INCOMPLETE;
          }
        }
        // An attribute only annotates the value that follows it.
        return type == '|' ? end(buffer, position, limit) : position;
      }
      default:
        throw new IllegalArgumentException("not RESP: a value starts with byte " + (type & 0xff));
    }
  }

  /**
   * The arguments of a request that the buffer holds completely from {@code from} to {@code end} (as found by
   * {@link #end}): an array of bulk strings, as every client sends; an inline command is split at spaces.
   */
  static List<byte[]> arguments(byte[] buffer, int from, int end) {
    List<byte[]> args = new ArrayList<>();
    if (buffer[from] != '*') {
      int lineEnd = lineEnd(buffer, from, end);
      for (String word : new String(buffer, from, lineEnd - from, StandardCharsets.UTF_8).trim().split(" +")) {
        args.add(word.getBytes(StandardCharsets.UTF_8));
      }
      return args;
    }
    int lineEnd = lineEnd(buffer, from + 1, end);
    long count = number(buffer, from + 1, lineEnd);
    int position = lineEnd + 2;
    for (long i = 0; i < count; i++) {
      int bulkLineEnd = lineEnd(buffer, position + 1, end);
      int length = (int) number(buffer, position + 1, bulkLineEnd);
      int start = bulkLineEnd + 2;
      byte[] arg = new byte[Math.max(0, length)];
      System.arraycopy(buffer, start, arg, 0, arg.length);
      args.add(arg);
      position = start + Math.max(0, length) + 2;
    }
    return args;
  }

  /**
   * The end of a request starting at {@code from}: a RESP array, or an inline command ending with a newline.
   */
  static int requestEnd(byte[] buffer, int from, int limit) {
    if (from < limit && buffer[from] != '*') {
      for (int i = from; i < limit; i++) {
        if (buffer[i] == '\n') {
          return i + 1;
        }
      }
      return INCOMPLETE;
    }
    return end(buffer, from, limit);
  }

  /** The index of the {@code \r} of the line that starts at {@code from}, or {@link #INCOMPLETE}. */
  private static int lineEnd(byte[] buffer, int from, int limit) {
    for (int i = from; i + 1 < limit; i++) {
      if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
        return i;
      }
    }
    return INCOMPLETE;
  }

  private static long number(byte[] buffer, int from, int to) {
    boolean negative = from < to && buffer[from] == '-';
    long value = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      int digit = buffer[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new IllegalArgumentException("not RESP: a length holds byte " + (buffer[i] & 0xff));
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }
}
