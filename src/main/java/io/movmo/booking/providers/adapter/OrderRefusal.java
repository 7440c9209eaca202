package io.movmo.booking.providers.adapter;

import io.movmo.booking.providers.port.OrderRequest.OrderPassenger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An order request the provider would refuse, refused by the adapter before sending it; the message says why. */
public final class OrderRefusal extends RuntimeException {

    public OrderRefusal(String message) {
        super(message, null, false, false);
    }

    /**
     * Refuses unless {@code passengers} name each of {@code ids} exactly once and nothing else; {@code noun} is what
     * the provider calls a passenger ("traveller"), {@code offer} what it calls the offer ("itinerary").
     */
    public static void requireEachNamedOnce(List<OrderPassenger> passengers, Set<String> ids, String noun,
            String offer) {
        Set<String> named = new HashSet<>();
        for (OrderPassenger passenger : passengers) {
            if (!ids.contains(passenger.providerPassengerId())) {
                throw new OrderRefusal(noun + " " + passenger.providerPassengerId() + " is not in the " + offer);
            }
            if (!named.add(passenger.providerPassengerId())) {
                throw new OrderRefusal(noun + " " + passenger.providerPassengerId() + " is named twice");
            }
        }
        if (!named.equals(ids)) {
            throw new OrderRefusal("every " + noun + " of the " + offer + " must be named (" + ids.size() + " in the "
                    + offer + ", " + named.size() + " named)");
        }
    }
}
