package io.movmo.booking.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Who and what a request is about: its request id, the partner whose API key it carries and the user whose token it
 * carries. Lives in the Reactor {@link Context} of the request and is copied into the metadata of every message the
 * request dispatches, so the support timeline can be rebuilt from the event store.
 */
public record RequestContext(String requestId, String partnerId, String userId) {

    public static final String REQUEST_ID = "requestId";
    public static final String PARTNER_ID = "partnerId";
    public static final String USER_ID = "userId";
    /** Metadata keys carried from the request into messages and on from message to message. */
    public static final String[] METADATA_KEYS = {REQUEST_ID, PARTNER_ID, USER_ID};

    public static Optional<RequestContext> from(ContextView context) {
        return context.getOrEmpty(RequestContext.class);
    }

    public RequestContext withPartner(String partner) {
        return new RequestContext(requestId, partner, userId);
    }

    public RequestContext withUser(String user) {
        return new RequestContext(requestId, partnerId, user);
    }

    public Context writeTo(Context context) {
        return context.put(RequestContext.class, this).put(RequestIdLogging.MDC_KEY, requestId);
    }

    /** The non-null values under their metadata keys. */
    public Map<String, String> asMetadata() {
        Map<String, String> metadata = new HashMap<>();
        if (requestId != null) metadata.put(REQUEST_ID, requestId);
        if (partnerId != null) metadata.put(PARTNER_ID, partnerId);
        if (userId != null) metadata.put(USER_ID, userId);
        return metadata;
    }
}
