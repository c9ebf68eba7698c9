-- Documents are stored as the JSON of their exchange `dokument` member: the typed model is the
-- schema, and every write goes through it. Columns beside the JSON exist for listing.
CREATE TABLE dokument (
    id           INTEGER PRIMARY KEY,
    dokumenttyp  TEXT    NOT NULL,
    organisation TEXT    NOT NULL,
    ar           INTEGER NOT NULL,
    innehall     TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    skapad       TEXT    NOT NULL,
    andrad       TEXT    NOT NULL
);

-- A recorded version is immutable: the triggers refuse every UPDATE and DELETE.
CREATE TABLE version (
    dokument_id  INTEGER NOT NULL REFERENCES dokument(id),
    nummer       INTEGER NOT NULL,
    version      TEXT    NOT NULL,
    datum        TEXT    NOT NULL,
    beskrivning  TEXT    NOT NULL,
    andrad_av    TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    innehall     TEXT    NOT NULL,
    registrerad  TEXT    NOT NULL,
    PRIMARY KEY (dokument_id, nummer)
);

CREATE TRIGGER version_andras_inte BEFORE UPDATE ON version
BEGIN
    SELECT RAISE(ABORT, 'En registrerad version kan inte ändras.');
END;

CREATE TRIGGER version_tas_inte_bort BEFORE DELETE ON version
BEGIN
    SELECT RAISE(ABORT, 'En registrerad version kan inte tas bort.');
END;

-- Every acknowledged edit, in order. revision n is the document after journal entry n.
CREATE TABLE journal (
    id           INTEGER PRIMARY KEY,
    dokument_id  INTEGER NOT NULL REFERENCES dokument(id),
    revision     INTEGER NOT NULL,
    tid          TEXT    NOT NULL,
    andring      TEXT    NOT NULL,
    UNIQUE (dokument_id, revision)
);
