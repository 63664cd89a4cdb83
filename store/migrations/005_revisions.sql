-- Factmark schema 5: an article's revisions (issue 12). articles.text is the
-- current revision; each revision has a row, numbered from 1, whose text is
-- NULL for the current one (it is articles.text, kept once) and the text for
-- earlier ones. The placement and orphan mark of an annotation are in its
-- body (JSON), like its anchors.

CREATE TABLE revisions (
	article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	number     INTEGER NOT NULL CHECK (number >= 1),
	text       TEXT,             -- NULL: the current revision, articles.text
	sha256     TEXT NOT NULL,
	created    TEXT NOT NULL,
	PRIMARY KEY (article_id, number)
) STRICT;

-- Every article so far has one revision: its imported text.
INSERT INTO revisions (article_id, number, text, sha256, created)
	SELECT id, 1, NULL, sha256, imported_at FROM articles;
