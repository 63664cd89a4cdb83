-- Factmark schema 6: the append-only audit log (issue 13). Every change to
-- the project appends its entries here in the same transaction as the
-- change; the triggers refuse any UPDATE or DELETE (and a REPLACE), so not even a bug in
-- Factmark can rewrite history. Entries imported from another project keep
-- their UUID (id), so importing the same log twice adds nothing.

CREATE TABLE audit (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT, -- the order entries were appended
	id        TEXT NOT NULL UNIQUE,
	at        TEXT NOT NULL,
	who       TEXT NOT NULL,
	action    TEXT NOT NULL,
	kind      TEXT NOT NULL,
	entity    TEXT NOT NULL,
	article   TEXT NOT NULL, -- '' for project-wide records (speakers, settings, evidence)
	field     TEXT NOT NULL,
	old       TEXT NOT NULL,
	new       TEXT NOT NULL
) STRICT;

CREATE INDEX audit_by_entity ON audit(entity);
CREATE INDEX audit_by_article ON audit(article);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- INSERT OR REPLACE of an entry's id or seq would delete the entry without
-- firing audit_no_delete (SQLite's REPLACE fires delete triggers only with
-- recursive_triggers on): refuse any insert that collides.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id OR seq = NEW.seq)
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
