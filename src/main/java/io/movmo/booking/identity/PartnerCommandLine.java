package io.movmo.booking.identity;

import io.movmo.booking.web.ApiException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * {@code java -jar movmo-booking-engine.jar partner …}: manages partners, API keys and OAuth clients from a shell,
 * on the engine's database ({@code MOVMO_DATABASE_URL} or {@code --movmo.database.url=…}; without either, the
 * embedded one under {@code ./.data/postgres}, which a running sandbox engine holds locked). It opens only a
 * connection pool and brings the schema up to date: no event processor, scheduler or web server runs, so a command
 * against a production database can never pick up a node's work. Exit codes: 0 done, 1 refused or failed, 2 bad usage.
 */
public final class PartnerCommandLine {

    public static final String COMMAND = "partner";
    static final String USAGE = """
            usage: java -jar movmo-booking-engine.jar partner create --name NAME
                   java -jar movmo-booking-engine.jar partner list
                   java -jar movmo-booking-engine.jar partner key create --partner PARTNER
                   java -jar movmo-booking-engine.jar partner key revoke --partner PARTNER --key-id KEY_ID
                   java -jar movmo-booking-engine.jar partner client create --partner PARTNER --redirect-uri URI \
            [--redirect-uri URI ...] [--client-id CLIENT_ID] [--confidential] [--allow-loopback]""";
    private static final Set<String> FLAGS = Set.of("confidential", "allow-loopback");

    @FunctionalInterface
    private interface Command {
        void run(PartnerAdministration administration, PrintStream out);
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs one command and returns the exit code; never exits the JVM. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        List<String> springArgs = new ArrayList<>();
        Command command;
        try {
            command = parse(args, springArgs);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        // stdout is for the result: while the command runs, only warnings are logged (and restored after).
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level previous = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        try (AdministrationDatabase database = AdministrationDatabase.open(option(springArgs, "movmo.database.url",
                System.getenv("MOVMO_DATABASE_URL")), option(springArgs, "movmo.database.embedded.data-dir", "./.data/postgres"))) {
            command.run(database.administration(), out);
            return 0;
        } catch (ApiException e) {
            err.println("error: " + e.getMessage() + (e.details() == null ? "" : " (" + e.details() + ")"));
            return e.status() == HttpStatus.BAD_REQUEST ? 2 : 1;
        } catch (RuntimeException e) {
            err.println("error: " + firstLine(rootCause(e)));
            return 1;
        } finally {
            root.setLevel(previous);
        }
    }

    /** The value of {@code --name=value} among the pass-through options, else {@code fallback}. */
    private static String option(List<String> options, String name, String fallback) {
        return options.stream().filter(o -> o.startsWith("--" + name + "=")).map(o -> o.substring(name.length() + 3))
                .reduce((first, last) -> last).orElse(fallback);
    }

    private static Command parse(String[] args, List<String> springArgs) {
        if (args.length == 0 || !COMMAND.equals(args[0])) {
            throw new UsageException("expected the command '" + COMMAND + "'");
        }
        List<String> words = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (name.contains(".")) {
                springArgs.add(arg);
                continue;
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            options.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        Options o = new Options(options);
        String commandWords = String.join(" ", words);
        Command command = switch (commandWords) {
            case "create" -> {
                String name = o.single("name");
                yield (admin, out) -> {
                    PartnerAdministration.CreatedPartner created = admin.createPartner(name);
                    out.println("Created partner " + created.partner().partnerId() + " (" + created.partner().name() + ").");
                    printKey(created.key(), out);
                };
            }
            case "list" -> (admin, out) -> {
                out.println("PARTNER\tNAME\tCREATED\tACTIVE KEYS\tOAUTH CLIENTS");
                admin.list().forEach(p -> out.println(String.join("\t", p.partnerId(), p.name(),
                        p.createdAt().toString(), String.valueOf(p.activeKeys()),
                        String.join(",", p.clients().stream().map(PartnerAdministration.Client::clientId).toList()))));
            };
            case "key create" -> {
                String partner = o.single("partner");
                yield (admin, out) -> {
                    out.println("Issued an API key for partner " + partner + ".");
                    printKey(admin.issueKey(partner), out);
                };
            }
            case "key revoke" -> {
                String partner = o.single("partner");
                String keyId = o.single("key-id");
                yield (admin, out) -> {
                    admin.revokeKey(partner, keyId);
                    out.println("Revoked API key " + keyId + " of partner " + partner + ".");
                };
            }
            case "client create" -> {
                String partner = o.single("partner");
                String clientId = o.optional("client-id");
                List<String> redirectUris = o.all("redirect-uri");
                boolean confidential = o.flag("confidential");
                boolean allowLoopback = o.flag("allow-loopback");
                yield (admin, out) -> {
                    PartnerAdministration.Client client =
                            admin.registerClient(partner, clientId, redirectUris, confidential, allowLoopback);
                    out.println("Registered " + (client.confidential() ? "confidential" : "public") + " OAuth client "
                            + client.clientId() + " for partner " + partner + ".");
                    out.println("Redirect URIs:  " + (client.redirectUris().isEmpty() ? "(none)" : String.join(" ", client.redirectUris()))
                            + (client.allowLoopback() ? " + loopback (http://localhost, http://127.0.0.1)" : ""));
                    if (client.secret() != null) {
                        out.println("Client secret:  " + client.secret());
                        out.println("This secret will not be shown again: store it now.");
                    }
                };
            }
            default -> throw new UsageException(words.isEmpty() ? "missing command" : "unknown command '" + commandWords + "'");
        };
        o.rejectUnused();
        return command;
    }

    private static void printKey(PartnerAdministration.IssuedKey key, PrintStream out) {
        out.println("API key id:     " + key.keyId());
        out.println("API key prefix: " + key.keyPrefix());
        out.println("API key:        " + key.apiKey());
        out.println("This key will not be shown again: store it now.");
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The command's own options; each one must be used by the command, and single-valued ones given once. */
    private static final class Options {

        private final Map<String, List<String>> values;

        Options(Map<String, List<String>> values) {
            this.values = new LinkedHashMap<>(values);
        }

        String single(String name) {
            String value = optional(name);
            if (value == null) {
                throw new UsageException("--" + name + " is required");
            }
            return value;
        }

        String optional(String name) {
            List<String> given = values.remove(name);
            if (given != null && given.size() > 1) {
                throw new UsageException("--" + name + " is given more than once");
            }
            return given == null ? null : given.get(0);
        }

        List<String> all(String name) {
            List<String> given = values.remove(name);
            return given == null ? List.of() : given;
        }

        boolean flag(String name) {
            return optional(name) != null;
        }

        void rejectUnused() {
            if (!values.isEmpty()) {
                throw new UsageException("unknown option --" + values.keySet().iterator().next() + " for this command");
            }
        }
    }
}
