-- Every status change of a document: who moved it, when, from what to what and, when it was
-- reopened, why. Written in the same transaction as the document's new status.
CREATE TABLE statusbyte (
    id          INTEGER PRIMARY KEY,
    dokument_id INTEGER NOT NULL REFERENCES dokument(id),
    revision    INTEGER NOT NULL,
    tid         TEXT    NOT NULL,
    fran        TEXT    NOT NULL,
    till        TEXT    NOT NULL,
    av          TEXT    NOT NULL,
    orsak       TEXT    NOT NULL
);

CREATE INDEX statusbyte_dokument ON statusbyte (dokument_id, id);
