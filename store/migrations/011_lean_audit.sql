-- Factmark schema 11: an audit entry writes two pages fewer (issue 16). Each
-- b-tree an INSERT changes is one more page in the WAL at every durable
-- save; an entry changed five: the table, sqlite_sequence (AUTOINCREMENT),
-- the unique index of IDs, audit_by_entity and audit_by_article. It now
-- changes three: the table, the IDs and one index on (article, entity).
--
-- seq stays the rowid, without AUTOINCREMENT: SQLite gives a new row one
-- more than the largest rowid, and rows are never deleted (the triggers
-- refuse it), so seq still grows in the order entries were appended and no
-- number comes back (TestAuditSeqGrows). Dropping AUTOINCREMENT changes
-- nothing stored in the table, so its definition is edited in place (SQLite's
-- documented way for a change that leaves the stored content as it is; a
-- copy of the table took 25 s on a project of a million entries and left its
-- file 40% larger), and the schema reloaded (RESET); the DROP and CREATE INDEX
-- after it tell other connections that the schema changed.
--
-- The index on (article, entity) is what every reader of the log needs: an
-- article's entries (export, history's import entries) by its first column,
-- a record's entries by both, knowing its article (a record keeps the article
-- it was made on; project-wide records have ''), see historyWhere.

PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'INTEGER PRIMARY KEY AUTOINCREMENT', 'INTEGER PRIMARY KEY')
WHERE type = 'table' AND name = 'audit';
PRAGMA writable_schema = RESET;
DELETE FROM sqlite_sequence WHERE name = 'audit';

DROP INDEX audit_by_entity;
DROP INDEX audit_by_article;
CREATE INDEX audit_by_article ON audit(article, entity);
