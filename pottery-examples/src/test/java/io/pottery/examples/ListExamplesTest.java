package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.WithRedis;

/**
 * Runs the README's RedisList and RedisDeque examples ({@link ListExamples}) on every driver and codec and checks
 * that they end where their comments say; {@link ReadmeTest} checks that the README shows them verbatim.
 */
@WithRedis
class ListExamplesTest {

  @MatrixTest
  void redisListExampleDoesWhatItsCommentsSay(Pottery pottery) {
    pottery.list("squares", Integer.class).clear();
    assertThat(ListExamples.redisList(pottery)).containsExactly(25, 16, 9);
    pottery.list("squares", Integer.class).clear();
  }

  @MatrixTest
  void redisDequeExampleDoesWhatItsCommentsSay(Pottery pottery) {
    pottery.deque("recent", String.class).clear();
    assertThat(ListExamples.redisDeque(pottery)).containsExactly("z", "y");
    pottery.deque("recent", String.class).clear();
  }
}
