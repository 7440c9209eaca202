package io.movmo.booking.payments.methods;

/** The provider refused a payment-method change the partner can fix (unknown id, attached elsewhere): a 400 naming {@code field}. */
public class PaymentMethodRejectedException extends RuntimeException {

    private final String field;

    public PaymentMethodRejectedException(String field, String rule) {
        super(rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
