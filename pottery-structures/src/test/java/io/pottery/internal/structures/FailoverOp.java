package io.pottery.internal.structures;

/** The operations of the failover workload, one per structure kind the issue names. */
enum FailoverOp {
  MAP_PUT,
  COUNTER_INCREMENT,
  LIST_PUSH,
  DEQUE_PUSH,
  SET_ADD,
  BLOOM_ADD,
  HLL_ADD,
  MEMOIZED_CALL,
  LOCK_ACQUIRE_RELEASE,
  NEXT_ID;

  /** Whether the operation leaves an element in its structure that the test looks for afterwards. */
  boolean writesElement() {
    return this != COUNTER_INCREMENT && this != LOCK_ACQUIRE_RELEASE && this != NEXT_ID;
  }
}
