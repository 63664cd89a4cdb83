-- Factmark schema 12: the library's index holds each article's title and
-- outlet as words (issue 16), so that a keystroke in the filter ranks the
-- articles holding every typed word whole without working them out again.
-- The last column is the expression wordsOfTitle (store/article.go) spells:
-- the title and outlet with their punctuation made spaces and a space at
-- either end. SQLite computes it when a row is written (new article,
-- import, rename, opening) and a query that names the same expression reads
-- it from the index instead (TestFilterReadsWordsFromIndex); before, each
-- row's title went through 18 replace() calls for each typed word at every
-- keystroke. It is derived, so nothing is stored in the table, and no
-- export or dump sees it.

DROP INDEX articles_by_recency;
CREATE INDEX articles_by_recency ON articles(opened_at IS NULL, opened_at DESC, imported_at DESC, id, title, outlet, published,
	replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
		' ' || title || ' ' || outlet || ' ',
		',', ' '), '.', ' '), ':', ' '), ';', ' '), '!', ' '), '?', ' '), '"', ' '), '''', ' '), '(', ' '),
		')', ' '), '“', ' '), '”', ' '), '‘', ' '), '’', ' '), '-', ' '), '/', ' '), '–', ' '), '—', ' '));
