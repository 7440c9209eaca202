package io.movmo.booking.web;

import io.movmo.booking.shared.UserId;
import java.util.UUID;

/** Ids named in request paths. A malformed id is as unknown as an id nobody has: 404, never 400 or 500. */
public final class PathIds {

    private PathIds() {}

    public static UserId user(String userId) {
        try {
            return new UserId(userId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("user not found");
        }
    }

    /** A UUID path id; {@code what} names the resource in the 404 ("payment method"). */
    public static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what + " not found");
        }
    }
}
