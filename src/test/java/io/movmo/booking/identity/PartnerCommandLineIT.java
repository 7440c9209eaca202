package io.movmo.booking.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.platform.database.PostgresCoordinates;
import io.movmo.booking.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@code java -jar … partner …} against a database of its own: the clear key or secret is printed once and only its
 * hash is stored; refusals exit 1 and bad usage exits 2, each with a one-line error on stderr.
 */
class PartnerCommandLineIT {

    String database;
    JdbcClient jdbc;
    ByteArrayOutputStream out;
    ByteArrayOutputStream err;

    @BeforeEach
    void freshDatabase() {
        database = TestPostgres.get().createDatabase();
        PostgresCoordinates db = PostgresCoordinates.parse(database);
        jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), db.jdbcUrl(), db.user(), db.password()));
    }

    /** Runs the command on this test's database. */
    private int partner(String... command) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.concat(Stream.of("partner"), Stream.of(command)),
                Stream.of("--movmo.database.url=" + database)).toArray(String[]::new);
        return new PartnerCommandLine().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void startsNoPartOfTheEngineButItsDatabase() {
        assertThat(partner("create", "--name", "Quiet Air")).isZero();
        // Only the schema and the partner: no event processor claimed a token, no scheduler registered a task.
        assertThat(jdbc.sql("SELECT count(*) FROM tokenentry").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM partner WHERE partner_id = 'quiet-air'").query(Integer.class).single()).isEqualTo(1);
    }

    private String printed(String label) {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(label)).findFirst()
                .map(l -> l.substring(label.length()).strip()).orElseThrow(() -> new AssertionError(label + " not printed: " + out));
    }

    @Test
    void createPrintsTheKeyOnceStoresOnlyItsHashAndRevokeStopsIt() {
        assertThat(partner("create", "--name", "Aviare")).as("exit code; stderr: %s", err).isZero();
        String apiKey = printed("API key:");
        String keyId = printed("API key id:");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("will not be shown again");

        List<Map<String, Object>> keys = jdbc.sql("SELECT * FROM partner_api_key WHERE partner_id = 'aviare'").query().listOfRows();
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key.get("key_hash")).isEqualTo(ApiKeys.hash(apiKey));
            assertThat(key.get("key_prefix")).isEqualTo(printed("API key prefix:"));
            assertThat(key.get("revoked_at")).isNull();
        });
        assertThat(keys.get(0).values()).noneMatch(v -> String.valueOf(v).contains(apiKey));

        assertThat(partner("key", "revoke", "--partner", "aviare", "--key-id", keyId)).as("stderr: %s", err).isZero();
        assertThat(jdbc.sql("SELECT revoked_at FROM partner_api_key WHERE key_id = CAST(:id AS UUID)").param("id", keyId)
                .query().singleValue()).isNotNull();
    }

    @Test
    void registersAConfidentialClientPrintsItsSecretOnceAndListsIt() {
        assertThat(partner("create", "--name=Skyward Air")).as("stderr: %s", err).isZero();
        assertThat(jdbc.sql("SELECT name FROM partner WHERE partner_id = 'skyward-air'").query(String.class).single())
                .isEqualTo("Skyward Air");

        assertThat(partner("client", "create", "--partner", "skyward-air", "--client-id", "skyward-web", "--confidential",
                "--redirect-uri", "https://skyward.example.com/cb", "--redirect-uri", "https://skyward.example.com/cb2"))
                .as("stderr: %s", err).isZero();
        String secret = printed("Client secret:");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("This secret will not be shown again");
        assertThat(jdbc.sql("SELECT secret_hash FROM oauth_client WHERE client_id = 'skyward-web'").query(String.class).single())
                .isEqualTo(ApiKeys.hash(secret));

        assertThat(partner("list")).as("stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).startsWith("skyward-air\tSkyward Air\t").endsWith("\t1\tskyward-web"))
                .noneSatisfy(line -> assertThat(line).contains(secret));
    }

    @Test
    void badUsageExitsWithTwoAndPrintsTheUsageWithoutStartingTheEngine() {
        assertThat(partner("create")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --name is required").contains("usage: java -jar");
        assertThat(out.size()).isZero();

        assertThat(partner("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: unknown command 'frobnicate'");
        assertThat(partner("key", "revoke", "--partner", "aviare", "--key", "k")).isEqualTo(2);
        assertThat(partner("create", "--name", "A", "--name", "B")).isEqualTo(2);
        assertThat(partner("list", "--confidential")).isEqualTo(2);
        assertThat(partner("key", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar");
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'partner'")
                .query(Integer.class).single()).as("the engine never started").isZero();
    }

    @Test
    void creatingTheSamePartnerTwiceExitsWithOne() {
        assertThat(partner("create", "--name", "Aviare")).as("stderr: %s", err).isZero();
        assertThat(partner("create", "--name", "aviare")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("error: partner already exists (partner 'aviare' already exists)");
        assertThat(out.size()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM partner_api_key WHERE partner_id = 'aviare'").query(Integer.class).single()).isOne();
    }
}
