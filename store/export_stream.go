package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/factmark/factmark/annotate"
)

// auditBatch is how many change-log entries ExportStream hands out at once.
const auditBatch = 4096

// ExportStream hands out the document Export returns, in pieces, from one
// read transaction, so that a writer holds one article at a time rather
// than the whole project (issue 16):
//
//   - head gets the document without its articles and log: its format is
//     already the version the whole document needs (Document.NeededFormat),
//     its speakers are in order;
//   - article gets each article with its annotations, in the document's
//     order (Document.Sort), each a value of its own that the callback may
//     keep (a writer on another goroutine does);
//   - audit gets the change log in batches, oldest first as the native
//     writer orders it (entries of the same time in the order they were
//     logged), and is not called when the log is empty; a nil audit leaves
//     the log unread (a format without one). Each batch is a slice of its
//     own, the callback's to keep.
//
// The pieces hold what Export's document holds. An error from a callback
// stops the export and comes back as it is.
//
// Knowing the format before the first article costs nothing in a project
// with a change log or a scale of more than names (both need factmark/2);
// without either, every article is read once before it is handed out, and
// the reading stops at the first that needs factmark/2.
func (db *DB) ExportStream(ctx context.Context, ids []string, head func(*annotate.Document) error,
	article func(*annotate.ArticleDoc) error, audit func([]annotate.AuditEntry) error) error {
	var cbErr error
	call := func(err error) error { // remembers a callback's error, to return it unwrapped
		cbErr = err
		return err
	}
	err := db.readTxPair(ctx, func(tx *sql.Tx, side queryer) error {
		q := newStmtCache(tx)
		defer q.close()
		order, d, err := exportHead(ctx, tx, q, ids)
		if err != nil {
			return err
		}
		if err := call(head(d)); err != nil {
			return err
		}
		for _, id := range order {
			a, err := streamedArticle(ctx, q, side, id)
			if err != nil {
				return err
			}
			if err := call(article(a)); err != nil {
				return err
			}
		}
		if audit == nil {
			return nil
		}
		return streamAudit(ctx, tx, ids, func(b []annotate.AuditEntry) error { return call(audit(b)) })
	})
	if cbErr != nil {
		return cbErr
	}
	if err != nil {
		return dbError("export", err)
	}
	return nil
}

// articleRows selects an article's annotations (?1 its ID) in the order
// they lie in the table: the article index lists them by kind and start, and
// reading each row where the index points took 1.3 to 1.8 times as long for
// 100k annotations (loaded machine) as reading them by rowid, which SQLite
// does after sorting the rowids the index gives (the IN list).
const articleRows = "WHERE a.rowid IN (SELECT rowid FROM annotations WHERE article_id = ?1)"

// articleSpan selects an article's annotations (?1 its ID) among the rows
// from rowid ?2 to ?3, read in a sweep of the table between them: for the
// rows of an article imported at once, which lie together, a quarter less
// CPU than articleRows (100k annotations: 133 against 170 ms), which first
// lists and sorts the rowids. The unary + keeps SQLite from reading the
// rows through the article index instead.
const articleSpan = "WHERE a.rowid BETWEEN ?2 AND ?3 AND +a.article_id = ?1"

