-- What happened at a recorded version and where (a tjänsteplan's Remissad in tjänsteforum,
-- Beslutad in prioriteringsforum): the versionshantering row carries them, and the list of
-- versions reads them from here. NULL for versions recorded before, which had neither.
ALTER TABLE version ADD COLUMN handelse TEXT;
ALTER TABLE version ADD COLUMN forum TEXT;
