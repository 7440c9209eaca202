package io.movmo.booking.web.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket of {@code capacity} tokens refilled at {@code tokensPerSecond}, one token per request.
 *
 * <p>It is kept as the generic cell rate algorithm, which is the same bucket written as a single number: the
 * <em>theoretical arrival time</em> ({@code tat}), the instant at which the bucket would be full again. Taking a token
 * moves it one emission interval ({@code 1 / tokensPerSecond}) later; the request is refused when that would put it
 * more than {@code capacity} intervals ahead of now. Because the whole state is one {@code long}, the bucket is
 * lock-free with a compare-and-set loop: no thread ever blocks (it runs on Netty event loops), and a lost race only
 * retries a few arithmetic operations. Time is monotonic nanoseconds ({@code System::nanoTime} in production, a fake in
 * tests) rather than a {@code java.time.Clock}, so wall-clock jumps cannot empty or refill buckets.
 */
public final class TokenBucket {

    /** The outcome of one request: allowed, or refused with the whole seconds to wait (at least one). */
    public record Result(boolean allowed, Duration retryAfter) {

        static final Result ALLOWED = new Result(true, Duration.ZERO);

        static Result refused(long waitNanos) {
            long seconds = Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
            return new Result(false, Duration.ofSeconds(seconds));
        }
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long intervalNanos;
    private final long capacityNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong theoreticalArrival;

    public TokenBucket(double tokensPerSecond, int capacity, LongSupplier nanoTime) {
        if (!(tokensPerSecond > 0) || tokensPerSecond > NANOS_PER_SECOND) {
            throw new IllegalArgumentException("tokensPerSecond must be in (0, 1e9], got " + tokensPerSecond);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.intervalNanos = Math.max(1, Math.round(NANOS_PER_SECOND / tokensPerSecond));
        this.capacityNanos = Math.multiplyExact(intervalNanos, (long) capacity);
        this.nanoTime = nanoTime;
        this.theoreticalArrival = new AtomicLong(nanoTime.getAsLong()); // starts full
    }

    public Result tryConsume() {
        long now = nanoTime.getAsLong();
        while (true) {
            long tat = theoreticalArrival.get();
            // Differences, not comparisons, so that nanoTime's arbitrary origin (and overflow) do not matter.
            long next = (tat - now > 0 ? tat : now) + intervalNanos;
            long wait = next - now - capacityNanos;
            if (wait > 0) {
                return Result.refused(wait);
            }
            if (theoreticalArrival.compareAndSet(tat, next)) {
                return Result.ALLOWED;
            }
        }
    }

    /** Whether the bucket holds all its tokens, i.e. is indistinguishable from a new one and can be dropped. */
    public boolean isFull() {
        return theoreticalArrival.get() - nanoTime.getAsLong() <= 0;
    }
}
