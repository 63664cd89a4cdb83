package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.ArticleService = (*DB)(nil)

// CreateArticle stores a, or fills a with the stored article of the same text.
func (db *DB) CreateArticle(ctx context.Context, a *annotate.Article) (bool, error) {
	if err := a.Validate(); err != nil {
		return false, err
	}
	if err := db.writable("import article " + a.Title); err != nil {
		return false, err
	}
	var existed bool
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if existed, err = createArticle(ctx, tx, a); err != nil || existed {
			return err // an article found is no change (but for a source file it lacked)
		}
		return db.audit(ctx, tx, change{action: "create", kind: "article", entity: a.ID, article: a.ID,
			new: articleRecordOf(a)})
	})
	return existed, dbError("import article "+a.Title, err)
}

// createArticle inserts a unless its text is stored already, in which case it
// loads the stored article into a.
func createArticle(ctx context.Context, tx *sql.Tx, a *annotate.Article) (existed bool, err error) {
	var id string
	err = tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE sha256 = ?", a.SHA256).Scan(&id)
	if err == nil {
		stored, err := findArticle(ctx, tx, id)
		if err == nil {
			err = completeSource(ctx, tx, stored, a)
		}
		if err == nil {
			stored.SourceData = nil
			*a = *stored
		}
		return true, err
	} else if !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	authors, _ := json.Marshal(nonNil(a.Authors))
	pages, _ := json.Marshal(nonNilSlice(a.Pages))
	_, err = tx.ExecContext(ctx, `INSERT INTO articles
		(id, title, url, outlet, authors, published, language, text, sha256, imported_at, pages)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Title, a.URL, a.Outlet, string(authors), a.Published, a.Language, a.Text, a.SHA256,
		timeText(a.ImportedAt), string(pages))
	var se sqlite3.Error
	if errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey || se.ExtendedCode == sqlite3.ErrConstraintUnique) {
		return false, &annotate.Error{Code: annotate.ECONFLICT, Err: err, Message: fmt.Sprintf(
			"article %s: the project already has another article (with another text) under this ID; nothing was imported — give the article a new ID in the file, or remove its \"id\" to import it as a new article", a.ID)}
	} else if err != nil {
		return false, err
	}
	if err := insertFirstRevision(ctx, tx, a); err != nil {
		return false, err
	}
	return false, writeProvenance(ctx, tx, a)
}

// FindArticleByID returns the article with its text.
func (db *DB) FindArticleByID(ctx context.Context, id string) (*annotate.Article, error) {
	var a *annotate.Article
	err := db.readTx(ctx, func(tx *sql.Tx) error { // the article and its turns in one snapshot
		var err error
		a, err = findArticle(ctx, tx, id)
		return err
	})
	return a, dbError("find article", err)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func findArticle(ctx context.Context, q queryer, id string) (*annotate.Article, error) {
	var a annotate.Article
	var authors, imported, pages string
	err := q.QueryRowContext(ctx, `SELECT id, title, url, outlet, authors, published, language,
		text, sha256, imported_at, pages FROM articles WHERE id = ?`, id).Scan(
		&a.ID, &a.Title, &a.URL, &a.Outlet, &authors, &a.Published, &a.Language, &a.Text, &a.SHA256, &imported, &pages)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", id)
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(authors), &a.Authors); err != nil {
		return nil, err
	}
	if len(a.Authors) == 0 {
		a.Authors = nil // as given on import: no authors is nil, like speakers' aliases
	}
	if a.ImportedAt, err = parseTime(imported); err != nil {
		return nil, err
	}
	return &a, readProvenance(ctx, q, &a, pages)
}

// FindArticles lists every article, most recently opened first.
func (db *DB) FindArticles(ctx context.Context) ([]annotate.ArticleSummary, error) {
	list, _, err := db.FindArticlesPage(ctx, "", 0, 0)
	return list, err
}

// listChunk is how many articles' annotations one query counts: few enough
// for one IN list of their IDs.
const listChunk = 500

// FindArticlesPage returns up to limit articles (all when limit <= 0) from
// offset in the library's order (most recently opened, then most recently
// imported), with the number of articles that match filter in all. filter
// is what the user typed: an article matches when its title and outlet hold
// its characters in order (a fuzzy match, ASCII case ignored), and those
// holding each of its words come first; blank matches all. The page is read
// through the articles_by_recency index, never the texts, and annotations
// are counted for the page's articles only.
func (db *DB) FindArticlesPage(ctx context.Context, filter string, offset, limit int) ([]annotate.ArticleSummary, int, error) {
	var list []annotate.ArticleSummary
	var total int
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		f := articleFilterOf(filter)
		offset = max(0, offset)
		var err error
		if list, err = articleSummaries(ctx, tx, f, limit, offset); err != nil {
			return err
		}
		if total, err = countArticles(ctx, tx, f, len(list), limit, offset); err != nil {
			return err
		}
		for i := 0; i < len(list); i += listChunk {
			if err := countAnnotations(ctx, tx, list[i:min(len(list), i+listChunk)]); err != nil {
				return err
			}
		}
		return nil
	})
	return list, total, dbError("list articles", err)
}

// countArticles returns how many articles match f, given that the page from
// offset held n of at most limit: a page that ends before its limit ends
// the list, and only a full page, or one past the end, needs them counted.
// The count is a query of its own, the filter's WHERE alone: counting them
// in the page's query (count(*) OVER ()) made SQLite keep and sort every
// match, not only the page's best, and cost a keystroke more than this
// second scan of the index.
func countArticles(ctx context.Context, tx *sql.Tx, f articleFilter, n, limit, offset int) (int, error) {
	if (limit <= 0 || n < limit) && (n > 0 || offset == 0) {
		return offset + n, nil
	}
	var total int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM articles INDEXED BY articles_by_recency"+f.where, f.args...).Scan(&total)
	return total, err
}

// articleFilter is a library filter as SQL: the WHERE clause, the ORDER BY
// term that puts the articles holding every word first, and their
// arguments (numbered: the clauses share them); words is the condition that
// an article holds every word (anywhere).
type articleFilter struct {
	where, rank, words string
	args               []any
}

func articleFilterOf(filter string) articleFilter {
	q := strings.TrimSpace(filter)
	if q == "" {
		return articleFilter{}
	}
	fuzzy := fuzzyPattern(q)
	f := articleFilter{args: []any{fuzzy}}
	var words, whole []string
	for _, w := range filterWords(q) {
		f.args = append(f.args, "%"+likePrefix(w)+"%", "% "+likePrefix(w)+" %")
		words = append(words, fmt.Sprintf(`(title LIKE ?%d ESCAPE '\' OR outlet LIKE ?%[1]d ESCAPE '\')`, len(f.args)-1))
		whole = append(whole, fmt.Sprintf(`%s LIKE ?%d ESCAPE '\'`, wordsOfTitle, len(f.args)))
	}
	f.words = strings.Join(words, " AND ")
	f.where = ` WHERE title || ' ' || outlet LIKE ?1 ESCAPE '\'`
	if !fuzzyHoldsWords(q, fuzzy) {
		f.where += " OR (" + f.words + ")"
	}
	f.rank = "NOT (" + strings.Join(whole, " AND ") + "), NOT (" + f.words + "), "
	return f
}

// fuzzyHoldsWords reports whether every article holding the words of q
// matches fuzzy, q's fuzzy pattern, so that the filter's WHERE need not
// test the words: so for a single word matched fuzzily, since a title or
// outlet holding the word holds its characters in order. It saves two
// LIKEs a row on the rows the fuzzy pattern misses, at each letter of a
// word typed (TestFilterWordsFollowTheTitle).
func fuzzyHoldsWords(q, fuzzy string) bool {
	return fuzzy != "" && len(strings.Fields(q)) == 1
}

// maxFuzzy is the longest filter matched as characters in order: a LIKE
// pattern with a wildcard between every character backtracks at each one,
// and a pasted headline of 420 characters kept the desk busy for seconds a
// keystroke over 10,000 articles (seen in the palette). Typed abbreviations
// ("hrbrcl") are short; a longer filter matches by its words.
const maxFuzzy = 24

// fuzzyPattern is the LIKE pattern of q's characters in order, or, for a
// filter longer than maxFuzzy, one that matches no title: its words match.
func fuzzyPattern(q string) string {
	if utf8.RuneCountInString(q) > maxFuzzy {
		return ""
	}
	var fuzzy strings.Builder
	fuzzy.WriteByte('%')
	for _, r := range q {
		fuzzy.WriteString(likePrefix(string(r)))
		fuzzy.WriteByte('%')
	}
	return fuzzy.String()
}

// maxWords is how many of a filter's words it matches by: each is two
// LIKEs a row, and a pasted headline of 60 words took 4.7 s a keystroke
// over 10,000 articles; six distinct words already name an article.
const maxWords = 6

// filterWords are the first maxWords distinct words of q, case ignored.
func filterWords(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(q) {
		if k := strings.ToLower(w); !seen[k] && len(out) < maxWords {
			seen[k] = true
			out = append(out, w)
		}
	}
	return out
}

// wordsOfTitle is an article's title and outlet as SQL, with punctuation
// made spaces and a space at either end, so that "% 421 %" finds the word
// 421 in "Report number 421, revised" and not in "Report number 4218":
// articles holding each typed word whole come before those holding it in a
// longer word. The library's index holds its value (migration 012 spells
// the same expression), which SQLite reads instead of computing it for
// every row at every keystroke (TestFilterReadsWordsFromIndex).
var wordsOfTitle = func() string {
	e := "' ' || title || ' ' || outlet || ' '"
	for _, p := range []string{",", ".", ":", ";", "!", "?", "\"", "'", "(", ")", "“", "”", "‘", "’", "-", "/", "–", "—"} {
		e = "replace(" + e + ", '" + strings.ReplaceAll(p, "'", "''") + "', ' ')"
	}
	return e
}()

// articleSummaries reads the page of the articles matching f from offset,
// up to limit (all when limit <= 0), in the library's order with the best
// matches first.
func articleSummaries(ctx context.Context, tx *sql.Tx, f articleFilter, limit, offset int) ([]annotate.ArticleSummary, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := tx.QueryContext(ctx, f.pageSQL(), append(f.args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []annotate.ArticleSummary
	for rows.Next() {
		var s annotate.ArticleSummary
		var imported, opened string
		if err := rows.Scan(&s.ID, &s.Title, &s.Outlet, &s.Published, &imported, &opened); err != nil {
			return nil, err
		}
		s.ImportedAt, _ = parseTime(imported)
		s.OpenedAt, _ = parseTime(opened)
		list = append(list, s)
	}
	return list, rows.Err()
}

// pageSQL is the query of a page of the articles matching f, best first,
// through the library's index; its last two arguments, after f's, are the
// limit and the offset.
func (f articleFilter) pageSQL() string {
	return `SELECT id, title, outlet, published, imported_at, coalesce(opened_at, '')
		FROM articles INDEXED BY articles_by_recency` + f.where + `
		ORDER BY ` + f.rank + `opened_at IS NULL, opened_at DESC, imported_at DESC, id LIMIT ? OFFSET ?`
}

// countAnnotations fills in the counts of the listed articles, through the
// annotations_by_article index.
func countAnnotations(ctx context.Context, tx *sql.Tx, list []annotate.ArticleSummary) error {
	if len(list) == 0 {
		return nil
	}
	at := make(map[string]*annotate.ArticleSummary, len(list))
	args := make([]any, len(list))
	for i := range list {
		at[list[i].ID], args[i] = &list[i], list[i].ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT article_id, kind, count(*) FROM annotations
		WHERE article_id IN (?`+strings.Repeat(", ?", len(list)-1)+`) GROUP BY article_id, kind`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, kind string
		var n int
		if err := rows.Scan(&id, &kind, &n); err != nil {
			return err
		}
		switch s := at[id]; kind {
		case "attribution":
			s.Attributions = n
		case "claim":
			s.Claims = n
		case "note":
			s.Notes = n
		}
	}
	return rows.Err()
}

// FindArticleCandidates returns the IDs of the articles a new text with the
// URL and one of the titles may be a revision of: those with the URL (when
// not blank) or one of the titles (blanks ignored), in the library's order,
// at most maxCandidates. Indexed lookups: no text is read.
func (db *DB) FindArticleCandidates(ctx context.Context, url string, titles ...string) ([]string, error) {
	var conds []string
	var args []any
	if u := strings.TrimSpace(url); u != "" {
		conds, args = append(conds, "url = ?"), append(args, u)
	}
	for _, t := range titles {
		if t = strings.TrimSpace(t); t != "" {
			conds, args = append(conds, "title = ?"), append(args, t)
		}
	}
	if len(conds) == 0 {
		return nil, nil
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT id FROM articles WHERE `+strings.Join(conds, " OR ")+`
		ORDER BY opened_at IS NULL, opened_at DESC, imported_at DESC, id LIMIT ?`, append(args, maxCandidates)...)
	if err != nil {
		return nil, dbError("find articles like the new one", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, dbError("find articles like the new one", err)
		}
		ids = append(ids, id)
	}
	return ids, dbError("find articles like the new one", rows.Err())
}

// maxCandidates bounds the texts a proposal of a revision compares: a
// title shared by more articles ("Live updates") says little.
const maxCandidates = 20

// MarkOpened records that the article was opened now. It is not audited:
// opening changes no content, and logging every opening would bury the
// changes in the log. Like every write it waits for a deferred full check;
// a project the check finds damaged is left as it is and the opening
// unrecorded, without an error of its own: Check's caller reports the
// damage (the desk opened a damaged large project, wrote this row before
// its check had finished, and the file changed when it closed).
func (db *DB) MarkOpened(ctx context.Context, id string) error {
	if db.readOnly {
		return db.writable("record that the article was opened")
	}
	if db.Check(ctx) != nil { // a failed check is remembered: no second run
		return nil
	}
	res, err := db.db.ExecContext(ctx, "UPDATE articles SET opened_at = ? WHERE id = ?", timeText(db.now()), id)
	if err != nil {
		return dbError("mark article opened", err)
	}
	return mustAffect(res, "no article %s", id)
}

// UpdateArticleMeta replaces the article's details with meta, trimmed.
func (db *DB) UpdateArticleMeta(ctx context.Context, id string, meta annotate.ArticleMeta) error {
	if err := meta.ValidateEdit(); err != nil {
		return err
	}
	if err := db.writable("save the article's details"); err != nil {
		return err
	}
	m := meta.Trimmed()
	authors, _ := json.Marshal(nonNil(m.Authors))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := storedArticleMeta(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET title = ?, url = ?, outlet = ?, authors = ?,
			published = ?, language = ? WHERE id = ?`, m.Title, m.URL, m.Outlet, string(authors), m.Published, m.Language, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, change{action: "update", kind: "article", entity: id, article: id, old: old,
			new: articleRecord{m.Title, m.URL, m.Outlet, m.Authors, m.Published, m.Language, ""}})
	})
	return dbError("save the article's details", err)
}

// text returns the article's text indexed for anchoring, from a cache: a
// text changes only by ReviseArticle, which drops it from the cache.
func (db *DB) text(ctx context.Context, articleID string) (*annotate.Text, error) {
	db.mu.Lock()
	t := db.texts[articleID]
	db.mu.Unlock()
	if t != nil {
		return t, nil
	}
	var s string
	err := db.rd.QueryRowContext(ctx, "SELECT text FROM articles WHERE id = ?", articleID).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", articleID)
	} else if err != nil {
		return nil, err
	}
	t = annotate.NewText(s)
	db.mu.Lock()
	if len(db.texts) > 16 {
		clear(db.texts)
	}
	db.texts[articleID] = t
	db.mu.Unlock()
	return t, nil
}

func mustAffect(res sql.Result, format string, args ...any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return dbError("update", err)
	}
	if n == 0 {
		return annotate.Errorf(annotate.ENOTFOUND, format, args...)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
