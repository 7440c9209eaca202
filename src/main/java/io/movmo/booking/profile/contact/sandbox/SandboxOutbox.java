package io.movmo.booking.profile.contact.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.profile.contact.SmsSender;
import io.movmo.booking.shared.SandboxAdapter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the sandbox "sends" emails and text messages: rows of {@code sandbox_outbox}, read back by partners' tests
 * at {@code GET /v1/sandbox/outbox?to=…} so the contact-change flow completes offline. It is also the sandbox
 * {@link SmsSender}.
 */
@SandboxAdapter
public class SandboxOutbox implements SmsSender {

    public record Message(long id, String channel, String to, String body,
            @JsonProperty("created_at") Instant createdAt) {}

    private final JdbcClient jdbc;

    public SandboxOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void send(String phoneNumber, String body) {
        append("sms", phoneNumber, body);
    }

    public void email(String address, String body) {
        append("email", address, body);
    }

    private void append(String channel, String recipient, String body) {
        jdbc.sql("INSERT INTO sandbox_outbox (channel, recipient, body) VALUES (:channel, :to, :body)")
                .param("channel", channel).param("to", recipient).param("body", body).update();
    }

    /** The newest {@code limit} messages to {@code recipient}, newest first. */
    public List<Message> to(String recipient, int limit) {
        return jdbc.sql("""
                SELECT id, channel, recipient, body, created_at FROM sandbox_outbox
                WHERE recipient = :to ORDER BY id DESC LIMIT :limit""")
                .param("to", recipient).param("limit", limit)
                .query((rs, n) -> new Message(rs.getLong("id"), rs.getString("channel"), rs.getString("recipient"),
                        rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
