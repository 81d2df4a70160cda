-- The rows written before V6: unlink every anonymous response and forget the answer time of every
-- anonymous survey's invitation, then rewrite the anonymous responses and answers in this one
-- transaction, so their row stamps (xmin) no longer point at the transaction that marked the
-- invitation answered. Repeatable: it changes nothing on rows already in this state.
update survey_response r set invitation_id = null, customer_id = null
from survey_version v
where v.survey_id = r.survey_id and v.version = r.survey_version and v.anonymous
  and (r.invitation_id is not null or r.customer_id is not null);

update invitation i set answered_at = null
from survey_version v
where v.survey_id = i.survey_id and v.version = i.survey_version and v.anonymous and i.answered_at is not null;

update survey_response r set publish_after = publish_after
from survey_version v
where v.survey_id = r.survey_id and v.version = r.survey_version and v.anonymous;

update survey_answer a set ref = ref
from survey_response r join survey_version v on v.survey_id = r.survey_id and v.version = r.survey_version
where a.response_id = r.id and v.anonymous;