// articleWhere is the condition that selects the article's annotations
// the cheaper way: articleSpan when they fill at least two thirds of the
// rowids from their first to their last (an article imported at once, and
// not edited much since), articleRows otherwise; with the article's lists,
// made with room for each kind's rows (appending 100k annotations to lists
// that grew allocated 59 MB, with a copy of each as it grew). Counting them
// and finding their span reads the article index only (100k annotations:
// 8 ms).
func articleWhere(ctx context.Context, q queryer, id string) (string, []any, *annotate.Annotations, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, count(*), min(rowid), max(rowid)
		FROM annotations WHERE article_id = ? GROUP BY kind`, id)
	if err != nil {
		return "", nil, nil, err
	}
	defer rows.Close()
	var n, first, last int64
	all := &annotate.Annotations{}
	for rows.Next() {
		var kind string
		var count, low, high int64
		if err := rows.Scan(&kind, &count, &low, &high); err != nil {
			return "", nil, nil, err
		}
		switch kind {
		case "attribution":
			all.Attributions = make([]annotate.Attribution, 0, count)
		case "claim":
			all.Claims = make([]annotate.Claim, 0, count)
		case "note":
			all.Notes = make([]annotate.Note, 0, count)
		}
		if n == 0 || low < first {
			first = low
		}
		last = max(last, high)
		n += count
	}
	if err := rows.Err(); err != nil {
		return "", nil, nil, err
	}
	if n > 0 && 2*(last-first+1) <= 3*n {
		return articleSpan, []any{id, first, last}, all, nil
	}
	return articleRows, []any{id}, all, nil
}

// mostAnnotations reports whether the article whose lists all has room for
// its annotations holds at least half of the rowids ever given to one (the
// largest rowid, found at once): then its notes' sources are found among
// every link of the project (queryAnnotationsInto), most of them its own.
func mostAnnotations(ctx context.Context, q queryer, all *annotate.Annotations) (bool, error) {
	n := int64(cap(all.Attributions) + cap(all.Claims) + cap(all.Notes))
	if cap(all.Notes) == 0 {
		return false, nil
	}
	var top int64
	if err := q.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM annotations").Scan(&top); err != nil {
		return false, err
	}
	return 2*n >= top, nil
}

// streamedArticle is exportArticle's article, its annotations read in the
// table's order (articleWhere) and put in Document.Sort's order as
// queryAnnotations puts them. An article that holds most of the project's
// annotations has its notes' sources found among every link of the
// project (readLinks), which side, a transaction on another connection
// that sees what q sees, reads while q reads the annotations (100k
// annotations: 45 ms that came after their 135 ms), each note given its
// own as it is read; without side, q reads them after. Its lists are
// sorted as they fill (earlySort).
func streamedArticle(ctx context.Context, q, side queryer, id string) (*annotate.ArticleDoc, error) {
	where, args, all, err := articleWhere(ctx, q, id)
	if err != nil {
		return nil, err
	}
	most, err := mostAnnotations(ctx, q, all)
	if err != nil {
		return nil, err
	}
	byArticle := map[string]*annotate.Annotations{id: all}
	if !most {
		if _, err := queryAnnotationsInto(ctx, q, byArticle, false, where, args...); err != nil {
			return nil, err
		}
		return exportArticle(ctx, q, id, byArticle)
	}
	var beside *linkRead
	if side != nil {
		beside = readLinksBeside(ctx, side)
	}
	early := newEarlySort(all)
	err = readAnnotationsInto(ctx, q, byArticle, func(all *annotate.Annotations, kind string) {
		if kind == "note" && beside != nil {
			beside.attach(&all.Notes[len(all.Notes)-1]) // before the sort moves it
		}
		early.sortIfFull(all, kind)
	}, where, args...)
	if beside != nil {
		if lerr := beside.wait(); err == nil {
			err = lerr
		}
	}
	if err != nil {
		return nil, err
	}
	if !early.done(all) || beside == nil || !beside.ok {
		if err := sortWithSources(byArticle, fillFromLinks(ctx, q, beside)); err != nil {
			return nil, err
		}
	}
	return exportArticle(ctx, q, id, byArticle)
}

// linkRead is readLinks on a goroutine of its own.
type linkRead struct {
	done  chan struct{}
	links map[string][]sourceLink
	ok    bool
	err   error
}

func readLinksBeside(ctx context.Context, q queryer) *linkRead {
	r := &linkRead{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.links, r.ok, r.err = readLinks(ctx, q)
	}()
	return r
}

func (r *linkRead) wait() error {
	<-r.done
	return r.err
}

// attach gives the note its sources, once every link has been read.
func (r *linkRead) attach(n *annotate.Note) {
	if <-r.done; r.ok {
		n.Sources = sourcesOf(r.links[n.ID])
	}
}

// earlySort puts each list of an article's annotations in text order as
// soon as it is full (its length its capacity, the count of its rows), and
// the notes once they and the claims (whose starts some of them take) are:
// the rows of an article imported at once lie by kind, so the attributions
// are sorted while the claims are read, and so on, where sorting them all
// after the last row took 25 ms for 100k annotations (quiet). Should a list
// be full early (a row more than counted), it grows, and done says so.
type earlySort struct {
	attributions, claims, notes bool // sorted, or empty
}

func newEarlySort(all *annotate.Annotations) *earlySort {
	return &earlySort{attributions: cap(all.Attributions) == 0, claims: cap(all.Claims) == 0, notes: cap(all.Notes) == 0}
}

// sortIfFull sorts what the row of kind just added to all filled.
func (s *earlySort) sortIfFull(all *annotate.Annotations, kind string) {
	claimsFull, notesFull := len(all.Claims) == cap(all.Claims), len(all.Notes) == cap(all.Notes)
	switch {
	case kind == "attribution" && len(all.Attributions) == cap(all.Attributions):
		annotate.SortAttributions(all.Attributions)
		s.attributions = true
	case kind == "claim" && claimsFull:
		annotate.SortClaims(all.Claims)
		s.claims = true
		if notesFull {
			annotate.SortNotes(all.Notes, all.Claims)
			s.notes = true
		}
	case kind == "note" && notesFull && claimsFull:
		annotate.SortNotes(all.Notes, all.Claims)
		s.notes = true
	}
}

// done reports whether every list of all is sorted, and full.
func (s *earlySort) done(all *annotate.Annotations) bool {
	return s.attributions && s.claims && s.notes && len(all.Attributions) == cap(all.Attributions) &&
		len(all.Claims) == cap(all.Claims) && len(all.Notes) == cap(all.Notes)
}

// fillFromLinks fills a list of sources for each note's ID from every link
// of the project: those read beside (when not nil), else read on q
// (readLinks), else, when a value held the separator, by loadSources.
func fillFromLinks(ctx context.Context, q queryer, beside *linkRead) func(map[string][]annotate.Evidence) error {
	return func(sources map[string][]annotate.Evidence) error {
		var links map[string][]sourceLink
		ok := false
		if beside != nil {
			links, ok = beside.links, beside.ok
		} else {
			var err error
			if links, ok, err = readLinks(ctx, q); err != nil {
				return err
			}
		}
		if !ok {
			return loadSources(ctx, q, sources, true)
		}
		for id := range sources {
			sources[id] = sourcesOf(links[id])
		}
		return nil
	}
}

// exportHead reads the document's scale and speakers, decides its format,
// and lists the IDs of its articles in the document's order.
func exportHead(ctx context.Context, tx *sql.Tx, q queryer, ids []string) ([]string, *annotate.Document, error) {
	order, d, err := passesHead(ctx, tx, ids)
	if err != nil {
		return nil, nil, err
	}
	d.Format, err = neededFormat(ctx, tx, q, d.Scale, order, ids)
	return order, d, err
}

// exportOrder is ids (every article's when empty) in the order of the
// document's articles: by import time, then ID, as Document.Sort puts them.
// An ID of no article is an error, as Export's.
func exportOrder(ctx context.Context, tx *sql.Tx, ids []string) ([]string, error) {
	type key struct {
		id string
		at string
	}
	var keys []key
	if len(ids) == 0 {
		rows, err := tx.QueryContext(ctx, "SELECT id, imported_at FROM articles")
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.id, &k.at); err != nil {
				return nil, err
			}
			keys = append(keys, k)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, id := range ids {
		k := key{id: id}
		err := tx.QueryRowContext(ctx, "SELECT imported_at FROM articles WHERE id = ?", id).Scan(&k.at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", id)
		} else if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	list := make([]annotate.ArticleDoc, len(keys))
	for i, k := range keys {
		at, err := parseTime(k.at)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", k.id, err)
		}
		list[i].ID, list[i].ImportedAt = k.id, at
	}
	d := annotate.Document{Articles: list}
	d.Sort() // the same order as Export's, by the same code
	order := make([]string, len(list))
	for i := range list {
		order[i] = list[i].ID
	}
	return order, nil
}

// usedSpeakers are the speakers of all that the articles' attributions,
// claims and turns refer to, as Export keeps them for some articles.
func usedSpeakers(ctx context.Context, tx *sql.Tx, all []annotate.Speaker, ids []string) ([]annotate.Speaker, error) {
	list, _ := json.Marshal(ids)
	rows, err := tx.QueryContext(ctx, `SELECT speaker_id FROM annotations
		WHERE kind IN ('attribution', 'claim') AND speaker_id IS NOT NULL AND article_id IN (SELECT value FROM json_each(?1))
		UNION SELECT speaker_id FROM turns WHERE speaker_id IS NOT NULL AND article_id IN (SELECT value FROM json_each(?1))`, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	used := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		used[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(s annotate.Speaker) bool { return !used[s.ID] }), nil
}

// neededFormat is the version the document of the articles needs
// (Document.NeededFormat), decided before any of them is written: factmark/2
// at once for a scale of more than names or a change log, which a project
// mostly has; otherwise by reading the articles until one needs it.
func neededFormat(ctx context.Context, tx *sql.Tx, q queryer, scale annotate.Scale, order, ids []string) (string, error) {
	if !scale.Plain() {
		return annotate.NativeFormat, nil
	}
	where, args := auditWhere(ids)
	var logged bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM audit "+where+")", args...).Scan(&logged); err != nil {
		return "", err
	}
	if logged {
		return annotate.NativeFormat, nil
	}
	for _, id := range order {
		a, err := streamedArticle(ctx, q, nil, id)
		if err != nil {
			return "", err
		}
		one := annotate.Document{Scale: scale, Articles: []annotate.ArticleDoc{*a}}
		if one.NeededFormat() != annotate.NativeFormatV1 {
			return annotate.NativeFormat, nil
		}
	}
	return annotate.NativeFormatV1, nil
}

// auditWhere selects the log entries of the articles and the project-wide
// ones, or every entry when ids is empty, as findAudit does.
func auditWhere(ids []string) (string, []any) {
	if len(ids) == 0 {
		return "", nil
	}
	cond, args := auditCond("audit", ids)
	return "WHERE " + cond, args
}

// auditCond is auditWhere's condition on the table as alias (ids not
// empty), with its argument as ?1.
func auditCond(alias string, ids []string) (string, []any) {
	list, _ := json.Marshal(ids)
	return "(" + alias + ".article = '' OR " + alias + ".article IN (SELECT value FROM json_each(?1)))", []any{string(list)}
}

// auditOutOfOrder reports whether an entry of the articles' log (every
// entry when ids is empty) is older than the one logged before it. Each
// entry is compared with the one before it by a seek on seq, the primary
// key: three times faster than lag() over the log, which SQLite buffers
// whole in a temporary table.
func auditOutOfOrder(ctx context.Context, tx *sql.Tx, ids []string) (bool, error) {
	condA, condB, args := "1", "1", []any(nil)
	if len(ids) > 0 {
		condA, args = auditCond("a", ids)
		condB, _ = auditCond("b", ids)
	}
	var back bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit a WHERE `+condA+` AND a.at < (
		SELECT b.at FROM audit b WHERE `+condB+` AND b.seq < a.seq ORDER BY b.seq DESC LIMIT 1))`, args...).Scan(&back)
	return back, err
}

