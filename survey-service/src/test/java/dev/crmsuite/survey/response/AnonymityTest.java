package dev.crmsuite.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.survey.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Nothing published, stored or shown joins an anonymous answer to its invitation or customer: the
 * invitation keeps no answer time, the event is published late with only the day, the rows carry no
 * link (the database refuses one), and every score breakdown hides small groups.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AnonymityTest {

    @Inject
    AnonymousResponseEvents anonymousEvents;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void retire() {
        Fixtures.retireAll();
    }

    static String submit(String token, String answers) {
        return Fixtures.asCustomer().contentType(ContentType.JSON).header("X-Request-Id", "anonymity-test-request")
                .body("{\"answers\":" + answers + "}")
                .post("/api/v1/survey-invitations/" + token + "/responses").then().statusCode(201).extract().path("responseId");
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = PostgresDatabase.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void the_invitation_shows_only_that_it_was_answered_and_stores_no_time_that_joins_the_response() {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS, true, "RELATIONAL");
        String responseId = submit(invited.token(), "{\"recommend\":2}");

        Map<String, Object> invitation = Fixtures.invitations(invited.customerId()).getFirst();
        assertThat(invitation).containsEntry("status", "ANSWERED");
        assertThat(invitation.get("answeredAt")).as("an anonymous invitation's answer time").isNull();
        assertThat(Fixtures.queryLong("select count(*) from invitation where id = '" + invited.invitationId()
                + "' and answered_at is null and status = 'ANSWERED'")).isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from survey_response r join invitation i on i.answered_at = r.submitted_at "
                + "where r.id = '" + responseId + "'")).isZero();
        assertThat(Fixtures.queryLong("select count(*) from survey_response where id = '" + responseId
                + "' and invitation_id is null and customer_id is null")).isEqualTo(1);

        // Once published, the response's rows no longer carry the stamp of the transaction that answered the invitation.
        anonymousEvents.publishDue(Instant.now().plus(Duration.ofDays(1)));
        assertThat(Fixtures.queryLong("select count(*) from survey_response r, invitation i where r.id = '" + responseId
                + "' and i.id = '" + invited.invitationId() + "' and r.xmin = i.xmin")).isZero();
        assertThat(Fixtures.queryLong("select count(*) from survey_answer a, invitation i where a.response_id = '" + responseId
                + "' and i.id = '" + invited.invitationId() + "' and a.xmin = i.xmin")).isZero();
    }

    @Test
    void the_event_comes_late_with_the_day_only_and_nothing_of_the_answering_request() {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS, true, "RELATIONAL");
        Instant before = Instant.now();
        String responseId = submit(invited.token(), "{\"recommend\":4}");
        assertThat(Fixtures.surveyEventsNow("crm.survey.response.submitted.v1", d -> responseId.equals(d.path("responseId").asText())))
                .as("not published while the answering call is still close").isEmpty();
        anonymousEvents.publishDue(before.minusSeconds(1));
        assertThat(Fixtures.queryLong("select count(*) from survey_response where id = '" + responseId
                + "' and publish_after >= submitted_at and publish_after <= submitted_at + interval '6 hours'"))
                .as("due at a moment within the delay, not published before it").isEqualTo(1);

        anonymousEvents.publishDue(Instant.now().plus(Duration.ofHours(7)));
        JsonNode event = Fixtures.awaitSurveyEvents("crm.survey.response.submitted.v1",
                d -> responseId.equals(d.path("responseId").asText())).getFirst();
        OffsetDateTime day = OffsetDateTime.parse(event.get("data").get("submittedAt").asText());
        assertThat(day.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(day.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(event.toString()).doesNotContain("anonymity-test-request").doesNotContain(invited.customerId())
                .doesNotContain(invited.invitationId());
        assertThat(event.get("data").get("nps").asInt()).isEqualTo(4);
        // Published once: the next pass finds nothing due.
        anonymousEvents.publishDue(Instant.now().plus(Duration.ofHours(7)));
        assertThat(Fixtures.queryLong("select count(*) from survey_response where id = '" + responseId + "' and publish_after is null"))
                .isEqualTo(1);
    }

    @Test
    void the_database_refuses_a_link_from_an_anonymous_response_and_the_migration_removes_old_ones() throws Exception {
        Fixtures.Invited invited = Fixtures.invite(Fixtures.NPS_SURVEY_QUESTIONS, true, "RELATIONAL");
        String responseId = submit(invited.token(), "{\"recommend\":8}");
        assertThatThrownBy(() -> sql("update survey_response set invitation_id = '" + invited.invitationId() + "' where id = '"
                + responseId + "'")).hasMessageContaining("anonymous");
        assertThatThrownBy(() -> sql("update invitation set answered_at = now() where id = '" + invited.invitationId() + "'"))
                .hasMessageContaining("anonymous");

        // Rows as the code before the fix left them (guards off to write them), then the data migration again.
        sql("alter table survey_response disable trigger survey_response_anonymous");
        sql("alter table invitation disable trigger invitation_anonymous");
        try {
            sql("update survey_response set invitation_id = '" + invited.invitationId() + "', customer_id = '"
                    + invited.customerId() + "' where id = '" + responseId + "'");
            sql("update invitation set answered_at = (select submitted_at from survey_response where id = '" + responseId
                    + "') where id = '" + invited.invitationId() + "'");
        } finally {
            sql("alter table survey_response enable trigger survey_response_anonymous");
            sql("alter table invitation enable trigger invitation_anonymous");
        }
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V7__anonymous_rows_unlinked.sql")) {
            sql(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(Fixtures.queryLong("select count(*) from survey_response where id = '" + responseId
                + "' and invitation_id is null and customer_id is null")).isEqualTo(1);
        assertThat(Fixtures.queryLong("select count(*) from invitation where id = '" + invited.invitationId()
                + "' and answered_at is null")).isEqualTo(1);
    }

    @Test
    void score_breakdowns_of_an_anonymous_survey_hide_groups_smaller_than_the_minimum() {
        String survey = Fixtures.publish("{\"title\":\"Anonymous scores\",\"anonymous\":true,\"questions\":"
                + Fixtures.NPS_SURVEY_QUESTIONS + ",\"triggers\":[{\"on\":\"PURCHASE_RECORDED\"}]}");
        // Six answers: five RELATIONAL, one VIP. The VIP's score alone would be that one person's.
        for (String segment : List.of("RELATIONAL", "RELATIONAL", "RELATIONAL", "RELATIONAL", "RELATIONAL", "VIP")) {
            String customer = Fixtures.registerCustomer(true, segment, Instant.now().toString());
            Fixtures.purchase(customer, "20.00");
            String token = (String) Fixtures.awaitInvitations(customer, 1).getFirst().get("token");
            submit(token, segment.equals("VIP") ? "{\"recommend\":0}" : "{\"recommend\":10}");
        }
        Fixtures.retireAll();
        String path = "/api/v1/surveys/" + survey + "/results";
        given().get(path).then().statusCode(200)
                .body("overall.suppressed", equalTo(false)).body("overall.responses", equalTo(6))
                .body("bySegment.VIP.suppressed", equalTo(true)).body("bySegment.VIP.responses", nullValue())
                .body("bySegment.VIP.nps", nullValue())
                // Complementary: hiding VIP alone, overall minus RELATIONAL would give it back.
                .body("bySegment.RELATIONAL.suppressed", equalTo(true)).body("bySegment.RELATIONAL.nps", nullValue())
                .body("byValueTier.A.suppressed", equalTo(false));
    }
}
