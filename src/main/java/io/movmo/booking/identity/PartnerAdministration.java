package io.movmo.booking.identity;

import io.movmo.booking.identity.oauth.OAuthClients;
import io.movmo.booking.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partners, their API keys and their OAuth clients, as the admin routes and the {@code partner} command of the jar
 * manage them. Clear keys and client secrets are returned once, to the caller that created them; only their SHA-256
 * is stored. Blocking JDBC: call from a worker thread, never an event loop.
 */
@Service
public class PartnerAdministration {

    public static final String CLIENT_ID_PATTERN = "[A-Za-z0-9._-]{3,100}";
    private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}[a-z0-9]");
    private static final Pattern CLIENT_ID = Pattern.compile(CLIENT_ID_PATTERN);
    private static final String KEY_PREFIX = "mk_";
    private static final char[] SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final OAuthClients clients;
    private final TransactionTemplate transaction;

    PartnerAdministration(JdbcClient jdbc, OAuthClients clients, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.transaction = transaction;
    }

    /** A key as issued: {@code apiKey} is the clear key, which exists nowhere else once this is gone. */
    public record IssuedKey(UUID keyId, String keyPrefix, String apiKey) {
        @Override
        public String toString() {
            return "IssuedKey[keyId=" + keyId + ", keyPrefix=" + keyPrefix + "]";
        }
    }

    /** A registered OAuth client; {@code secret} is set only in the answer to registering a confidential one. */
    public record Client(String clientId, boolean confidential, List<String> redirectUris, boolean allowLoopback,
            String secret) {
        @Override
        public String toString() {
            return "Client[clientId=" + clientId + ", confidential=" + confidential + "]";
        }
    }

    public record PartnerSummary(String partnerId, String name, Instant createdAt, int activeKeys, List<Client> clients) {}

    public record CreatedPartner(PartnerSummary partner, IssuedKey key) {}

    /** Creates the partner whose id is the slug of {@code name} (Aviare → {@code aviare}) with its first API key. */
    public CreatedPartner createPartner(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw badRequest("invalid partner name", "name must be 1 to 200 characters");
        }
        String partnerId = slug(trimmed);
        return transaction.execute(tx -> {
            Instant createdAt = jdbc.sql("""
                            INSERT INTO partner (partner_id, name) VALUES (:id, :name) ON CONFLICT DO NOTHING
                            RETURNING created_at""")
                    .param("id", partnerId).param("name", trimmed)
                    .query((rs, n) -> rs.getObject("created_at", OffsetDateTime.class).toInstant()).optional()
                    .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "partner already exists",
                            "partner '" + partnerId + "' already exists"));
            IssuedKey key = insertKey(partnerId);
            return new CreatedPartner(new PartnerSummary(partnerId, trimmed, createdAt, 1, List.of()), key);
        });
    }

    public IssuedKey issueKey(String partnerId) {
        return transaction.execute(tx -> {
            requirePartner(partnerId);
            return insertKey(partnerId);
        });
    }

    /** Revokes a key at once: the next request that presents it gets 401. Revoking a revoked key changes nothing. */
    public void revokeKey(String partnerId, String keyId) {
        transaction.executeWithoutResult(tx -> {
            requirePartner(partnerId);
            int updated = jdbc.sql("""
                            UPDATE partner_api_key SET revoked_at = coalesce(revoked_at, now())
                             WHERE partner_id = :partner AND key_id = :key""")
                    .param("partner", partnerId).param("key", uuidOrNull(keyId)).update();
            if (updated == 0) {
                throw ApiException.notFound("API key not found");
            }
        });
    }

    /**
     * Registers an OAuth client for the partner; a null {@code clientId} gets {@code <partner>-<8 random chars>}.
     * A confidential client gets a generated secret, returned here once, unless {@code providedSecret} is given: in
     * production every client is a Cognito app client, registered with Cognito's id and secret (the token endpoint
     * checks the secret's hash, then presents it to Cognito). A provided secret is never echoed.
     */
    public Client registerClient(String partnerId, String clientId, List<String> redirectUris, boolean confidential,
            boolean allowLoopback) {
        return registerClient(partnerId, clientId, redirectUris, confidential, allowLoopback, null);
    }

    public Client registerClient(String partnerId, String clientId, List<String> redirectUris, boolean confidential,
            boolean allowLoopback, String providedSecret) {
        if (providedSecret != null && !confidential) {
            throw badRequest("invalid client_secret", "only confidential clients have a secret");
        }
        List<String> uris = List.copyOf(redirectUris);
        uris.forEach(PartnerAdministration::checkRedirectUri);
        if (uris.isEmpty() && !allowLoopback) {
            throw badRequest("invalid redirect_uri", "at least one redirect_uri is required unless loopback redirects are allowed");
        }
        if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
            throw badRequest("invalid client_id", "client_id must be 3 to 100 characters of A-Z a-z 0-9 . _ -");
        }
        String secret = !confidential ? null : providedSecret != null ? providedSecret : randomBase64Url();
        String shownOnce = providedSecret != null ? null : secret;
        return transaction.execute(tx -> {
            requirePartner(partnerId);
            String id = clientId != null ? clientId : partnerId + "-" + randomSuffix();
            if (!clients.register(id, partnerId, secret, uris, allowLoopback)) {
                throw new ApiException(HttpStatus.CONFLICT, "client_id already registered", "client_id '" + id + "' is taken");
            }
            return new Client(id, confidential, uris, allowLoopback, shownOnce);
        });
    }

    /** Every partner, oldest first, with its number of active keys and its active OAuth clients. */
    public List<PartnerSummary> list() {
        return transaction.execute(tx -> {
            Map<String, List<Client>> clientsByPartner = jdbc.sql("""
                            SELECT partner_id, client_id, confidential, redirect_uris, allow_loopback
                              FROM oauth_client WHERE revoked_at IS NULL ORDER BY created_at, client_id""")
                    .query((rs, n) -> Map.entry(rs.getString("partner_id"), new Client(rs.getString("client_id"),
                            rs.getBoolean("confidential"), strings(rs.getArray("redirect_uris")),
                            rs.getBoolean("allow_loopback"), null)))
                    .list().stream()
                    .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            return jdbc.sql("""
                            SELECT p.partner_id, p.name, p.created_at,
                                   (SELECT count(*) FROM partner_api_key k
                                     WHERE k.partner_id = p.partner_id AND k.revoked_at IS NULL) AS active_keys
                              FROM partner p ORDER BY p.created_at, p.partner_id""")
                    .query((rs, n) -> new PartnerSummary(rs.getString("partner_id"), rs.getString("name"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("active_keys"),
                            clientsByPartner.getOrDefault(rs.getString("partner_id"), List.of())))
                    .list();
        });
    }

    /** The id a partner name gets: lowercase ASCII letters and digits, with single hyphens between words. */
    static String slug(String name) {
        String slug = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (!PARTNER_ID.matcher(slug).matches()) {
            throw badRequest("invalid partner name",
                    "the name must give an id of 2 to 64 letters, digits and hyphens; '" + name + "' gives '" + slug + "'");
        }
        return slug;
    }

    private IssuedKey insertKey(String partnerId) {
        String apiKey = KEY_PREFIX + randomBase64Url();
        UUID keyId = UUID.randomUUID();
        jdbc.sql("INSERT INTO partner_api_key (key_id, partner_id, key_prefix, key_hash) VALUES (:id, :partner, :prefix, :hash)")
                .param("id", keyId).param("partner", partnerId)
                .param("prefix", ApiKeys.prefix(apiKey)).param("hash", ApiKeys.hash(apiKey)).update();
        return new IssuedKey(keyId, ApiKeys.prefix(apiKey), apiKey);
    }

    private void requirePartner(String partnerId) {
        boolean exists = jdbc.sql("SELECT count(*) FROM partner WHERE partner_id = :id").param("id", partnerId)
                .query(Integer.class).single() > 0;
        if (!exists) {
            throw ApiException.notFound("partner not found");
        }
    }

    private static void checkRedirectUri(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw badRequest("invalid redirect_uri", "'" + value + "' is not a URI");
        }
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        boolean secure = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
        if (!uri.isAbsolute() || uri.getHost() == null || !secure || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw badRequest("invalid redirect_uri", "'" + value
                    + "' must be an absolute https URI (http only for localhost or 127.0.0.1) without user info or fragment");
        }
    }

    private static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String randomBase64Url() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String randomSuffix() {
        char[] suffix = new char[8];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = SUFFIX_ALPHABET[RANDOM.nextInt(SUFFIX_ALPHABET.length)];
        }
        return new String(suffix);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static ApiException badRequest(String message, String details) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, details);
    }
}
