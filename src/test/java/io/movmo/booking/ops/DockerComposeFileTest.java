package io.movmo.booking.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Validates docker-compose.yml with the real {@code docker-compose} CLI ({@code config} only: no
 * Docker engine is needed) and checks the wiring the engine relies on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerComposeFileTest {

    private static final String BINARY = "docker-compose";
    private static final String COMPOSE_FILE = "docker-compose.yml";
    private static final long TIMEOUT_SECONDS = 120;

    private Path projectRoot;
    private String composeBinary;

    @BeforeAll
    void locateDockerCompose() {
        projectRoot = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        assertTrue(Files.isRegularFile(projectRoot.resolve(COMPOSE_FILE)),
                () -> COMPOSE_FILE + " not found in " + projectRoot);

        composeBinary = findOnPath(BINARY).map(Path::toString).orElse(null);
        String ci = System.getenv("CI");
        if (composeBinary == null && ci != null && !ci.isBlank()) {
            fail(BINARY + " is not on PATH but CI=" + ci + ": .ci/run must install it "
                    + "(apt-get install -y --no-install-recommends docker-compose) before running the tests");
        }
    }

    /** Per test rather than in {@code @BeforeAll}, so every skipped test is reported with the reason. */
    @BeforeEach
    void skipWithoutDockerCompose() {
        Assumptions.assumeTrue(composeBinary != null, BINARY + " is not on PATH, so " + COMPOSE_FILE
                + " was not validated. Install it with `sudo apt-get install docker-compose` (Debian/Ubuntu; "
                + ".ci/run does this in CI) and re-run.");
    }

    @Test
    void composeFileIsAcceptedByDockerComposeConfig() {
        ComposeResult result = config();
        assertEquals(0, result.exitCode(), () -> "docker-compose config rejected " + COMPOSE_FILE + ":\n" + result);
    }

    @Test
    void composeFileIsAcceptedWithTheAxonserverProfileEnabled() {
        ComposeResult result = config("--profile", "axonserver");
        assertEquals(0, result.exitCode(),
                () -> "docker-compose --profile axonserver config rejected " + COMPOSE_FILE + ":\n" + result);
    }

    @Test
    void defaultStackDefinesPostgresOidcAndEngine() {
        Map<String, Object> services = services(config());
        for (String name : List.of("postgres", "oidc", "engine")) {
            assertTrue(services.containsKey(name), () -> "service '" + name + "' missing; got " + services.keySet());
        }
    }

    @Test
    void axonserverProfileAddsAxonServer() {
        Map<String, Object> services = services(config("--profile", "axonserver"));
        for (String name : List.of("postgres", "oidc", "engine", "axonserver")) {
            assertTrue(services.containsKey(name), () -> "service '" + name + "' missing; got " + services.keySet());
        }
    }

    @Test
    void engineStartsOnlyAfterPostgresIsHealthy() {
        Map<String, Object> engine = service(services(config()), "engine");
        Map<String, Object> dependsOn = dependsOn(engine);
        assertTrue(dependsOn.containsKey("postgres"), () -> "engine.depends_on lacks postgres: " + dependsOn);
        Object postgres = dependsOn.get("postgres");
        assertInstanceOf(Map.class, postgres, "engine.depends_on.postgres should carry a condition");
        assertEquals("service_healthy", ((Map<?, ?>) postgres).get("condition"));
    }

    @Test
    void engineGetsTheComposePostgresAsItsDatabaseUrl() {
        Map<String, Object> engine = service(services(config()), "engine");
        assertEquals("postgresql://movmo:movmo@postgres:5432/movmo", environment(engine).get("MOVMO_DATABASE_URL"));
    }

    @Test
    void engineVerifiesTokensWithTheMockIssuersJwksEndpoint() {
        Map<String, String> env = environment(service(services(config()), "engine"));
        assertEquals("http://oidc:8090/movmo", env.get("MOVMO_JWT_ISSUER_URI"));
        // mock-oauth2-server serves keys at <issuer>/jwks, not at the engine's default <issuer>/.well-known/jwks.json.
        assertEquals("http://oidc:8090/movmo/jwks", env.get("MOVMO_JWT_JWK_SET_URI"));
        assertEquals("movmo-partner-api", env.get("MOVMO_JWT_AUDIENCE"));
    }

    @Test
    void axonServerBelongsOnlyToTheAxonserverProfile() {
        Map<String, Object> services = services(config("--profile", "axonserver"));

        assertEquals(List.of("axonserver"), service(services, "axonserver").get("profiles"),
                "axonserver must be in the axonserver profile and no other");

        for (String alwaysOn : List.of("postgres", "oidc", "engine")) {
            Object profiles = service(services, alwaysOn).get("profiles");
            assertTrue(profiles == null || ((Collection<?>) profiles).isEmpty(),
                    () -> alwaysOn + " must start without a profile but has " + profiles);
        }
    }

    @Test
    void axonServerIsNotPartOfTheDefaultStack() {
        // docker-compose 1.29 prints every service (with its profiles); Compose v2 leaves inactive ones out.
        Map<String, Object> services = services(config());
        if (services.containsKey("axonserver")) {
            assertEquals(List.of("axonserver"), service(services, "axonserver").get("profiles"));
        }
    }

    // ---------------------------------------------------------------------------------------

    private ComposeResult config(String... globalOptions) {
        List<String> command = new ArrayList<>();
        command.add(composeBinary);
        command.add("-f");
        command.add(COMPOSE_FILE);
        command.addAll(List.of(globalOptions));
        command.add("config");
        try {
            // Files rather than pipes, so a hung process cannot block the reads and the timeout applies.
            File stdout = File.createTempFile("docker-compose-config", ".out");
            File stderr = File.createTempFile("docker-compose-config", ".err");
            stdout.deleteOnExit();
            stderr.deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(projectRoot.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout)
                    .redirectError(stderr);
            // The result must not depend on the developer's shell: these would change what `config` prints.
            builder.environment().keySet().removeIf(name -> name.startsWith("COMPOSE_"));
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + "s");
            }
            return new ComposeResult(String.join(" ", command), process.exitValue(),
                    Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                    Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static Map<String, Object> services(ComposeResult result) {
        assertEquals(0, result.exitCode(), () -> "docker-compose config failed:\n" + result);
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(result.stdout());
        Map<String, Object> root = asMap(document, "the output of " + result.command());
        return asMap(root.get("services"), "services");
    }

    private static Map<String, Object> service(Map<String, Object> services, String name) {
        assertNotNull(services.get(name), () -> "service '" + name + "' missing; got " + services.keySet());
        return asMap(services.get(name), "services." + name);
    }

    /** depends_on as a map, whether written in the short (list) or long (map) syntax. */
    private static Map<String, Object> dependsOn(Map<String, Object> service) {
        Object value = service.get("depends_on");
        if (value instanceof Collection<?> names) {
            Map<String, Object> map = new LinkedHashMap<>();
            names.forEach(n -> map.put(String.valueOf(n), Map.of("condition", "service_started")));
            return map;
        }
        return value == null ? Map.of() : asMap(value, "depends_on");
    }

    /** environment as a map, whether written as KEY: value or as a list of KEY=value. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object value = service.get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (value instanceof Collection<?> entries) {
            for (Object entry : entries) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        assertInstanceOf(Map.class, value, what + " should be a mapping");
        return (Map<String, Object>) value;
    }

    private static Optional<Path> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, executable))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    private record ComposeResult(String command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "$ " + command + "\nexit code " + exitCode + "\n--- stderr ---\n" + stderr + "\n--- stdout ---\n" + stdout;
        }
    }
}
