package io.movmo.booking.profile.contact.aws;

import static io.movmo.booking.profile.contact.VerificationCodes.MAX_ATTEMPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.movmo.booking.profile.contact.ContactDeliveryException;
import io.movmo.booking.profile.contact.VerificationCodes.Outcome;
import io.movmo.booking.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Against DynamoDB Local in this JVM, in memory, over HTTP, through the production client: single use, attempt
 * counting and burning, expiry without TTL's help, replacement on re-issue, races between checks, and no clear code
 * in the table.
 *
 * <p>DynamoDB Local runs TTL deletions against the wall clock (within about a second), so the injected clock starts
 * at the real time: an item it wrote in the past would vanish under the test.
 */
class DynamoDbVerificationCodesTest {

    private static final String TABLE = "movmo-verification-codes";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    private static final Duration TTL = Duration.ofMinutes(10);

    private static DynamoDBProxyServer server;
    private static DynamoDbClient dynamoDb;

    private final MutableClock clock = new MutableClock(NOW);
    private DynamoDbVerificationCodes codes;
    private String key;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        // DynamoDB Local logs every request at INFO and every failed condition as a WARN with a stack trace.
        quiet("com.amazonaws.services.dynamodbv2.local", Level.ERROR);
        quiet("org.eclipse.jetty", Level.WARN);
        int port = freePort();
        // Without -disableTelemetry, DynamoDB Local reports to AWS (Cognito identity + Pinpoint) and writes
        // dynamodb-local-metadata.json into the working directory.
        server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        ContactAwsProperties properties = new ContactAwsProperties("eu-west-1", null, null, null, null, TABLE, null,
                null, URI.create("http://localhost:" + port), null, null, null);
        dynamoDb = DynamoDbVerificationCodes.client(properties,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret-key")));
        createTable(dynamoDb);
    }

