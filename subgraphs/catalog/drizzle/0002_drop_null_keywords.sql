-- The source holds a few null keywords (api-smart-verify, api-annuaire-administration-services-publics):
-- a list of strings has no null in it. The seed now drops them; this cleans databases seeded before.
UPDATE "apis" SET "keywords" = array_remove("keywords", NULL), "themes" = array_remove("themes", NULL);
