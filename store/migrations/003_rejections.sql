-- Factmark schema 3: suggestions the user rejected, by the suggester's key
-- (kind and spans), so that they are not proposed again.

CREATE TABLE rejections (
	article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	key        TEXT NOT NULL,
	PRIMARY KEY (article_id, key)
) STRICT;
