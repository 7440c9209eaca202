package io.movmo.booking.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bursts up to capacity, refills at the rate, never holds more than capacity, and stays exact under contention. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(123_456_789L);

    private TokenBucket bucket(double perSecond, int capacity) {
        return new TokenBucket(perSecond, capacity, now::get);
    }

    private static int consumeAll(TokenBucket bucket) {
        int allowed = 0;
        while (bucket.tryConsume().allowed()) {
            allowed++;
        }
        return allowed;
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void allowsTheBurstThenRefusesWithRetryAfterRoundedUp() {
        TokenBucket bucket = bucket(20, 40);

        for (int i = 0; i < 40; i++) {
            assertThat(bucket.tryConsume().allowed()).as("request %d", i + 1).isTrue();
        }
        TokenBucket.Result refused = bucket.tryConsume();

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1)); // 50 ms until the next token, rounded up
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextToken() {
        TokenBucket bucket = bucket(0.4, 1); // one token every 2.5 s

        assertThat(bucket.tryConsume().allowed()).isTrue();
        assertThat(bucket.tryConsume().retryAfter()).isEqualTo(Duration.ofSeconds(3));
        advance(Duration.ofMillis(1500));
        assertThat(bucket.tryConsume().retryAfter()).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofMillis(999));
        assertThat(bucket.tryConsume().retryAfter()).isEqualTo(Duration.ofSeconds(1)); // 1 ms left: at least 1 s
        advance(Duration.ofMillis(1));
        assertThat(bucket.tryConsume().allowed()).isTrue();
    }

    @Test
    void refillsAtTheRate() {
        TokenBucket bucket = bucket(10, 5);
        assertThat(consumeAll(bucket)).isEqualTo(5);

        advance(Duration.ofMillis(99));
        assertThat(bucket.tryConsume().allowed()).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(bucket.tryConsume().allowed()).isTrue();
        assertThat(bucket.tryConsume().allowed()).isFalse();

        advance(Duration.ofMillis(300));
        assertThat(consumeAll(bucket)).isEqualTo(3);
    }

    @Test
    void neverHoldsMoreThanTheBurstAfterALongIdle() {
        TokenBucket bucket = bucket(20, 40);
        assertThat(consumeAll(bucket)).isEqualTo(40);
        assertThat(bucket.isFull()).isFalse();

        advance(Duration.ofHours(5));

        assertThat(bucket.isFull()).isTrue();
        assertThat(consumeAll(bucket)).isEqualTo(40);
    }

    @Test
    void concurrentConsumersNeverGetMoreThanTheBurstWhenTimeStandsStill() throws Exception {
        TokenBucket bucket = bucket(1_000, 500);

        assertThat(hammer(bucket, 8, 5_000)).isEqualTo(500);
    }

    @Test
    void concurrentConsumersNeverGetMoreThanTheBurstPlusTheRefill() throws Exception {
        TokenBucket bucket = new TokenBucket(10_000, 100, System::nanoTime);
        long start = System.nanoTime();

        long allowed = hammer(bucket, 8, 50_000);

        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(allowed).isGreaterThanOrEqualTo(100).isLessThanOrEqualTo(100 + (long) Math.ceil(elapsedSeconds * 10_000));
    }

    private static long hammer(TokenBucket bucket, int threads, int attemptsPerThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long allowed = 0;
                    for (int i = 0; i < attemptsPerThread; i++) {
                        if (bucket.tryConsume().allowed()) {
                            allowed++;
                        }
                    }
                    return allowed;
                }));
            }
            start.countDown();
            long total = 0;
            for (Future<Long> result : results) {
                total += result.get(30, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesNonsenseLimits() {
        assertThatThrownBy(() -> bucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
