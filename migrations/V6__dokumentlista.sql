-- Documents as a list the user manages: a name of the user's own (empty = the kind and year),
-- archived (a time, NULL = active) and in the Papperskorg (a time, NULL = not). A trashed
-- document is kept whole until the Papperskorg is emptied, so it can be restored.
ALTER TABLE dokument ADD COLUMN namn TEXT NOT NULL DEFAULT '';
ALTER TABLE dokument ADD COLUMN arkiverad TEXT;
ALTER TABLE dokument ADD COLUMN borttagen TEXT;

-- Recorded versions stay immutable; the one way they leave is with their document, when the
-- Papperskorg it lies in is emptied. The document row must still exist when they are deleted.
DROP TRIGGER version_tas_inte_bort;
CREATE TRIGGER version_tas_inte_bort BEFORE DELETE ON version
WHEN (SELECT borttagen FROM dokument WHERE id = OLD.dokument_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'En registrerad version kan inte tas bort.');
END;
