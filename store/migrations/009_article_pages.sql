-- Factmark schema 9: the library pages through articles (issue 16). The
-- index is in the library's order (most recently opened, then most recently
-- imported) and covers the columns a page shows and the filter reads, so a
-- page or a filter over 10,000 articles never reads the texts. URLs and
-- titles are indexed for proposing which article a new file is a revision
-- of (FindArticleCandidates).

CREATE INDEX articles_by_recency ON articles(opened_at IS NULL, opened_at DESC, imported_at DESC, id, title, outlet, published);
CREATE INDEX articles_by_url ON articles(url);
CREATE INDEX articles_by_title ON articles(title);
