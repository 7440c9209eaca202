package io.movmo.booking.bookings.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The specification and the tests cannot drift: every "proved by" of the transition table is a test that exists. */
class BookingSagaSpecTest {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|.*\\|\\s*`(\\w+)`\\s*\\|\\s*$");

    @Test
    void everyTransitionNamesATestThatExists() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("sagas/booking-saga.md"));
        List<String> named = new ArrayList<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                named.add(row.group(2));
            }
        }
        Set<String> tests = Arrays.stream(BookingSagaTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(named).as("rows of the transition table").hasSizeGreaterThanOrEqualTo(18).doesNotHaveDuplicates();
        assertThat(tests).containsAll(named);
    }
}
