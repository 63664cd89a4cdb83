-- Factmark schema 7: the fact-check workflow (issue 13).
--
-- Claims: the first release's four statuses become the lifecycle's (new →
-- candidate, in_review → researching, checked → verdict_proposed; dismissed
-- keeps its name). Readers map the old names too (annotate.LegacyStatus), so
-- this only keeps the file consistent. Approvals and corrections live in the
-- claim's body, like its status.
UPDATE annotations SET body = json_set(body, '$.status', CASE json_extract(body, '$.status')
		WHEN 'new' THEN 'candidate' WHEN 'in_review' THEN 'researching' ELSE 'verdict_proposed' END)
	WHERE kind = 'claim' AND json_extract(body, '$.status') IN ('new', 'in_review', 'checked');

-- Evidence records: project-wide, one record may support several notes
-- (note_evidence, in the note's order). archives is a JSON array of URLs;
-- snapshot is the JSON metadata (name, media_type, size, sha256) of the
-- local copy, NULL when there is none. A record no note uses stays.
CREATE TABLE evidence (
	id        TEXT PRIMARY KEY,
	url       TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	publisher TEXT NOT NULL DEFAULT '',
	type      TEXT NOT NULL DEFAULT '',
	accessed  TEXT NOT NULL DEFAULT '',
	excerpt   TEXT NOT NULL DEFAULT '',
	archives  TEXT NOT NULL DEFAULT '[]',
	withheld  INTEGER NOT NULL DEFAULT 0 CHECK (withheld IN (0, 1)),
	snapshot  TEXT,
	created   TEXT NOT NULL,
	modified  TEXT NOT NULL
) STRICT, WITHOUT ROWID; -- read by ID: one B-tree instead of an index and a table

CREATE TABLE note_evidence (
	note_id     TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
	evidence_id TEXT NOT NULL REFERENCES evidence(id),
	seq         INTEGER NOT NULL, -- the record's place among the note's sources, from 0
	PRIMARY KEY (note_id, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX note_evidence_by_evidence ON note_evidence(evidence_id);

-- A record's local copy: the bytes as attached, with what the store found
-- them to be when they were (sniffed media type, size, SHA-256). An imported
-- record may name a snapshot whose bytes the document did not carry: it has
-- evidence.snapshot and no row here.
CREATE TABLE snapshots (
	evidence_id TEXT PRIMARY KEY REFERENCES evidence(id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	media_type  TEXT NOT NULL,
	size        INTEGER NOT NULL,
	sha256      TEXT NOT NULL,
	data        BLOB NOT NULL
) STRICT;

-- Threaded comments on annotations; a reply names its parent, a comment on
-- the same annotation. Deleting an annotation deletes its comments.
CREATE TABLE comments (
	id            TEXT PRIMARY KEY,
	article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
	parent_id     TEXT REFERENCES comments(id) ON DELETE CASCADE,
	author        TEXT NOT NULL,
	body          TEXT NOT NULL,
	created       TEXT NOT NULL,
	modified      TEXT NOT NULL,
	resolved      INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
) STRICT;

CREATE INDEX comments_by_article ON comments(article_id, created);
CREATE INDEX comments_by_annotation ON comments(annotation_id);
CREATE INDEX comments_by_parent ON comments(parent_id);

-- The sources stored inline in notes' bodies become records: identical ones
-- (same URL, title, publisher and excerpt) one record, with the latest
-- access date any of them gives, then are removed from the bodies.
CREATE TEMP TABLE inline_sources AS
	SELECT a.id AS note_id, CAST(s.key AS INTEGER) AS seq, a.created AS created, a.modified AS modified,
		coalesce(json_extract(s.value, '$.url'), '') AS url,
		coalesce(json_extract(s.value, '$.title'), '') AS title,
		coalesce(json_extract(s.value, '$.publisher'), '') AS publisher,
		coalesce(json_extract(s.value, '$.accessed'), '') AS accessed,
		coalesce(json_extract(s.value, '$.excerpt'), '') AS excerpt
	FROM annotations a, json_each(a.body, '$.sources') s
	WHERE a.kind = 'note' AND json_type(a.body, '$.sources') = 'array';

INSERT INTO evidence (id, url, title, publisher, accessed, excerpt, created, modified)
	SELECT lower(printf('%s-%s-4%s-%s%s-%s', substr(h, 1, 8), substr(h, 9, 4), substr(h, 14, 3),
			substr('89ab', 1 + (unicode(substr(h, 17, 1)) % 4), 1), substr(h, 18, 3), substr(h, 21, 12))),
		url, title, publisher, accessed, excerpt, created, modified
	FROM (SELECT hex(randomblob(16)) AS h, url, title, publisher, max(accessed) AS accessed, excerpt,
			min(created) AS created, max(modified) AS modified
		FROM inline_sources GROUP BY url, title, publisher, excerpt);

-- A note that listed the same source twice links its record once.
INSERT INTO note_evidence (note_id, evidence_id, seq)
	SELECT s.note_id, e.id, min(s.seq) FROM inline_sources s JOIN evidence e
		ON e.url = s.url AND e.title = s.title AND e.publisher = s.publisher AND e.excerpt = s.excerpt
	GROUP BY s.note_id, e.id;

UPDATE annotations SET body = json_remove(body, '$.sources')
	WHERE kind = 'note' AND json_type(body, '$.sources') IS NOT NULL;

DROP TABLE inline_sources;
