package io.movmo.booking.passengers.api;

/** Why the Passenger aggregate refused a command; the edge maps each to the seed's error envelope. */
public final class PassengerRejections {

    private PassengerRejections() {}

    /** No such passenger for this user (never existed, someone else's, or deleted): a 404. */
    public static final class PassengerNotFound extends RuntimeException {
        public PassengerNotFound() {
            super("passenger not found");
        }
    }

    /** No such identity document on this passenger: a 404. */
    public static final class DocumentNotFound extends RuntimeException {
        public DocumentNotFound() {
            super("identity document not found");
        }
    }

    /** The passenger already holds a document of this type and number from this country: a 409. */
    public static final class DuplicateDocument extends RuntimeException {
        public DuplicateDocument() {
            super("the passenger already has this document (same type, number and issuing country)");
        }
    }

    /** The passenger holds as many documents as one may: a 409. */
    public static final class TooManyDocuments extends RuntimeException {
        public TooManyDocuments(int limit) {
            super("a passenger holds at most " + limit + " identity documents");
        }
    }
}
