package io.movmo.booking.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** The lag of a processor from known token positions: head minus the lowest segment's position, never negative. */
class ProcessorLagTest {

    private static GapAwareTrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, List.of());
    }

    private static List<TrackingToken> tokens(TrackingToken... tokens) {
        return Arrays.asList(tokens);
    }

    @Test
    void isTheHeadMinusTheLowestSegmentPosition() {
        assertThat(ProcessorLag.lag(10L, tokens(at(7), at(4), at(10)))).isEqualTo(6);
        assertThat(ProcessorLag.lag(10L, tokens(at(10), at(10)))).isZero();
        assertThat(ProcessorLag.lag(42L, tokens(new GlobalSequenceTrackingToken(40)))).isEqualTo(2);
    }

    @Test
    void countsGapsByTheHighestIndexSeen() {
        assertThat(ProcessorLag.lag(10L, tokens(GapAwareTrackingToken.newInstance(8, List.of(5L, 6L))))).isEqualTo(2);
    }

    @Test
    void aSegmentThatHandledNothingCountsEveryEvent() {
        assertThat(ProcessorLag.lag(10L, tokens(null, at(9)))).isEqualTo(10);
        assertThat(ProcessorLag.lag(10L, List.of())).isEqualTo(10);
    }

    @Test
    void anEmptyStoreHasNoLag() {
        assertThat(ProcessorLag.lag(null, tokens((TrackingToken) null))).isZero();
        assertThat(ProcessorLag.lag(null, List.of())).isZero();
    }

    @Test
    void aReplayCountsFromWhereTheReplayIs() {
        TrackingToken replaying = ReplayToken.createReplayToken(at(100), at(30));
        assertThat(ProcessorLag.lag(100L, tokens(replaying))).isEqualTo(70);
        TrackingToken justReset = ReplayToken.createReplayToken(at(100));
        assertThat(ProcessorLag.lag(100L, tokens(justReset))).isEqualTo(100);
    }

    @Test
    void aMergeCountsFromItsLowerHalf() {
        assertThat(ProcessorLag.lag(20L, tokens(new MergedTrackingToken(at(5), at(15))))).isEqualTo(15);
    }

    @Test
    void isNeverNegative() {
        assertThat(ProcessorLag.lag(3L, tokens(at(5)))).isZero();
    }
}
