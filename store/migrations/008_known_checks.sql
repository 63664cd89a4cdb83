-- Factmark schema 8: fact-checks done before, read from published
-- ClaimReview feeds (issue 14), for "has this been checked before?". The
-- project's own claims with a verdict are not copied here: they are read
-- from the annotations, so they are never stale.

CREATE TABLE known_checks (
	id        TEXT PRIMARY KEY, -- annotate.CheckID: the review's URL and claim
	claim     TEXT NOT NULL,
	claimant  TEXT NOT NULL,
	verdict   TEXT NOT NULL,
	title     TEXT NOT NULL,
	url       TEXT NOT NULL,
	publisher TEXT NOT NULL,
	date      TEXT NOT NULL,
	feed      TEXT NOT NULL,
	imported  TEXT NOT NULL
) STRICT;
