package dev.crmsuite.customer.privacy;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class PersonalDataBackfillTest {

    @Inject
    PersonalDataBackfill backfill;

    @Test
    void records_once_what_was_written_before_personal_records_existed_and_nothing_of_erased_customers() {
        String legacy = Api.register("{\"name\":\"Legacy Lu\",\"email\":\"" + Api.email() + "\",\"phone\":\"+8613800138222\"}");
        String touchpoint = given().contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"direction\":\"INBOUND\",\"phase\":\"PRE_SALE\",\"summary\":\"asked for a quote\"}")
                .post("/api/v1/customers/" + legacy + "/touchpoints").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"stage\":\"LOST\",\"reason\":\"x\",\"lostReasonCode\":\"PRICE\",\"lostReasonText\":\"too dear\"}")
                .put("/api/v1/customers/" + legacy + "/stage").then().statusCode(200);
        String erased = Api.register();
        given().post("/api/v1/customers/" + erased + "/erasure").then().statusCode(200);
        assertThat(Api.personal(legacy, 3)).hasSize(3);
        assertThat(Api.personal(erased, 2)).hasSize(2).last().matches(Api.PersonalRecord::tombstone);
        // As if written by the release before: no key remembered for them.
        forgetKeys(legacy);
        forgetKeys(erased);

        // Another customer of the release before, so that pages of one row page past each other.
        String older = Api.register("{\"name\":\"Legacy Lin\",\"email\":\"" + Api.email() + "\"}");
        forgetKeys(older);

        assertThat(backfill.run(1)).isGreaterThanOrEqualTo(4);
        assertThat(Api.personal(older, "customer", older, 2).getLast().data().get("name").asText()).isEqualTo("Legacy Lin");
        List<Api.PersonalRecord> records = Api.personal(legacy, 6);
        assertThat(records).hasSize(6);
        assertThat(Api.personal(legacy, "customer", legacy, 2).getLast().data().get("name").asText()).isEqualTo("Legacy Lu");
        assertThat(Api.personal(legacy, "customer", legacy, 2).getLast().data().get("phone").asText()).isEqualTo("+8613800138222");
        assertThat(Api.personal(legacy, "touchpoint", touchpoint, 2).getLast().data().get("summary").asText()).isEqualTo("asked for a quote");
        assertThat(Api.personal(legacy, "lost-reason", legacy, 2).getLast().data().get("reasonText").asText()).isEqualTo("too dear");
        // The erased customer gets nothing back; a second run finds nothing more to do for either.
        backfill.run();
        assertThat(Api.personal(legacy, 7)).hasSize(6);
        assertThat(Api.personal(erased, 3)).hasSize(2).last().matches(Api.PersonalRecord::tombstone);
    }

    @Test
    void the_scheduled_job_completes_once_passes_over_no_locked_row_and_then_leaves_the_tables_alone() {
        Rows.update("delete from personal_data_backfill");
        String legacy = Api.register("{\"name\":\"Legacy Lam\",\"email\":\"" + Api.email() + "\"}");
        forgetKeys(legacy);
        assertThat(keys(legacy)).isZero();

        // A row it must record is being changed: the run stops there instead of passing over it.
        try (java.sql.Connection other = PostgresDatabase.connect()) {
            other.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = other.prepareStatement("select 1 from customer where id = ?::uuid for update")) {
                lock.setString(1, legacy);
                lock.executeQuery().close();
            }
            assertThat(backfill.runUntilComplete()).isFalse();
            assertThat(keys(legacy)).isZero();
            assertThat(Rows.count("select count(*) from personal_data_backfill")).isZero();
            other.rollback();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        assertThat(backfill.runUntilComplete()).isTrue();
        assertThat(keys(legacy)).isEqualTo(1);
        assertThat(Api.personal(legacy, "customer", legacy, 2).getLast().data().get("name").asText()).isEqualTo("Legacy Lam");
        assertThat(Rows.count("select count(*) from personal_data_backfill")).isEqualTo(1);

        // Complete: later runs read that and walk nothing (no write of this release leaves a row
        // without its record; this one is made so by hand).
        String later = Api.register();
        forgetKeys(later);
        assertThat(backfill.runUntilComplete()).isTrue();
        assertThat(keys(later)).isZero();
        assertThat(Rows.count("select count(*) from personal_data_backfill")).isEqualTo(1);
        Rows.update("delete from personal_data_backfill");
    }

    private static long keys(String customerId) {
        return Rows.count("select count(*) from personal_record where customer_id = ?", java.util.UUID.fromString(customerId));
    }

    private static void forgetKeys(String customerId) {
        Rows.update("delete from personal_record where customer_id = ?", java.util.UUID.fromString(customerId));
    }
}
