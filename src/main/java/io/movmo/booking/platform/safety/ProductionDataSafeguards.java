package io.movmo.booking.platform.safety;

import io.movmo.booking.identity.ApiKeys;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code prod} profile refuses to start on a database where a sandbox credential still works: any active key of
 * the {@code sandbox} partner, or any active key equal to the published default. Runs after Flyway and before the
 * web server accepts a request.
 */
@Component
@Profile("prod")
@DependsOnDatabaseInitialization
class ProductionDataSafeguards implements InitializingBean {

    static final String DEFAULT_SANDBOX_KEY = "sandbox-partner-key";

    private final JdbcClient jdbc;

    ProductionDataSafeguards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        int usable = jdbc.sql("""
                        SELECT count(*) FROM partner_api_key
                         WHERE revoked_at IS NULL AND (partner_id = 'sandbox' OR key_hash = :defaultHash)""")
                .param("defaultHash", ApiKeys.hash(DEFAULT_SANDBOX_KEY))
                .query(Integer.class).single();
        if (usable > 0) {
            throw new IllegalStateException("The prod profile refuses to start: " + usable
                    + " sandbox or default API key(s) are still active in this database; revoke them first "
                    + "(UPDATE partner_api_key SET revoked_at = now() WHERE partner_id = 'sandbox')");
        }
    }
}
