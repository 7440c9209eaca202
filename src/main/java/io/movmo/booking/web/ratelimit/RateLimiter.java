package io.movmo.booking.web.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key, all with the same rate and burst, in a map that cannot grow without bound.
 *
 * <p>When a new key takes the map over {@code maxTrackedKeys}, one thread sweeps it down to 90% of that: first it drops
 * the full buckets (idle long enough to have refilled, so a new bucket would behave exactly the same), then, only if
 * that is not enough (many keys active at once), arbitrary ones, whose keys get a fresh burst. The sweep is taken with
 * a try-lock so no thread waits for it; keys that arrive while it runs can overshoot the bound by that many, no more.
 * A request that took its bucket just before the sweep dropped it may still be counted against the dropped bucket;
 * that bucket was full, so at worst the key gets one burst plus those few requests.
 */
public final class RateLimiter {

    private final double tokensPerSecond;
    private final int burst;
    private final int maxTrackedKeys;
    private final int sweepTarget;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public RateLimiter(double tokensPerSecond, int burst, int maxTrackedKeys, LongSupplier nanoTime) {
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("maxTrackedKeys must be at least 1, got " + maxTrackedKeys);
        }
        new TokenBucket(tokensPerSecond, burst, nanoTime); // fail here, not on the first request, if the limits are invalid
        this.tokensPerSecond = tokensPerSecond;
        this.burst = burst;
        this.maxTrackedKeys = maxTrackedKeys;
        this.sweepTarget = maxTrackedKeys - maxTrackedKeys / 10;
        this.nanoTime = nanoTime;
    }

    public TokenBucket.Result tryConsume(String key) {
        TokenBucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket.tryConsume();
        }
        TokenBucket.Result result = buckets.computeIfAbsent(key, k -> new TokenBucket(tokensPerSecond, burst, nanoTime))
                .tryConsume(); // before any sweep, which would take the new bucket for an idle one while it is full
        if (buckets.size() > maxTrackedKeys) {
            sweep();
        }
        return result;
    }

    /** How many keys are tracked now. */
    public int trackedKeys() {
        return buckets.size();
    }

    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            buckets.values().removeIf(TokenBucket::isFull);
            Iterator<TokenBucket> rest = buckets.values().iterator();
            while (buckets.size() > sweepTarget && rest.hasNext()) {
                rest.next();
                rest.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }
}
