package io.movmo.booking.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Analysts read projections/README.md as the catalogue of every table and view: a table or view a migration creates
 * and the catalogue does not name (in backticks) fails the build.
 */
class ProjectionCatalogueTest {

    private static final Pattern CREATED = Pattern.compile(
            "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:MATERIALIZED\\s+)?(TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_.]*)",
            Pattern.CASE_INSENSITIVE);

    private static TreeSet<String> created(Path folder) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATED.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    @Test
    void namesEveryTableAndViewTheMigrationsCreate() throws IOException {
        String catalogue = Files.readString(Path.of("projections/README.md"));
        TreeSet<String> all = new TreeSet<>();
        for (String folder : List.of("src/main/resources/db/migration", "sagas/migrations", "projections/migrations")) {
            all.addAll(created(Path.of(folder)));
        }
        assertThat(all).as("tables and views created by migrations").contains("user_profile", "domainevententry");
        assertThat(all).allSatisfy(name -> assertThat(catalogue).as("projections/README.md names `%s`", name)
                .contains("`" + name + "`"));
    }

    @Test
    void describesEveryReadModelInItsOwnSection() throws IOException {
        String catalogue = Files.readString(Path.of("projections/README.md"));
        for (String table : created(Path.of("projections/migrations"))) {
            assertThat(catalogue).as("a section heading naming read model `%s`", table)
                    .containsPattern("(?m)^### .*`" + Pattern.quote(table) + "`");
        }
    }
}
