-- Factmark schema 1. Times are RFC 3339 UTC text; offsets are code points.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
	id          TEXT PRIMARY KEY,
	title       TEXT NOT NULL,
	url         TEXT NOT NULL DEFAULT '',
	outlet      TEXT NOT NULL DEFAULT '',
	authors     TEXT NOT NULL DEFAULT '[]', -- JSON array of names
	published   TEXT NOT NULL DEFAULT '',
	language    TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	sha256      TEXT NOT NULL UNIQUE,
	imported_at TEXT NOT NULL,
	opened_at   TEXT
) STRICT;

CREATE TABLE speakers (
	id       TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	aliases  TEXT NOT NULL DEFAULT '[]', -- JSON array
	role     TEXT NOT NULL DEFAULT '',
	created  TEXT NOT NULL,
	modified TEXT NOT NULL
) STRICT;

-- One row per attribution, claim or note. The columns are what queries and
-- references need; body holds the rest of the kind's fields as JSON.
CREATE TABLE annotations (
	id             TEXT PRIMARY KEY,
	article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	kind           TEXT NOT NULL CHECK (kind IN ('attribution', 'claim', 'note')),
	start          INTEGER NOT NULL,
	author         TEXT NOT NULL,
	origin         TEXT NOT NULL CHECK (origin IN ('manual', 'suggested')),
	created        TEXT NOT NULL,
	modified       TEXT NOT NULL,
	speaker_id     TEXT REFERENCES speakers(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
	attribution_id TEXT REFERENCES annotations(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
	claim_id       TEXT REFERENCES annotations(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	body           TEXT NOT NULL
) STRICT;

CREATE INDEX annotations_by_article ON annotations(article_id, kind, start);
CREATE INDEX annotations_by_speaker ON annotations(speaker_id);
CREATE INDEX annotations_by_attribution ON annotations(attribution_id);
CREATE INDEX annotations_by_claim ON annotations(claim_id);