// streamAudit hands the log entries of the articles (every entry when ids
// is empty) to fn in batches, by time and then in the order logged: the
// order of a stable sort by time of findAudit's list, which the native
// writer makes. Times are stored at a fixed width in UTC (timeLayout), so
// their text order is their order.
func streamAudit(ctx context.Context, tx *sql.Tx, ids []string, fn func([]annotate.AuditEntry) error) error {
	where, args := auditWhere(ids)
	// The log is mostly in time order already (only an imported log's
	// older entries come later): then it is read as it lies, without
	// SQLite sorting every entry, bodies and all (a third of the export's
	// time for 100k entries).
	order := "seq"
	back, err := auditOutOfOrder(ctx, tx, ids)
	if err != nil {
		return err
	}
	if back {
		order = "at, seq"
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditJoined+` FROM audit `+where+` ORDER BY `+order, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	batch := make([]annotate.AuditEntry, 0, auditBatch)
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		e, err := splitAuditRow(ctx, tx, line)
		if err != nil {
			return err
		}
		if batch = append(batch, e); len(batch) == auditBatch {
			if err := fn(batch); err != nil {
				return err
			}
			batch = make([]annotate.AuditEntry, 0, auditBatch)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return fn(batch)
	}
	return nil
}

// auditJoined is a log entry's columns as one text, seq (its rowid) first,
// as cutJoined reads them (concat_ws, as annotationJoined).
const auditJoined = `concat_ws(char(31), seq, id, at, who, action, kind, entity, article, field, old, new)`

// splitAuditRow is the log entry of an auditJoined row.
func splitAuditRow(ctx context.Context, tx *sql.Tx, line string) (annotate.AuditEntry, error) {
	var parts [11]string
	seq, ok, err := cutJoined(line, parts[:])
	if err != nil {
		return annotate.AuditEntry{}, err
	}
	if !ok {
		return auditEntryAt(ctx, tx, seq)
	}
	e := annotate.AuditEntry{ID: parts[1], Who: parts[3], Action: parts[4], Kind: parts[5], EntityID: parts[6],
		ArticleID: parts[7], Field: parts[8], Old: parts[9], New: parts[10]}
	if e.At, err = parseTime(parts[2]); err != nil {
		return e, fmt.Errorf("audit entry %s: %w", e.ID, err)
	}
	return e, nil
}

// auditEntryAt reads the log entry of sequence number seq column by column.
func auditEntryAt(ctx context.Context, tx *sql.Tx, seq int64) (annotate.AuditEntry, error) {
	var e annotate.AuditEntry
	var at string
	err := tx.QueryRowContext(ctx, `SELECT id, at, who, action, kind, entity, article, field, old, new
		FROM audit WHERE seq = ?`, seq).Scan(&e.ID, &at, &e.Who, &e.Action, &e.Kind, &e.EntityID, &e.ArticleID,
		&e.Field, &e.Old, &e.New)
	if err != nil {
		return e, err
	}
	if e.At, err = parseTime(at); err != nil {
		return e, fmt.Errorf("audit entry %s: %w", e.ID, err)
	}
	return e, nil
}

// sideWait is how long sideConn waits for its connection, should the
// other readers take the free ones between its check and its request.
const sideWait = 10 * time.Millisecond

// readTxPair runs fn in a read transaction, as readTx does, with side, a
// second read transaction on another connection that sees the same data,
// or nil when it cannot have one: every connection in use (see
// sideWait), or a change committed while the two began. In WAL a read
// transaction sees the project as it was at its first read; two whose
// first reads had no commit between them see the same. PRAGMA
// data_version on the side's connection, read before the first
// transaction's first read and again as the side's first, says so: it
// changes when another connection has committed (sameSnapshot).
func (db *DB) readTxPair(ctx context.Context, fn func(tx *sql.Tx, side queryer) error) error {
	conn, before := db.sideConn(ctx)
	if conn != nil {
		defer conn.Close()
	}
	return db.readTx(ctx, func(tx *sql.Tx) error {
		if conn == nil {
			return fn(tx, nil)
		}
		side := sameSnapshot(ctx, tx, conn, before)
		if side == nil {
			return fn(tx, nil)
		}
		defer side.Rollback()
		return fn(tx, side)
	})
}

// sideSpare is how many read connections an export leaves the desk when
// it takes a second one: it holds that one to its end (the article that
// would use it may come last), and two exports at once would otherwise
// hold all four.
const sideSpare = 2

// sideConn is a read connection of its own and its data_version, or nil,
// also when taking it would leave fewer than sideSpare free (besides the
// export's own).
func (db *DB) sideConn(ctx context.Context) (*sql.Conn, int64) {
	if st := db.rd.Stats(); st.MaxOpenConnections-st.InUse < sideSpare+2 {
		return nil, 0
	}
	wait, cancel := context.WithTimeout(ctx, sideWait)
	defer cancel()
	conn, err := db.rd.Conn(wait)
	if err != nil {
		return nil, 0
	}
	var version int64
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&version); err != nil {
		conn.Close()
		return nil, 0
	}
	return conn, version
}

// sameSnapshot begins a read transaction on conn that sees what tx sees,
// or returns nil: tx is made to read first, then the new transaction reads
// conn's data_version, which must still be before, the one read before
// tx's first read.
func sameSnapshot(ctx context.Context, tx *sql.Tx, conn *sql.Conn, before int64) *sql.Tx {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return nil
	}
	side, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil
	}
	var after int64
	if err := side.QueryRowContext(ctx, "PRAGMA data_version").Scan(&after); err != nil || after != before {
		side.Rollback()
		return nil
	}
	return side
}

// stmtCache is a queryer on a read transaction that prepares each query
// once: an export runs the same six or seven queries for each article, and
// for 10,000 small articles preparing and finalizing them again each time
// was work of its own. A query is not to be run again while its rows are
// open (the export's never are).
type stmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache {
	return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}}
}

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // which fails the same way, in a Row
	}
	return st.QueryRowContext(ctx, args...)
}

// close closes the statements (the transaction's end would too).
func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}
