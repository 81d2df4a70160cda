-- Anonymous answers must not be joinable to an invitation or a customer (issue 17 item 4).
-- 1. The invitation of an anonymous survey keeps only that it was answered: its answered_at equalled
--    the response's submitted_at to the microsecond and joined the two.
-- 2. The event of an anonymous response is published late, at a random moment (AnonymousResponseEvents):
--    publish_after is when it is due, null once published (and always for named responses).
-- 3. Guards: the database refuses an anonymous response that names an invitation or a customer, and an
--    anonymous survey's invitation with an answer time, whatever the code does.
alter table survey_response add column publish_after timestamptz;
create index survey_response_to_publish on survey_response (publish_after) where publish_after is not null;

create function survey_version_is_anonymous(uuid, int) returns boolean language sql stable as $$
    select coalesce((select v.anonymous from survey_version v where v.survey_id = $1 and v.version = $2), false)
$$;

create function survey_response_anonymity_guard() returns trigger language plpgsql as $$
begin
    if (new.invitation_id is not null or new.customer_id is not null)
            and survey_version_is_anonymous(new.survey_id, new.survey_version) then
        raise exception 'an anonymous survey response may name neither an invitation nor a customer';
    end if;
    return new;
end
$$;
create trigger survey_response_anonymous before insert or update on survey_response
    for each row execute function survey_response_anonymity_guard();

create function invitation_anonymity_guard() returns trigger language plpgsql as $$
begin
    if new.answered_at is not null and survey_version_is_anonymous(new.survey_id, new.survey_version) then
        raise exception 'an invitation to an anonymous survey keeps no answer time';
    end if;
    return new;
end
$$;
create trigger invitation_anonymous before insert or update of answered_at, survey_id, survey_version on invitation
    for each row when (new.answered_at is not null) execute function invitation_anonymity_guard();
