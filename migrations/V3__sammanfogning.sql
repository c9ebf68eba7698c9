-- Parts handed out for merging: the document as it was when exported as a part, found again by
-- the SHA-256 the part's `ursprung` carries. It is the common base of a three-way merge.
CREATE TABLE utlamnad_del (
    dokument_id  INTEGER NOT NULL REFERENCES dokument(id),
    sha256       TEXT    NOT NULL,
    revision     INTEGER NOT NULL,
    innehall     TEXT    NOT NULL,
    tid          TEXT    NOT NULL,
    PRIMARY KEY (dokument_id, sha256)
);

-- Every merge of a part: who merged which file (name and SHA-256 of its bytes), between which
-- revisions (the edits themselves are ordinary journal rows), and what was taken and kept.
CREATE TABLE sammanfogning (
    id             INTEGER PRIMARY KEY,
    dokument_id    INTEGER NOT NULL REFERENCES dokument(id),
    tid            TEXT    NOT NULL,
    av             TEXT    NOT NULL,
    filnamn        TEXT    NOT NULL,
    fil_sha256     TEXT    NOT NULL,
    revision_fore  INTEGER NOT NULL,
    revision_efter INTEGER NOT NULL,
    med_bas        INTEGER NOT NULL,
    tagna          TEXT    NOT NULL,
    behallna       TEXT    NOT NULL
);

CREATE TRIGGER sammanfogning_andras_inte BEFORE UPDATE ON sammanfogning
BEGIN
    SELECT RAISE(ABORT, 'En sammanfogning i journalen kan inte ändras.');
END;
