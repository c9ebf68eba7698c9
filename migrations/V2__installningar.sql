-- Settings that belong to the database rather than to one document, such as how long automatic
-- backups are kept. A missing row means the built-in default.
CREATE TABLE installning (
    namn  TEXT PRIMARY KEY,
    varde TEXT NOT NULL
);
