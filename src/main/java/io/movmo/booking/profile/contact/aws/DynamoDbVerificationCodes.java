package io.movmo.booking.profile.contact.aws;

import io.movmo.booking.profile.contact.ContactDeliveryException;
import io.movmo.booking.profile.contact.VerificationCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The production {@link VerificationCodes}: one DynamoDB item per key, replaced by every {@link #issue}.
 *
 * <table>
 *   <caption>The item</caption>
 *   <tr><td>{@code code_key} (S)</td><td>the partition key: the key given, which carries no personal data</td></tr>
 *   <tr><td>{@code code_hash} (S)</td><td>hex SHA-256 of the salt followed by the code's digits</td></tr>
 *   <tr><td>{@code salt} (S)</td><td>16 random bytes, base64, new for every issue</td></tr>
 *   <tr><td>{@code attempts} (N)</td><td>wrong answers so far</td></tr>
 *   <tr><td>{@code expires_at} (N)</td><td>epoch seconds; the table's TTL attribute</td></tr>
 * </table>
 *
 * <p>The table: partition key {@code code_key} (string), no sort key, on-demand capacity, TTL enabled on
 * {@code expires_at}, e.g.
 * {@code aws dynamodb create-table --table-name movmo-verification-codes --billing-mode PAY_PER_REQUEST
 * --attribute-definitions AttributeName=code_key,AttributeType=S --key-schema AttributeName=code_key,KeyType=HASH}
 * then {@code aws dynamodb update-time-to-live --table-name movmo-verification-codes
 * --time-to-live-specification Enabled=true,AttributeName=expires_at}. The engine's role needs {@code GetItem},
 * {@code PutItem}, {@code UpdateItem} and {@code DeleteItem} on it, nothing else. TTL deletes lazily (often within
 * days), so {@link #check} treats an item past {@code expires_at} as gone by itself; TTL only keeps the table small.
 *
 * <p>Checks are race-free without locks: a right code is consumed by a delete conditional on the same issue of the
 * code still being there, live and not burnt, so of two concurrent checks only one is {@code ACCEPTED} (the other is
 * {@code UNKNOWN}); a wrong code is counted by an atomic {@code ADD} conditional on the same issue. The
 * {@value VerificationCodes#MAX_ATTEMPTS}th wrong answer burns the code: it answers {@code TOO_MANY_ATTEMPTS}, and so
 * does every answer after it, the right one included. The SDK retries throttling, 5xx and I/O errors (standard mode);
 * a retried write whose first answer was lost can count a wrong answer twice or report a just-consumed code as
 * {@code UNKNOWN}, either way erring towards asking for a new code, never towards accepting one twice.
 *
 * <p>A salted hash of a six-digit code does not withstand a million guesses by whoever can read the table; it keeps
 * clear codes out of consoles, exports and backups. The table's access policy, the short life and the attempt limit
 * are what protect a code. Every DynamoDB failure is a {@link ContactDeliveryException}; nothing here logs, and no
 * message carries a code, a hash or a key.
 */
public class DynamoDbVerificationCodes implements VerificationCodes, AutoCloseable {

    private static final String KEY = "code_key";
    private static final String HASH = "code_hash";
    private static final String SALT = "salt";
    private static final String ATTEMPTS = "attempts";
    private static final String EXPIRES_AT = "expires_at";

    private static final String UNAVAILABLE = "verification code store unavailable";
    private static final int CODE_SPACE = 1_000_000;
    private static final int SALT_BYTES = 16;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final boolean ownsClient;
    private final SecureRandom random = new SecureRandom();

    /** Talks to DynamoDB in {@code region} with the default AWS credentials chain; codes live in {@code code-table}. */
    public DynamoDbVerificationCodes(ContactAwsProperties properties) {
        this(client(properties, DefaultCredentialsProvider.builder().build()),
                ContactAwsProperties.required(properties.codeTable(), "code-table", "MOVMO_CONTACT_CODE_TABLE"),
                Clock.systemUTC(), true);
    }

    /** Uses {@code dynamoDb} as configured; the caller keeps it and closes it. */
    public DynamoDbVerificationCodes(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, clock, false);
    }

    private DynamoDbVerificationCodes(DynamoDbClient dynamoDb, String tableName, Clock clock, boolean ownsClient) {
        this.dynamoDb = dynamoDb;
        this.tableName = ContactAwsProperties.required(tableName, "code-table", "MOVMO_CONTACT_CODE_TABLE");
        this.clock = clock;
        this.ownsClient = ownsClient;
    }

    /** The client the properties describe (see {@link AwsClients#build}). */
    static DynamoDbClient client(ContactAwsProperties properties, AwsCredentialsProvider credentials) {
        return AwsClients.build(DynamoDbClient.builder(), properties, properties.dynamodbEndpoint(), credentials);
    }

    @Override
    public String issue(String key, Duration ttl) {
        requireKey(key);
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a verification code needs a positive time to live");
        }
        String code = "%06d".formatted(random.nextInt(CODE_SPACE));
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        try {
            dynamoDb.putItem(request -> request
                    .tableName(tableName)
                    .item(Map.of(
                            KEY, s(key),
                            HASH, s(HexFormat.of().formatHex(digest(salt, code))),
                            SALT, s(Base64.getEncoder().encodeToString(salt)),
                            ATTEMPTS, n(0),
                            EXPIRES_AT, n(expiresAt))));
        } catch (SdkException e) {
            throw unavailable(e);
        }
        return code;
    }

    @Override
    public Outcome check(String key, String code) {
        requireKey(key);
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(request -> request
                    .tableName(tableName)
                    .key(Map.of(KEY, s(key)))
                    .consistentRead(true)).item();
        } catch (SdkException e) {
            throw unavailable(e);
        }
        if (item == null || item.isEmpty() || number(item, EXPIRES_AT) <= now) {
            return Outcome.UNKNOWN;
        }
        if (number(item, ATTEMPTS) >= MAX_ATTEMPTS) {
            return Outcome.TOO_MANY_ATTEMPTS;
        }
        String storedHash = string(item, HASH);
        byte[] salt = Base64.getDecoder().decode(string(item, SALT));
        boolean right = MessageDigest.isEqual(
                digest(salt, code == null ? "" : code), HexFormat.of().parseHex(storedHash));
        return right ? consume(key, storedHash) : countWrongAnswer(key, storedHash);
    }

    @Override
    public void close() {
        if (ownsClient) {
            dynamoDb.close();
        }
    }

    /** Deletes this issue of the code if it is still live and not burnt; of concurrent checks, only one can. */
    private Outcome consume(String key, String storedHash) {
        long now = clock.instant().getEpochSecond();
        try {
            dynamoDb.deleteItem(request -> request
                    .tableName(tableName)
                    .key(Map.of(KEY, s(key)))
                    .conditionExpression("#hash = :hash AND #attempts < :max AND #expires > :now")
                    .expressionAttributeNames(Map.of("#hash", HASH, "#attempts", ATTEMPTS, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":hash", s(storedHash), ":max", n(MAX_ATTEMPTS), ":now", n(now))));
            return Outcome.ACCEPTED;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.UNKNOWN; // consumed, re-issued, burnt or expired since we read it
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /** Counts a wrong answer against this issue of the code, atomically; the last allowed one burns it. */
    private Outcome countWrongAnswer(String key, String storedHash) {
        try {
            var response = dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(Map.of(KEY, s(key)))
                    .updateExpression("ADD #attempts :one")
                    .conditionExpression("#hash = :hash")
                    .expressionAttributeNames(Map.of("#attempts", ATTEMPTS, "#hash", HASH))
                    .expressionAttributeValues(Map.of(":one", n(1), ":hash", s(storedHash)))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return number(response.attributes(), ATTEMPTS) >= MAX_ATTEMPTS ? Outcome.TOO_MANY_ATTEMPTS : Outcome.WRONG;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.UNKNOWN; // consumed, re-issued or deleted since we read it
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    private static ContactDeliveryException unavailable(SdkException e) {
        return new ContactDeliveryException(UNAVAILABLE, e);
    }

    /** SHA-256 of the salt followed by the code's UTF-8 bytes. */
    static byte[] digest(byte[] salt, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a verification code needs a key");
        }
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item == null ? null : item.get(attribute);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("verification code item lacks the number " + attribute);
        }
        return Long.parseLong(value.n());
    }

    private static String string(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("verification code item lacks the string " + attribute);
        }
        return value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
