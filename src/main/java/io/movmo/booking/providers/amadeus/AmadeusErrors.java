package io.movmo.booking.providers.amadeus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amadeus's errors envelope, {@code {"errors":[{"status","code","title","detail","source":{"pointer"|"parameter"}}]}},
 * and the codes the adapter acts on. Only the code, the title (Amadeus's canned message for the code) and the source
 * pointer or parameter are ever repeated: {@code detail} can echo what was sent (names, document numbers), so it is
 * read by nobody.
 */
final class AmadeusErrors {

    /**
     * The access token was not accepted: 38190 invalid access token, 38192 access token expired, 38193 access token
     * revoked. A fresh token fixes these, so the adapter renews the token and sends the request once more. Not 38191
     * ("Invalid HTTP header": the Authorization header is missing or malformed), which a new token would not fix.
     * Amadeus's gateway answers these before the request reaches the booking system, so the refused request changed
     * nothing and sending it again is safe, even for creating or cancelling an order.
     */
    static final Set<Long> TOKEN_REJECTED = Set.of(38190L, 38192L, 38193L);

    /** 141 SYSTEM ERROR HAS OCCURRED: Amadeus may or may not have done the work. */
    static final long SYSTEM_ERROR = 141L;
    /** 37200 PRICE DISCREPANCY: the offer's price is no longer what Amadeus would book it for; nothing was booked. */
    static final long PRICE_DISCREPANCY = 37200L;
    /** 34651 SEGMENT SELL FAILURE: a segment could not be sold; nothing was booked. */
    static final long SEGMENT_SELL_FAILURE = 34651L;
    /** 4926 INVALID DATA RECEIVED. */
    static final long INVALID_DATA = 4926L;
    /** Seat map display: 4481 FLIGHT DOES NOT OPERATE ON DATE REQUESTED, 8791 OUTSIDE SYSTEM DATE RANGE. */
    static final Set<Long> NO_SEAT_MAP = Set.of(4481L, 8791L);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * One entry of the envelope. {@code detail} is kept only to be matched against (e.g. "offer not found"); it is
     * never printed, logged or returned.
     */
    record Issue(Long code, String title, String source, String detail) {

        @Override
        public String toString() {
            return "Issue[code=" + code + ", title=" + title + ", source=" + source + "]";
        }
    }

    private AmadeusErrors() {}

    static List<Issue> issues(byte[] body) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            return List.of();
        }
        JsonNode errors = root == null ? null : root.get("errors");
        if (errors == null || !errors.isArray()) {
            return List.of();
        }
        List<Issue> issues = new ArrayList<>();
        for (JsonNode error : errors) {
            JsonNode detail = error.get("detail");
            issues.add(new Issue(code(error.get("code")), text(error.get("title")), source(error.get("source")),
                    detail != null && detail.isString() ? detail.stringValue() : null));
        }
        return issues;
    }

    static boolean isTokenRejection(AmadeusAnswer answer) {
        return answer.status() == 401
                && answer.issues().stream().anyMatch(issue -> issue.code() != null && TOKEN_REJECTED.contains(issue.code()));
    }

    static String describe(AmadeusAnswer answer) {
        List<Issue> issues = answer.issues();
        String what = issues.isEmpty() ? "" : " " + issues.stream().map(AmadeusErrors::describe)
                .collect(Collectors.joining("; "));
        return answer.status() + what + " (request " + (answer.requestId() == null ? "unknown" : answer.requestId()) + ")";
    }

    private static String describe(Issue issue) {
        StringBuilder text = new StringBuilder();
        if (issue.code() != null) {
            text.append(issue.code());
        }
        if (issue.title() != null) {
            text.append(text.isEmpty() ? "" : " ").append(issue.title());
        }
        if (issue.source() != null) {
            text.append(" at ").append(issue.source());
        }
        return text.toString();
    }

    /** Amadeus sends codes as numbers, and sometimes as strings ({@code "38191"}). */
    private static Long code(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.stringValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Titles are Amadeus's canned messages; kept short and printable all the same. */
    private static String text(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        String value = node.stringValue().replaceAll("[^\\p{Print}]", "").strip();
        return value.isEmpty() ? null : value.length() > 80 ? value.substring(0, 80) : value;
    }

    /** The JSON pointer into what was sent, or the query parameter: names of fields, never their values. */
    private static String source(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String pointer = text(node.get("pointer"));
        return pointer != null ? pointer : text(node.get("parameter"));
    }
}
