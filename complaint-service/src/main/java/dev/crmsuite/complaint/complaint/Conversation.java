package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Comments (internal notes or messages the customer may see) and tags. Tags make complaints a
 * source of product ideas and process fixes: {@code product-idea} and {@code process-fix} are the
 * well-known ones, free tags are allowed; each carries a note saying why.
 */
@ApplicationScoped
public class Conversation {

    public static final String PRODUCT_IDEA = "product-idea";
    public static final String PROCESS_FIX = "process-fix";
    /**
     * Most tags one complaint carries. Tags classify (product idea, process fix, a few free labels);
     * a complaint with dozens of them classifies nothing. The cap also keeps the tag list one short,
     * unpaginated answer (documented as maxItems).
     */
    public static final int MAX_TAGS = 20;

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    public enum Visibility { INTERNAL, CUSTOMER }

    @Schema(name = "NewComment", description = "A comment on a complaint")
    public record NewComment(
            @NotBlank @Size(max = 10000) @Schema(examples = "Called the customer, replacement agreed", required = true) String body,
            @NotNull @Schema(description = "INTERNAL (handlers only) or CUSTOMER (may be shown to the customer)",
                    examples = "INTERNAL", required = true) Visibility visibility) {
    }

    @Schema(name = "Comment", description = "A comment; body is null after the customer's erasure")
    public record Comment(UUID id, String author, Visibility visibility, String body, OffsetDateTime createdAt) {
    }

    @Schema(name = "NewTag", description = "A tag for a complaint")
    public record NewTag(
            @NotBlank @Size(max = 50) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes")
            @Schema(description = "product-idea, process-fix or a free tag", examples = "product-idea", required = true) String tag,
            @Size(max = 2000) @Schema(description = "Why: the idea or the process to fix", examples = "Offer shock-proof packaging as an option")
            String note) {
    }

    @Schema(name = "Tag", description = "A tag on a complaint")
    public record Tag(String tag, String note, String addedBy, OffsetDateTime addedAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Comment comment(Complaint c, NewComment comment, String actor, OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into complaint_comment (id, complaint_id, author, visibility, body, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, id).setParameter(2, c.id).setParameter(3, actor).setParameter(4, comment.visibility().name())
                .setParameter(5, c.erasedAt != null ? null : comment.body().trim()).setParameter(6, now).executeUpdate();
        audit.event(c.id, actor, now, "comment", comment.visibility() + " comment " + id);
        c.updatedAt = now;
        return new Comment(id, actor, comment.visibility(), c.erasedAt != null ? null : comment.body().trim(), now);
    }

    /** A comment with its keyset position (created_at, seq): what the next page starts after. */
    public record CommentRow(Comment comment, long seq) {
    }

    /** Up to {@code max} comments after the cursor, oldest first. */
    public List<CommentRow> comments(UUID complaintId, Visibility only, OffsetDateTime afterAt, Long afterSeq, int max) {
        String sql = "select id, author, visibility, body, created_at, seq from complaint_comment where complaint_id = :complaint"
                + (only == null ? "" : " and visibility = :visibility")
                + (afterAt == null ? "" : " and (created_at, seq) > (:afterAt, :afterSeq)")
                + " order by created_at, seq limit :max";
        var query = em.createNativeQuery(sql).setParameter("complaint", complaintId).setParameter("max", max);
        if (only != null) {
            query.setParameter("visibility", only.name());
        }
        if (afterAt != null) {
            query.setParameter("afterAt", afterAt).setParameter("afterSeq", afterSeq);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new CommentRow(new Comment((UUID) r[0], (String) r[1], Visibility.valueOf((String) r[2]),
                (String) r[3], SqlTimes.utc(r[4])), ((Number) r[5]).longValue())).toList();
    }

    /** Adds the tag or replaces its note. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tag tag(Complaint c, NewTag tag, String actor, OffsetDateTime now) {
        String note = tag.note() == null || tag.note().isBlank() ? null : tag.note().trim();
        List<Tag> present = tags(c.id);
        String old = present.stream().filter(t -> t.tag().equals(tag.tag())).map(t -> t.note() == null ? "" : t.note())
                .findFirst().orElse(null);
        if (old == null && present.size() >= MAX_TAGS) {
            throw ProblemException.conflict("too-many-tags", "complaint " + c.id + " already has " + present.size()
                    + " tags, the most one complaint may carry (" + MAX_TAGS + "); remove one first")
                    .with("maxTags", MAX_TAGS);
        }
        em.createNativeQuery("""
                        insert into complaint_tag (complaint_id, tag, note, added_by, added_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (complaint_id, tag) do update set note = excluded.note, added_by = excluded.added_by,
                            added_at = excluded.added_at""")
                .setParameter(1, c.id).setParameter(2, tag.tag()).setParameter(3, note).setParameter(4, actor)
                .setParameter(5, now).executeUpdate();
        audit.change(c.id, actor, now, "tag", "tag:" + tag.tag(), old, note == null ? "" : note);
        c.updatedAt = now;
        return new Tag(tag.tag(), note, actor, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void untag(Complaint c, String tag, String actor, OffsetDateTime now) {
        int removed = em.createNativeQuery("delete from complaint_tag where complaint_id = ?1 and tag = ?2")
                .setParameter(1, c.id).setParameter(2, tag).executeUpdate();
        if (removed == 0) {
            throw ProblemException.notFound("tag", tag + " on complaint " + c.id);
        }
        audit.change(c.id, actor, now, "untag", "tag:" + tag, "present", null);
        c.updatedAt = now;
    }

    public List<Tag> tags(UUID complaintId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select tag, note, added_by, added_at from complaint_tag where complaint_id = ?1 order by tag""")
                .setParameter(1, complaintId).getResultList();
        return rows.stream().map(r -> new Tag((String) r[0], (String) r[1], (String) r[2], SqlTimes.utc(r[3]))).toList();
    }
}