    /** The table as production has it: partition key code_key, TTL on expires_at (DynamoDB Local accepts, never runs it). */
    private static void createTable(DynamoDbClient client) {
        client.createTable(table -> table
                .tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("code_key").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("code_key").keyType(KeyType.HASH)));
        client.updateTimeToLive(ttl -> ttl
                .tableName(TABLE)
                .timeToLiveSpecification(s -> s.attributeName("expires_at").enabled(true)));
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        dynamoDb.close();
        server.stop();
    }

    @BeforeEach
    void codes() {
        codes = new DynamoDbVerificationCodes(dynamoDb, TABLE, clock);
        key = "contact-change:" + UUID.randomUUID();
    }

    @Test
    void anIssuedCodeIsSixDigitsAndIsAcceptedOnlyOnce() {
        String code = codes.issue(key, TTL);

        assertThat(code).matches("\\d{6}");
        assertThat(codes.check(key, code)).isEqualTo(Outcome.ACCEPTED);
        assertThat(codes.check(key, code)).isEqualTo(Outcome.UNKNOWN);
        assertThat(rawItem(key)).isEmpty();
    }

    @Test
    void codesAreSixDigitsDrawnAtRandom() {
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            issued.add(codes.issue(key + ":" + i, TTL));
        }

        assertThat(issued).allMatch(code -> code.matches("\\d{6}"));
        assertThat(issued).hasSizeGreaterThan(35);
    }

    @Test
    void aCodeNeverIssuedIsUnknown() {
        assertThat(codes.check(key, "123456")).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aWrongCodeIsWrongAndCountedAndTheRightOneStillWorksAfterIt() {
        String code = codes.issue(key, TTL);

        assertThat(codes.check(key, other(code))).isEqualTo(Outcome.WRONG);
        assertThat(rawItem(key).get("attempts").n()).isEqualTo("1");
        assertThat(codes.check(key, "not a code")).isEqualTo(Outcome.WRONG);
        assertThat(codes.check(key, null)).isEqualTo(Outcome.WRONG);
        assertThat(rawItem(key).get("attempts").n()).isEqualTo("3");

        assertThat(codes.check(key, code)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void theLastAllowedWrongAnswerBurnsTheCodeSoEvenTheRightOneIsRefused() {
        String code = codes.issue(key, TTL);

        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            assertThat(codes.check(key, other(code))).as("wrong answer %d", attempt).isEqualTo(Outcome.WRONG);
        }
        assertThat(codes.check(key, other(code))).isEqualTo(Outcome.TOO_MANY_ATTEMPTS);

        assertThat(codes.check(key, code)).isEqualTo(Outcome.TOO_MANY_ATTEMPTS);
        assertThat(codes.check(key, other(code))).isEqualTo(Outcome.TOO_MANY_ATTEMPTS);
        assertThat(rawItem(key).get("attempts").n()).isEqualTo(Integer.toString(MAX_ATTEMPTS));
    }

    @Test
    void aCodePastItsExpiryIsUnknownEvenBeforeTtlDeletesIt() {
        String code = codes.issue(key, TTL);
        assertThat(rawItem(key).get("expires_at").n()).isEqualTo(Long.toString(NOW.plus(TTL).getEpochSecond()));

        clock.set(NOW.plus(TTL).plusSeconds(1));

        assertThat(codes.check(key, code)).isEqualTo(Outcome.UNKNOWN);
        assertThat(codes.check(key, other(code))).isEqualTo(Outcome.UNKNOWN);
        assertThat(rawItem(key)).as("TTL deletes lazily; the check must not rely on it").isNotEmpty();
    }

    @Test
    void aCodeJustBeforeItsExpiryIsStillAccepted() {
        String code = codes.issue(key, TTL);

        clock.set(NOW.plus(TTL).minusSeconds(1));

        assertThat(codes.check(key, code)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void reIssuingReplacesTheOldCodeAndItsAttempts() {
        String first = codes.issue(key, TTL);
        codes.check(key, other(first));
        codes.check(key, other(first));
        String firstSalt = rawItem(key).get("salt").s();

        String second = codes.issue(key, TTL);
        while (second.equals(first)) {
            second = codes.issue(key, TTL);
        }

        assertThat(rawItem(key).get("attempts").n()).isEqualTo("0");
        assertThat(rawItem(key).get("salt").s()).isNotEqualTo(firstSalt);
        assertThat(codes.check(key, first)).isEqualTo(Outcome.WRONG);
        assertThat(codes.check(key, second)).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void theStoredItemHoldsASaltedHashAndNoClearCode() {
        String code = codes.issue(key, TTL);

        Map<String, AttributeValue> item = rawItem(key);
        assertThat(item).containsOnlyKeys("code_key", "code_hash", "salt", "attempts", "expires_at");
        assertThat(item.values()).allSatisfy(value -> assertThat(value.toString()).doesNotContain(code));
        byte[] salt = Base64.getDecoder().decode(item.get("salt").s());
        assertThat(salt).hasSize(16);
        assertThat(item.get("code_hash").s()).isEqualTo(sha256Hex(salt, code));
    }

    @Test
    void ofTwoChecksRacingWithTheRightCodeOnlyOneIsAccepted() {
        String code = codes.issue(key, TTL);
        List<Outcome> second = new ArrayList<>();
        DynamoDbVerificationCodes racing = new DynamoDbVerificationCodes(
                new RacingClient(dynamoDb, () -> second.add(codes.check(key, code))), TABLE, clock);

        Outcome first = racing.check(key, code);

        assertThat(second).containsExactly(Outcome.ACCEPTED);
        assertThat(first).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aWrongAnswerRacingWithTheRightOneIsUnknownAndCountsNothing() {
        String code = codes.issue(key, TTL);
        DynamoDbVerificationCodes racing = new DynamoDbVerificationCodes(
                new RacingClient(dynamoDb, () -> assertThat(codes.check(key, code)).isEqualTo(Outcome.ACCEPTED)),
                TABLE, clock);

        assertThat(racing.check(key, other(code))).isEqualTo(Outcome.UNKNOWN);
        assertThat(rawItem(key)).as("the wrong answer must not resurrect the consumed item").isEmpty();
    }

    @Test
    void theRightAnswerToACodeReIssuedMeanwhileIsUnknown() {
        String code = codes.issue(key, TTL);
        DynamoDbVerificationCodes racing = new DynamoDbVerificationCodes(
                new RacingClient(dynamoDb, () -> codes.issue(key, TTL)), TABLE, clock);

        assertThat(racing.check(key, code)).isEqualTo(Outcome.UNKNOWN);
        assertThat(rawItem(key)).as("the new issue survives").isNotEmpty();
    }

    @Test
    void theRightAnswerToACodeBurntMeanwhileIsNotAccepted() {
        String code = codes.issue(key, TTL);
        DynamoDbVerificationCodes racing = new DynamoDbVerificationCodes(new RacingClient(dynamoDb, () -> {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                codes.check(key, other(code));
            }
        }), TABLE, clock);

        assertThat(racing.check(key, code)).isEqualTo(Outcome.UNKNOWN);
        assertThat(codes.check(key, code)).isEqualTo(Outcome.TOO_MANY_ATTEMPTS);
    }

    @Test
    void theRightAnswerAsTheCodeExpiresIsUnknown() {
        String code = codes.issue(key, TTL);
        DynamoDbVerificationCodes racing = new DynamoDbVerificationCodes(
                new RacingClient(dynamoDb, () -> clock.set(NOW.plus(TTL))), TABLE, clock);

        assertThat(racing.check(key, code)).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void manyConcurrentChecksOfTheRightCodeAcceptItExactlyOnce() throws Exception {
        String code = codes.issue(key, TTL);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return codes.check(key, code);
                }));
            }
            start.countDown();
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                results.add(outcome.get());
            }

            assertThat(results).containsOnlyOnce(Outcome.ACCEPTED);
            assertThat(results).containsOnly(Outcome.ACCEPTED, Outcome.UNKNOWN);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStoreFailureIsADeliveryFailureThatCarriesNoCode() {
        String code = codes.issue(key, TTL);
        DynamoDbVerificationCodes missingTable = new DynamoDbVerificationCodes(dynamoDb, "no-such-table", clock);

        assertThatThrownBy(() -> missingTable.issue(key, TTL))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("verification code store unavailable");
        assertThatThrownBy(() -> missingTable.check(key, code))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("verification code store unavailable")
                .satisfies(e -> assertThat(e.toString() + e.getCause()).doesNotContain(code));
    }

    @Test
    void refusesABlankKeyAndANonPositiveTimeToLive() {
        assertThatThrownBy(() -> codes.issue(" ", TTL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codes.issue(key, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codes.check(null, "123456")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCodeTableMustBeConfigured() {
        assertThatThrownBy(() -> new DynamoDbVerificationCodes(dynamoDb, "", clock))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("movmo.contact.aws.code-table")
                .hasMessageContaining("MOVMO_CONTACT_CODE_TABLE");
    }

    private static Map<String, AttributeValue> rawItem(String key) {
        return dynamoDb.getItem(get -> get.tableName(TABLE).key(Map.of("code_key", AttributeValue.fromS(key)))
                .consistentRead(true)).item();
    }

    /** A six-digit code that is not {@code code}. */
    private static String other(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static String sha256Hex(byte[] salt, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return HexFormat.of().formatHex(sha256.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void quiet(String logger, Level level) {
        ((Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code meanwhile} after each read, as a check on another node would between this check's read and write. */
    private static final class RacingClient implements DynamoDbClient {

        private final DynamoDbClient delegate;
        private final Runnable meanwhile;

        RacingClient(DynamoDbClient delegate, Runnable meanwhile) {
            this.delegate = delegate;
            this.meanwhile = meanwhile;
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            GetItemResponse response = delegate.getItem(request);
            meanwhile.run();
            return response;
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            return delegate.putItem(request);
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            return delegate.updateItem(request);
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest request) {
            return delegate.deleteItem(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {}
    }
}
