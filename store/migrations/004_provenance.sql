-- Factmark schema 4: where an article's text came from (issue 11). The pages
-- of a PDF go with the article as JSON (they refer to nothing); the turns of
-- a transcript have a table, since each may point at a speaker of the
-- registry; the source file is kept compressed beside the article.

ALTER TABLE articles ADD COLUMN pages TEXT NOT NULL DEFAULT '[]'; -- JSON array of {number, start, end}

CREATE TABLE turns (
	article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL, -- the turn's place in the article, from 0
	speaker    TEXT NOT NULL,    -- the label, as the file gives it
	speaker_id TEXT REFERENCES speakers(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
	span_start INTEGER NOT NULL, -- code points [span_start, span_end) of the text
	span_end   INTEGER NOT NULL,
	time_start REAL,             -- seconds from the start of the recording
	time_end   REAL,
	PRIMARY KEY (article_id, seq)
) STRICT;

CREATE INDEX turns_by_speaker ON turns(speaker_id);

-- The file an article was derived from: its name, media type and SHA-256,
-- and its bytes compressed (gzip), or NULL when the file was larger than the
-- store keeps (size says how large it was) or never reached the project (an
-- article from a document, which names its file but does not hold it: size
-- is NULL).
CREATE TABLE sources (
	article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	type       TEXT NOT NULL,
	sha256     TEXT NOT NULL,
	size       INTEGER,
	data       BLOB
) STRICT;
