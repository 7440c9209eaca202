package io.movmo.booking.offers.web;

import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads stored offers (table {@code offer}, over R2DBC) and renders them as the seed's {@code Offer}: the offer
 * routes use it, and so does the booking's {@code GET /v1/users/{userid}/bookings/{bookingid}/offer}. An offer is
 * always read as its partner's: another partner's offer is as unknown as one that never existed.
 */
@Component
public class OfferViews {

    private final DatabaseClient db;
    private final PersonalDataVault vault;
    private final JsonMapper json;

    OfferViews(DatabaseClient db, PersonalDataVault vault, JsonMapper json) {
        this.db = db;
        this.vault = vault;
        this.json = json;
    }

    /** A stored offer: its provider payload (unsealed) and normalization. */
    public record Stored(String offerId, String provider, JsonNode raw, NormalizedOffer offer, Instant createdAt,
            Instant updatedAt) {}

    /** The partner's offer {@code offerId} of {@code provider} as the seed's {@code Offer}; empty when unknown. */
    public Mono<Map<String, Object>> byId(String provider, String offerId, String partner) {
        return find("offer_id = :id", provider, offerId, partner).map(this::view);
    }

    /**
     * The partner's latest offer of {@code provider} whose provider-native id is {@code providerOfferId}, as the
     * seed's {@code Offer}; empty when none.
     */
    public Mono<Map<String, Object>> byProviderOfferId(String provider, String providerOfferId, String partner) {
        return find("normalized ->> 'providerOfferId' = :id", provider, providerOfferId, partner).map(this::view);
    }

    /** The partner's offer; 404 when unknown. */
    Mono<Stored> stored(String provider, String offerId, String partner) {
        return lookup(provider, offerId, partner)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("offer not found")));
    }

    /** The partner's offer with its unsealed payload; empty when unknown (the caller says what that means). */
    public Mono<Stored> lookup(String provider, String offerId, String partner) {
        return find("offer_id = :id", provider, offerId, partner);
    }

    private Mono<Stored> find(String condition, String provider, String id, String partner) {
        if (id == null) {
            return Mono.empty();
        }
        return db.sql("SELECT * FROM offer WHERE " + condition + " AND provider = :provider AND partner_id = :partner"
                        + " ORDER BY updated_at DESC LIMIT 1")
                .bind("id", id).bind("provider", provider).bind("partner", partner)
                .map((row, meta) -> new Object[] {row.get("offer_id", String.class), row.get("raw_sealed", String.class),
                        row.get("normalized", String.class), row.get("created_at", OffsetDateTime.class),
                        row.get("updated_at", OffsetDateTime.class)})
                .one()
                .publishOn(Schedulers.boundedElastic())
                .map(r -> new Stored((String) r[0], provider,
                        json.readTree(vault.open(new Sealed(subject((String) r[0]), (String) r[1]))),
                        json.readValue((String) r[2], NormalizedOffer.class),
                        ((OffsetDateTime) r[3]).toInstant(), ((OffsetDateTime) r[4]).toInstant()));
    }

    /** The seed's {@code Offer}. */
    Map<String, Object> view(Stored stored) {
        NormalizedOffer o = stored.offer();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", stored.offerId());
        view.put("provider_id", stored.provider());
        view.put("created_at", stored.createdAt());
        view.put("updated_at", stored.updatedAt());
        putIfPresent(view, "expires_at", o.expiresAt());
        view.put("total_amount", o.total().amount().toPlainString());
        view.put("total_currency", o.total().currency().getCurrencyCode());
        if (o.base() != null) {
            view.put("base_amount", o.base().amount().toPlainString());
            view.put("base_currency", o.base().currency().getCurrencyCode());
        }
        view.put("tax_amount", o.tax() == null ? null : o.tax().amount().toPlainString());
        view.put("tax_currency", o.tax() == null ? null : o.tax().currency().getCurrencyCode());
        view.put("total_emissions_kg", o.totalEmissionsKg());
        view.put("passenger_identity_documents_required", o.passengerIdentityDocumentsRequired());
        view.put("supported_passenger_identity_document_types",
                o.supportedPassengerIdentityDocumentTypes() == null ? List.of() : o.supportedPassengerIdentityDocumentTypes());
        view.put("supported_loyalty_programmes",
                o.supportedLoyaltyProgrammes() == null ? List.of() : o.supportedLoyaltyProgrammes());
        putIfPresent(view, "owner", o.owner());
        putIfPresent(view, "passengers", o.passengers());
        view.put("slices", o.slices());
        putIfPresent(view, "conditions", o.conditions());
        putIfPresent(view, "payment_requirements", o.paymentRequirements());
        if (o.privateFares() != null && !o.privateFares().isEmpty()) {
            view.put("private_fares", o.privateFares());
        }
        if (o.availableServices() != null && !o.availableServices().isEmpty()) {
            view.put("available_services", o.availableServices());
        }
        putIfPresent(view, "fare_class_metadata", o.fareClassMetadata());
        view.put("raw_offer", stored.raw());
        return view;
    }

    private static void putIfPresent(Map<String, Object> view, String name, Object value) {
        if (value != null && !(value instanceof JsonNode node && node.isNull())) {
            view.put(name, value);
        }
    }

    /** The personal-data subject the offer's provider payload is sealed under. */
    static String subject(String offerId) {
        return "offer:" + offerId;
    }
}
