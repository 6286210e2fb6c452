package io.bfg.console.copilot;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The copilot's answer pacer")
class AnswerPacerTest {

  private static final long MS = 1_000_000L;

  @Test
  @DisplayName("gives questions that arrive together consecutive slots, one interval apart")
  void crowdIsSpaced() {
    AnswerPacer pacer = new AnswerPacer(1_000);
    long now = 5_000 * MS;

    assertThat(pacer.reserve(now)).isEqualTo(now);
    assertThat(pacer.reserve(now)).isEqualTo(now + MS);
    assertThat(pacer.reserve(now)).isEqualTo(now + 2 * MS);
    assertThat(pacer.reserve(now + MS / 2)).as("still behind the queue").isEqualTo(now + 3 * MS);
  }

  @Test
  @DisplayName("lets a question through at once when the last slot has passed, without banking idle time")
  void idleTimeIsNotBanked() {
    AnswerPacer pacer = new AnswerPacer(100);
    long now = -7 * MS; // nanoTime may be negative

    assertThat(pacer.reserve(now)).isEqualTo(now);
    long later = now + 1_000 * MS;
    assertThat(pacer.reserve(later)).isEqualTo(later);
    assertThat(pacer.reserve(later)).as("a burst after idling is still spaced").isEqualTo(later + 10 * MS);
  }

  @Test
  @DisplayName("refuses a rate below one a second")
  void refusesZero() {
    assertThatThrownBy(() -> new AnswerPacer(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("starts no answer while a change is on its way to the feed, and the next one as soon as it is")
  void feedComesFirst() throws Exception {
    AtomicBoolean changeInFlight = new AtomicBoolean(true);
    AnswerPacer pacer = new AnswerPacer(1_000_000, changeInFlight::get);
    CompletableFuture<Void> answer = CompletableFuture.runAsync(pacer::await);

    Thread.sleep(30);
    assertThat(answer).as("held while the change is in flight").isNotDone();
    changeInFlight.set(false);
    answer.get(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("waits for the feed a bounded time, then lets answers through as long, so a busy feed cannot starve it")
  void yieldIsBounded() throws Exception {
    AnswerPacer pacer = new AnswerPacer(1_000_000, () -> true); // a feed that never rests

    long start = System.nanoTime();
    pacer.await();
    assertThat(System.nanoTime() - start).as("the first answer waited").isGreaterThanOrEqualTo(AnswerPacer.MAX_YIELD_NANOS);

    long next = System.nanoTime();
    pacer.await();
    assertThat(System.nanoTime() - next).as("the next one takes the copilot's turn").isLessThan(AnswerPacer.MAX_YIELD_NANOS);
  }
}
