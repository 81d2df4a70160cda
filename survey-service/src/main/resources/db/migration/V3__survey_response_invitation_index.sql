-- Erasure finds a customer's responses through their invitations too; keep that lookup indexed.
create index survey_response_by_invitation on survey_response (invitation_id) where invitation_id is not null;
