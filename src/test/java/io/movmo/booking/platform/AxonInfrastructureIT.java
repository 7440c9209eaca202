package io.movmo.booking.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.probe.ProbeRecordedEvent;
import io.movmo.booking.testing.probe.RecordProbeCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Axon runs on PostgreSQL the way ARCHITECTURE.md fixes it, with none of the known traps sprung. */
@EngineTest
class AxonInfrastructureIT {

    @Autowired Configuration axon;
    @Autowired DeadlineManager deadlineManager;
    @Autowired EventStorageEngine storageEngine;
    @Autowired TokenStore tokenStore;
    @Autowired SagaStore<?> sagaStore;
    @Autowired SagaSqlSchema sagaSqlSchema;
    @Autowired Serializer generalSerializer;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;
    @Autowired @Qualifier("messageSerializer") Serializer messageSerializer;
    @Autowired ReactorCommandGateway commands;
    @Autowired JdbcClient jdbc;

    @Test
    void unitsOfWorkJoinSpringJdbcTransactions() {
        assertThat(axon.getComponent(org.axonframework.common.transaction.TransactionManager.class))
                .isNotInstanceOf(NoTransactionManager.class)
                .isInstanceOf(org.axonframework.spring.messaging.unitofwork.SpringTransactionManager.class);
    }

    @Test
    void deadlinesAreDurableInDbScheduler() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(axon.deadlineManager()).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void storesAreJdbcOnPostgresShapes() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
        assertThat(sagaSqlSchema).isInstanceOf(PostgresSagaSqlSchema.class);
    }

    @Test
    void everyStoredMessageIsJacksonThreeJson() {
        assertThat(List.of(generalSerializer, eventSerializer, messageSerializer))
                .allSatisfy(s -> assertThat(s).isInstanceOf(Jackson3Serializer.class));
    }

    @Test
    void flywayCreatedEveryAxonAndSchedulerTable() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();
        assertThat(tables).contains("domainevententry", "snapshotevententry", "tokenentry", "sagaentry",
                "associationvalueentry", "deadletterentry", "scheduled_tasks", "partner", "partner_api_key",
                "flyway_schema_history");
    }

    @Test
    void eventsAreStoredAsReadableJson() throws Exception {
        String probeId = "probe-" + UUID.randomUUID();
        commands.send(new RecordProbeCommand(probeId, "hello support")).block();

        Map<String, Object> row = jdbc.sql("SELECT payload, payloadtype, metadata FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", probeId).query().singleRow();
        assertThat(row.get("payloadtype")).isEqualTo(ProbeRecordedEvent.class.getName());
        JsonNode payload = JsonMapper.builder().build().readTree(new String((byte[]) row.get("payload"), StandardCharsets.UTF_8));
        assertThat(payload.get("probeId").asString()).isEqualTo(probeId);
        assertThat(payload.get("note").asString()).isEqualTo("hello support");
        assertThat(new String((byte[]) row.get("metadata"), StandardCharsets.UTF_8)).contains("correlationId");
    }

    @Test
    void eventAndProjectionRowCommitOrRollBackTogether() {
        String probeId = "atomic-" + UUID.randomUUID();
        // A subscribing handler writes its row in the command's unit of work, then fails: with Axon on Spring's
        // transaction manager, the row and the event vanish together (with NoTransactionManager both would stay).
        assertThatThrownBy(() -> commands.send(new RecordProbeCommand(probeId, "fail-after-write")).block())
                .hasMessageContaining("side effect failed after its write");

        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id", probeId)).isZero();
        assertThat(count("SELECT count(*) FROM probe_side_effect WHERE probe_id = :id", probeId)).isZero();

        commands.send(new RecordProbeCommand(probeId, "fine")).block();
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id", probeId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM probe_side_effect WHERE probe_id = :id", probeId)).isEqualTo(1);
    }

    @Test
    void streamingProjectionsRunAndParkPoisonEventsInTheJdbcDeadLetterQueue() {
        String healthy = "projected-" + UUID.randomUUID();
        String poisoned = "poisoned-" + UUID.randomUUID();
        commands.send(new RecordProbeCommand(healthy, "one")).block();
        commands.send(new RecordProbeCommand(poisoned, "dead-letter-me")).block();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM probe_projection WHERE probe_id = :id", healthy)).isEqualTo(1);
            assertThat(count("""
                    SELECT count(*) FROM deadletterentry
                     WHERE processinggroup = 'probe-projection' AND aggregateidentifier = :id""", poisoned)).isEqualTo(1);
        });
    }

    private int count(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(Integer.class).single();
    }
}
