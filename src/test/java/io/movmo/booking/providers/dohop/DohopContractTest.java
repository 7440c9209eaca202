package io.movmo.booking.providers.dohop;

import io.movmo.booking.providers.adapter.ProviderContractTest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@code docs/providers/dohop.md} and the Dohop adapter's tests speak the same contract. */
class DohopContractTest extends ProviderContractTest {

    DohopContractTest() {
        super("dohop");
    }

    @Override
    protected Collection<String> mappedErrorCodes() {
        List<String> codes = new ArrayList<>(DohopFlightProvider.ORDER_ERRORS.keySet());
        codes.addAll(DohopFlightProvider.CANCELLATION_REFUSALS);
        return codes;
    }
}
