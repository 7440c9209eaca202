package io.movmo.booking.profile.web;

import io.movmo.booking.profile.contact.ContactType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The seed's three contact-change payloads, with their rules. */
final class ContactRequests {

    private ContactRequests() {}

    private static final String TYPE = "email|phone";
    private static final String TYPE_RULE = "must be email or phone";
    private static final String EMAIL = "[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+";
    private static final String PHONE = "\\+[1-9][0-9]{1,14}";

    static ContactType type(String contactType) {
        return "email".equals(contactType) ? ContactType.EMAIL : ContactType.PHONE;
    }

    /** An email address for email changes, an E.164 number for phone changes. */
    static boolean fits(String contactType, String newValue) {
        if (contactType == null || newValue == null || !contactType.matches(TYPE)) {
            return true; // reported on their own fields
        }
        return "email".equals(contactType) ? newValue.length() <= 254 && newValue.matches(EMAIL) : newValue.matches(PHONE);
    }

    static final String VALUE_RULE = "must be an email address for contact_type email, an E.164 phone number (e.g. +15550142) for phone";

    /** A payload naming a contact type and (maybe) the new value: the value must fit the type. */
    interface NewContact {
        String contact_type();

        String new_value();

        @AssertTrue(message = VALUE_RULE)
        default boolean isNew_value() {
            return fits(contact_type(), new_value());
        }
    }

    record Initiate(
            @NotNull @Pattern(regexp = TYPE, message = TYPE_RULE) String contact_type,
            @NotNull String new_value) implements NewContact {}

    record VerifyIdentity(
            @NotNull @Pattern(regexp = "[0-9]{4,10}", message = "must be the digits of the code sent") String code,
            @NotNull @Size(min = 1, max = 4096) String session,
            @NotNull @Pattern(regexp = TYPE, message = TYPE_RULE) String contact_type,
            @NotNull String new_value) implements NewContact {}

    record Confirm(
            @NotNull @Pattern(regexp = "[0-9]{4,10}", message = "must be the digits of the code sent") String code,
            @NotNull @Pattern(regexp = TYPE, message = TYPE_RULE) String contact_type,
            @NotNull @Size(min = 1, max = 8192) String access_token,
            String new_value) implements NewContact {}
}
