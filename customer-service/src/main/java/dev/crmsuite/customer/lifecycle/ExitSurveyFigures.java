package dev.crmsuite.customer.lifecycle;

import dev.crmsuite.customer.customer.PartnerVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What customers lost in a period said in the exit survey ({@link ExitSurveyReasons}): the answers
 * they gave after the loss, so an answer from an earlier loss (a customer won back and lost again)
 * does not speak for the new one.
 */
@ApplicationScoped
public class ExitSurveyFigures {

    @Schema(name = "LostCustomersExitSurvey", description = "Exit-survey answers of the customers lost in the period, given after "
            + "the loss (crm.survey.exit-reasons.recorded.v1 from survey-service)")
    public record Answers(
            @Schema(description = "Lost customers who answered (each customer once)", examples = "7") long answered,
            @Schema(description = "Per reason (the option value chosen in the survey), how many of those customers chose it; a "
                    + "customer may choose several, so the counts can add up to more than answered",
                    examples = "{\"too expensive\": 4, \"moved away\": 2}") Map<String, Long> byReason) {
    }

    private final EntityManager em;

    public ExitSurveyFigures(EntityManager em) {
        this.em = em;
    }

    /** Customers lost in [from, to); a partner's figures cover only the customers it may see. */
    public Answers of(OffsetDateTime from, OffsetDateTime to, boolean partner) {
        // The answers of customers with a loss in the period, given at or after that loss. Both sides
        // are taken to the surviving customer, so a merge racing an answer still matches.
        String answers = """
                select distinct s.id as customer_id, e.reasons
                from exit_survey_response e
                join customer c on c.id = e.customer_id
                join customer s on s.id = coalesce(c.merged_into, c.id)
                where exists (select 1 from customer_loss l where l.customer_id = s.id
                              and l.lost_at >= ?1 and l.lost_at < ?2 and e.submitted_at >= l.lost_at"""
                + (partner ? " and " + PartnerVisibility.visibleIdSql("l.customer_id") : "") + ")";
        @SuppressWarnings("unchecked")
        List<Tuple> reasons = em.createNativeQuery("""
                        select reason, count(distinct a.customer_id) as customers
                        from (%s) a cross join lateral jsonb_array_elements_text(a.reasons) as reason
                        group by reason""".formatted(answers), Tuple.class)
                .setParameter(1, from).setParameter(2, to).getResultList();
        Number answered = (Number) em.createNativeQuery("select count(distinct a.customer_id) from (" + answers + ") a")
                .setParameter(1, from).setParameter(2, to).getSingleResult();
        Map<String, Long> byReason = new TreeMap<>();
        for (Tuple row : reasons) {
            byReason.put(row.get("reason", String.class), row.get("customers", Number.class).longValue());
        }
        return new Answers(answered.longValue(), byReason);
    }
}
