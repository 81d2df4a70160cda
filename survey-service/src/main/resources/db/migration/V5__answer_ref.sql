-- Free-text answers are listed newest first with a keyset cursor. An anonymous answer must not be
-- pageable by its exact time or its response id (both lead back to the invitation, which names the
-- customer), so every answer gets a random ref of its own: the cursor's tie-breaker within a day.
alter table survey_answer add column ref uuid not null default gen_random_uuid();
-- The answers of one question of one survey: found through the survey's responses, then by key.
create index survey_answer_by_key on survey_answer (question_key, response_id) where text_value is not null;
