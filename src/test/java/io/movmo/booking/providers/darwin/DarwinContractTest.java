package io.movmo.booking.providers.darwin;

import io.movmo.booking.providers.adapter.ProviderContractTest;
import java.util.Collection;

/** {@code docs/providers/darwin.md} and the Darwin adapter's tests speak the same contract. */
class DarwinContractTest extends ProviderContractTest {

    DarwinContractTest() {
        super("darwin");
    }

    @Override
    protected Collection<String> mappedErrorCodes() {
        return DarwinFlightProvider.ORDER_ERRORS.keySet();
    }
}
