-- Factmark schema 10: the indexes of an annotation's references (speaker,
-- attribution, claim) hold only the annotations that have one (issue 16).
-- Every annotation lacks at least one of the three (a note has no speaker,
-- an attribution no claim), and SQLite keeps a NULL key in an index like any
-- other: a save wrote a page of each of the three indexes to the log for the
-- NULLs alone, 13 pages where it now writes 10. Every query on a reference
-- compares it (=, IN, >), which SQLite knows a NULL never matches, so it reads
-- these indexes as it read the full ones; so do the foreign keys' actions.

DROP INDEX annotations_by_speaker;
DROP INDEX annotations_by_attribution;
DROP INDEX annotations_by_claim;
CREATE INDEX annotations_by_speaker ON annotations(speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX annotations_by_attribution ON annotations(attribution_id) WHERE attribution_id IS NOT NULL;
CREATE INDEX annotations_by_claim ON annotations(claim_id) WHERE claim_id IS NOT NULL;
