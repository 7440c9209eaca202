package io.movmo.booking.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One bucket per key, in a map that stays bounded and drops idle buckets before busy ones. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void keysHaveIndependentBuckets() {
        RateLimiter limiter = new RateLimiter(1, 2, 100, now::get);

        assertThat(limiter.tryConsume("partner:a").allowed()).isTrue();
        assertThat(limiter.tryConsume("partner:a").allowed()).isTrue();
        assertThat(limiter.tryConsume("partner:a").allowed()).isFalse();

        assertThat(limiter.tryConsume("partner:b").allowed()).isTrue();
        assertThat(limiter.tryConsume("partner:b").allowed()).isTrue();
        assertThat(limiter.tryConsume("partner:b").allowed()).isFalse();
        assertThat(limiter.trackedKeys()).isEqualTo(2);
    }

    @Test
    void staysBoundedWhenManyKeysAreBusyAtOnce() {
        RateLimiter limiter = new RateLimiter(1, 5, 100, now::get);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryConsume("ip:" + i).allowed()).isTrue();
            assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void dropsIdleBucketsBeforeBusyOnes() {
        RateLimiter limiter = new RateLimiter(1, 2, 10, now::get);
        for (int i = 0; i < 9; i++) {
            limiter.tryConsume("ip:idle-" + i);
        }
        now.addAndGet(Duration.ofSeconds(5).toNanos()); // the idle buckets refill completely
        limiter.tryConsume("ip:busy");
        limiter.tryConsume("ip:busy");
        assertThat(limiter.trackedKeys()).isEqualTo(10);

        limiter.tryConsume("ip:newcomer"); // 11 keys: the sweep drops the nine full buckets only

        assertThat(limiter.trackedKeys()).isEqualTo(2);
        assertThat(limiter.tryConsume("ip:busy").allowed()).as("busy key kept its empty bucket").isFalse();
    }
}
