-- Tables of the test-only probe processors (src/test/java/io/movmo/booking/testing/probe).
CREATE TABLE probe_side_effect (probe_id VARCHAR(255) NOT NULL, note VARCHAR(255) NOT NULL);
CREATE TABLE probe_projection (probe_id VARCHAR(255) PRIMARY KEY, notes INT NOT NULL);
