package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.AnnotationService = (*DB)(nil)

// The kind-specific fields of each annotation, stored as JSON in body. The
// references (speaker, attribution, claim) are columns, for the database to
// keep them sound.
type attributionBody struct {
	Source  *annotate.Anchor  `json:"source,omitempty"`
	Cue     *annotate.Anchor  `json:"cue,omitempty"`
	Content []annotate.Anchor `json:"content"`
	Kind    annotate.Kind     `json:"kind"`
	placed
}

// placed is how re-anchoring placed an annotation, in every kind's body.
type placed struct {
	Placement *annotate.Placement `json:"placement,omitempty"`
	Orphan    bool                `json:"orphan,omitempty"`
}

func placedOf(m *annotate.Meta) placed { return placed{m.Placement, m.Orphan} }

type claimBody struct {
	Anchors          []annotate.Anchor `json:"anchors"`
	Worthiness       *float64          `json:"worthiness,omitempty"`
	WorthinessOrigin annotate.Origin   `json:"worthiness_origin,omitempty"`
	Status           annotate.Status   `json:"status"`
	Tags             []string          `json:"tags,omitempty"`
	ReviewURL        string            `json:"review_url,omitempty"`
	CheckedBefore    []string          `json:"checked_before,omitempty"`
	placed
	Approvals   []annotate.Approval   `json:"approvals,omitempty"`
	Corrections []annotate.Correction `json:"corrections,omitempty"`
}

// noteBody has no sources: they are evidence records (evidence.go), linked
// to the note in note_evidence.
type noteBody struct {
	Target    *annotate.Anchor `json:"target,omitempty"`
	Verdict   string           `json:"verdict,omitempty"`
	Rationale string           `json:"rationale,omitempty"`
	placed
}

// row is an annotation as the annotations table holds it.
type row struct {
	meta        annotate.Meta
	kind        string
	start       int
	speaker     string
	attribution string
	claim       string
	body        any
	bodyJSON    []byte
	// after are further writes of the change (a note's evidence records,
	// its audit entries), run in its transaction after the row is saved.
	after []func(ctx context.Context, tx *sql.Tx) error
}

func attributionRow(a *annotate.Attribution) row {
	return row{meta: a.Meta, kind: "attribution", start: a.Start(), speaker: a.SpeakerID,
		body: attributionBody{a.Source, a.Cue, a.Content, a.Kind, placedOf(&a.Meta)}}
}

func claimRow(c *annotate.Claim) row {
	return row{meta: c.Meta, kind: "claim", start: c.Start(), speaker: c.SpeakerID, attribution: c.AttributionID,
		body: claimBody{c.Anchors, c.Worthiness, c.WorthinessOrigin, c.Status, c.Tags, c.ReviewURL, c.CheckedBefore, placedOf(&c.Meta),
			c.Approvals, c.Corrections}}
}

// noteRow is the note's row; its sources are written by a linker
// (evidence.go), which db.noteRow and Import run after it.
func noteRow(n *annotate.Note, start int) row {
	return row{meta: n.Meta, kind: "note", start: start, claim: n.ClaimID,
		body: noteBody{n.Target, n.Verdict, n.Rationale, placedOf(&n.Meta)}}
}

const insertSQL = `INSERT INTO annotations (id, article_id, kind, start, author, origin, created,
	modified, speaker_id, attribution_id, claim_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const updateSQL = `UPDATE annotations SET start = ?, author = ?, origin = ?, modified = ?,
	speaker_id = ?, attribution_id = ?, claim_id = ?, body = ?
	WHERE id = ? AND article_id = ? AND kind = ?`

func (r *row) insertArgs() ([]any, error) {
	body, err := json.Marshal(r.body)
	return r.insertValues(string(body)), err
}

// insertValues are insertSQL's arguments for the row with its body as
// marshalled.
func (r *row) insertValues(body string) []any {
	m := &r.meta
	return []any{m.ID, m.ArticleID, r.kind, r.start, m.Author, string(m.Origin), timeText(m.Created),
		timeText(m.Modified), null(r.speaker), null(r.attribution), null(r.claim), body}
}

func (r *row) updateArgs() ([]any, error) {
	body, err := json.Marshal(r.body)
	m := &r.meta
	return []any{r.start, m.Author, string(m.Origin), timeText(m.Modified), null(r.speaker),
		null(r.attribution), null(r.claim), string(body), m.ID, m.ArticleID, r.kind}, err
}

// updateOver is the UPDATE of the stored row old to r, with r's body as
// marshalled, and its arguments. The columns that are indexed (start and the
// references) are set only when they change: SQLite rewrites the index
// entries of every column an UPDATE sets, changed or not, and setting all of
// them made an edit of a tag write five pages of the annotations table to the
// log where one does (TestEditWritesOnlyTheRowsPage).
func (r *row) updateOver(old *storedRow, body string) (string, []any) {
	m := &r.meta
	var q strings.Builder
	q.WriteString("UPDATE annotations SET author = ?, origin = ?, modified = ?, body = ?")
	args := make([]any, 0, 11)
	args = append(args, m.Author, string(m.Origin), timeText(m.Modified), body)
	if r.start != old.start {
		q.WriteString(", start = ?")
		args = append(args, r.start)
	}
	for _, ref := range [...]struct {
		column, now, was string
	}{{"speaker_id", r.speaker, old.speaker}, {"attribution_id", r.attribution, old.attribution}, {"claim_id", r.claim, old.claim}} {
		if ref.now != ref.was {
			q.WriteString(", " + ref.column + " = ?")
			args = append(args, null(ref.now))
		}
	}
	q.WriteString(" WHERE id = ? AND article_id = ? AND kind = ?")
	return q.String(), append(args, m.ID, m.ArticleID, r.kind)
}

// storedRow is what an update reads of the row it changes, in its
// transaction: the indexed columns, and the record as the audit log sees it.
type storedRow struct {
	start                       int
	speaker, attribution, claim string
	view                        json.RawMessage
}

// readStoredRow reads the annotation of the kind with the ID in the article;
// ENOTFOUND if there is none.
func readStoredRow(ctx context.Context, q queryer, id, articleID, kind string) (*storedRow, error) {
	var s storedRow
	var author, origin, body string
	err := q.QueryRowContext(ctx, `SELECT start, author, origin, coalesce(speaker_id, ''), coalesce(attribution_id, ''),
		coalesce(claim_id, ''), body FROM annotations WHERE id = ? AND article_id = ? AND kind = ?`, id, articleID, kind).
		Scan(&s.start, &author, &origin, &s.speaker, &s.attribution, &s.claim, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no %s %s in this article", kind, id)
	} else if err != nil {
		return nil, err
	}
	s.view = annotationView(author, origin, s.speaker, s.attribution, s.claim, body)
	return &s, nil
}

// null stores an empty reference as NULL.
func null(id string) any {
	if id == "" {
		return nil
	}
	return id
}

// CreateAttribution stores a new attribution, stamping what is unset.
func (db *DB) CreateAttribution(ctx context.Context, a *annotate.Attribution) error {
	return db.create(ctx, &a.Meta, func(t *annotate.Text) (row, error) {
		return attributionRow(a), a.Validate(t)
	})
}

// UpdateAttribution saves the edited attribution.
func (db *DB) UpdateAttribution(ctx context.Context, a *annotate.Attribution) error {
	return db.update(ctx, &a.Meta, func(t *annotate.Text) (row, error) {
		return attributionRow(a), a.Validate(t)
	})
}

// CreateClaim stores a new claim, stamping what is unset.
func (db *DB) CreateClaim(ctx context.Context, c *annotate.Claim) error {
	if c.Status == "" {
		c.Status = annotate.StatusCandidate
	}
	return db.create(ctx, &c.Meta, func(t *annotate.Text) (row, error) {
		if err := db.checkApprovedStatus(ctx, c); err != nil {
			return row{}, err
		}
		return db.claimRow(ctx, c, t)
	})
}

// UpdateClaim saves the edited claim. Its approvals and corrections stay
// those stored, whatever c carries (the desk's copy may be older than an
// approval); a move to approved, published or corrected needs the approvals
// the settings require.
func (db *DB) UpdateClaim(ctx context.Context, c *annotate.Claim) error {
	reviewMu.Lock()
	defer reviewMu.Unlock()
	return db.update(ctx, &c.Meta, func(t *annotate.Text) (row, error) {
		if err := db.keepReview(ctx, c); err != nil {
			return row{}, err
		}
		return db.claimRow(ctx, c, t)
	})
}

// claimRow validates the claim and checks that the attribution it comes from
// is an attribution of the same article: the foreign key only makes sure that
// some annotation has the ID.
func (db *DB) claimRow(ctx context.Context, c *annotate.Claim, t *annotate.Text) (row, error) {
	if err := c.Validate(t); err != nil {
		return row{}, err
	}
	if c.AttributionID != "" {
		var one int
		err := db.db.QueryRowContext(ctx, `SELECT 1 FROM annotations
			WHERE id = ? AND kind = 'attribution' AND article_id = ?`, c.AttributionID, c.ArticleID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return row{}, annotate.Errorf(annotate.EINVALID, "attribution: no attribution %s in this article", c.AttributionID)
		} else if err != nil {
			return row{}, dbError("save annotation", err)
		}
	}
	return claimRow(c), nil
}

// CreateNote stores a new note, stamping what is unset. Its sources are
// saved as evidence records: one without an ID gets one (written into
// n.Sources), one with an ID updates that record everywhere it is used. A
// note on a claim withdraws the claim's approvals (the approved verdict
// changed).
func (db *DB) CreateNote(ctx context.Context, n *annotate.Note) error {
	reviewMu.Lock()
	defer reviewMu.Unlock()
	return db.create(ctx, &n.Meta, func(t *annotate.Text) (row, error) {
		return db.noteRow(ctx, n, t, noteEdit{})
	})
}

// UpdateNote saves the edited note and its sources as CreateNote does. A
// change to the verdict, rationale or evidence withdraws the approvals it
// invalidates; on a published claim it is refused (ECONFLICT): make it a
// correction (CorrectNote).
func (db *DB) UpdateNote(ctx context.Context, n *annotate.Note) error {
	reviewMu.Lock()
	defer reviewMu.Unlock()
	return db.update(ctx, &n.Meta, func(t *annotate.Text) (row, error) {
		return db.noteRow(ctx, n, t, noteEdit{update: true})
	})
}

func (db *DB) noteRow(ctx context.Context, n *annotate.Note, t *annotate.Text, edit noteEdit) (row, error) {
	s, err := db.writerSettings(ctx)
	if err != nil {
		return row{}, err
	}
	if err := n.Validate(t, &s.Scale); err != nil {
		return row{}, err
	}
	start := 0
	if n.Target != nil {
		start = n.Target.Start
	} else if err := db.db.QueryRowContext(ctx, `SELECT start FROM annotations
		WHERE id = ? AND kind = 'claim' AND article_id = ?`, n.ClaimID, n.ArticleID).Scan(&start); errors.Is(err, sql.ErrNoRows) {
		return row{}, annotate.Errorf(annotate.EINVALID, "claim: no claim %s in this article", n.ClaimID)
	} else if err != nil {
		return row{}, dbError("save annotation", err)
	}
	if err := assignSourceIDs(n.Sources); err != nil {
		return row{}, err
	}
	r := noteRow(n, start)
	hook, err := db.noteHook(ctx, n, s, edit)
	r.after = append(r.after, hook)
	return r, err
}

// create stamps meta, validates through build and inserts the row: one
// autocommit statement, durable when it returns.
func (db *DB) create(ctx context.Context, m *annotate.Meta, build func(*annotate.Text) (row, error)) error {
	if err := db.writable("save annotation"); err != nil {
		return err
	}
	annotator, err := db.annotator(ctx)
	if err != nil {
		return err
	}
	m.Stamp(annotator, db.now())
	// The entry names whom the row was stamped for: one read of the
	// settings for both (a query less in the save's transaction).
	return db.write(ctx, "save annotation", m, build, true, db.actor(ctx, annotate.Settings{Annotator: annotator}))
}

// annotator is the settings' annotator, read on the writer connection (see
// writerSettings), or "" when none is set.
func (db *DB) annotator(ctx context.Context) (string, error) {
	var name string
	err := db.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'annotator'").Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, dbError("read settings", err)
}

// update sets meta's Modified time, validates and saves the row.
func (db *DB) update(ctx context.Context, m *annotate.Meta, build func(*annotate.Text) (row, error)) error {
	m.Modified = db.now()
	if m.Modified.Before(m.Created) {
		m.Modified = m.Created
	}
	return db.write(ctx, "save annotation", m, build, false, "")
}

// write validates the row build makes and inserts it (create) or updates
// the stored one, in one transaction with its further writes (row.after) and
// its audit entries: for a create the whole record, for an update each field
// that changed, old (read in the transaction) → new. The entries name who,
// or, when who is "", whom db.who finds in the transaction.
func (db *DB) write(ctx context.Context, op string, m *annotate.Meta, build func(*annotate.Text) (row, error), create bool, who string) error {
	if err := db.writable(op); err != nil {
		return err
	}
	t, err := db.text(ctx, m.ArticleID)
	if err != nil {
		return dbError(op, err)
	}
	r, err := build(t)
	if err != nil {
		return err
	}
	marshalled, err := json.Marshal(r.body)
	if err != nil {
		return dbError(op, err)
	}
	body := string(marshalled)
	ch := change{action: "update", kind: r.kind, entity: m.ID, article: m.ArticleID, new: rowView(&r, body)}
	if create {
		ch.action = "create"
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		if err := saveRow(ctx, tx, &r, body, &ch); err != nil {
			return dbError(op, err)
		}
		for _, after := range r.after {
			if err := after(ctx, tx); err != nil {
				return err
			}
		}
		if who != "" {
			return db.appendAudit(ctx, tx, who, ch)
		}
		return db.audit(ctx, tx, ch)
	})
	return asAnnotateError(op, err)
}

// saveRow inserts r (ch's action is create) or updates the stored row to
// it, through tx, with its body as marshalled; for an update, ch.old becomes
// the record as it was.
func saveRow(ctx context.Context, tx *sql.Tx, r *row, body string, ch *change) error {
	if ch.action == "create" {
		_, err := tx.ExecContext(ctx, insertSQL, r.insertValues(body)...)
		return err
	}
	old, err := readStoredRow(ctx, tx, r.meta.ID, r.meta.ArticleID, r.kind)
	if err != nil {
		return err
	}
	ch.old = old.view
	query, args := r.updateOver(old, body)
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return mustAffect(res, "no %s %s in this article", r.kind, r.meta.ID)
}

// audit appends the changes' entries through tx, naming who makes them.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, changes ...change) error {
	who, err := db.who(ctx, tx)
	if err == nil {
		err = db.appendAudit(ctx, tx, who, changes...)
	}
	return err
}

// asAnnotateError passes an *annotate.Error through and wraps anything else
// (a failed BEGIN or COMMIT) as the store's error for op.
func asAnnotateError(op string, err error) error {
	var ae *annotate.Error
	if err == nil || errors.As(err, &ae) {
		return err
	}
	return dbError(op, err)
}

// DeleteAnnotation deletes the annotation. Notes on a deleted claim go with
// it, and comments with what they are on; claims that came from a deleted
// attribution keep their text but lose the link. Deleting a note on a claim
// withdraws the claim's approvals (what they approved changed). The log has
// a delete entry (the whole record) for each annotation gone and an update
// of "attribution" for each claim unlinked.
func (db *DB) DeleteAnnotation(ctx context.Context, id string) error {
	if err := db.writable("delete annotation"); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		changes, err := deletionChanges(ctx, tx, id)
		if err != nil {
			return err
		}
		after, err := db.deleteHook(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM annotations WHERE id = ?", id); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, changes...); err != nil {
			return err
		}
		return after()
	})
	return asAnnotateError("delete annotation", err)
}

// deletionChanges are what deleting the annotation changes: it and, for a
// claim, its notes are deleted; for an attribution, the claims from it
// lose their link.
func deletionChanges(ctx context.Context, tx *sql.Tx, id string) ([]change, error) {
	gone, err := storedAnnotations(ctx, tx, "WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(gone) == 0 {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no annotation %s", id)
	}
	switch gone[0].kind {
	case "claim":
		notes, err := storedAnnotations(ctx, tx, "WHERE claim_id = ?", id)
		if err != nil {
			return nil, err
		}
		gone = append(gone, notes...)
	case "attribution":
		claims, err := storedAnnotations(ctx, tx, "WHERE attribution_id = ?", id)
		if err != nil {
			return nil, err
		}
		var changes []change
		for _, c := range claims {
			unlinked := map[string]json.RawMessage{}
			if err := json.Unmarshal(c.view, &unlinked); err != nil {
				return nil, err
			}
			delete(unlinked, "attribution")
			changes = append(changes, change{action: "update", kind: c.kind, entity: c.id, article: c.article,
				old: c.view, new: unlinked})
		}
		return append([]change{deletion(gone[0])}, changes...), nil
	}
	var changes []change
	for _, g := range gone {
		changes = append(changes, deletion(g))
	}
	return changes, nil
}

func deletion(s storedAnnotation) change {
	return change{action: "delete", kind: s.kind, entity: s.id, article: s.article, old: s.view}
}

// FindAnnotations returns the article's annotations in text order.
func (db *DB) FindAnnotations(ctx context.Context, articleID string) (*annotate.Annotations, error) {
	all, err := findAnnotations(ctx, db.rd, articleID)
	return all, dbError("load annotations", err)
}

func findAnnotations(ctx context.Context, q queryer, articleID string) (*annotate.Annotations, error) {
	byArticle, err := queryAnnotations(ctx, q, "WHERE a.article_id = ?", articleID)
	if err != nil {
		return nil, err
	}
	if all := byArticle[articleID]; all != nil {
		return all, nil
	}
	return &annotate.Annotations{}, nil
}

// appendDoubling is append that doubles a full list's capacity at every
// size. append grows a list of more than 256 by a quarter at a time: an
// article of 100k annotations was read into lists copied some twenty times
// over (four times their size in all), against about once when doubling.
func appendDoubling[T any](list []T, x T) []T {
	if len(list) == cap(list) {
		list = slices.Grow(list, max(len(list), 8))
	}
	return append(list, x)
}

// queryAnnotations reads the annotations the where clause selects (on the
// table as a), with the notes' sources from their records, by
// article, each kind in text order. The order is made here, not by ORDER BY:
// the stored start of a note on a claim is where the claim was when the note
// was saved, and sorting in SQL made loading 100k annotations half as slow
// again (a temporary B-tree of every row).
//
// Reading rows (cgo) and decoding them are about as costly as each other, so
// they run side by side: this goroutine scans rows into batches, another
// decodes them.
func queryAnnotations(ctx context.Context, q queryer, where string, args ...any) (map[string]*annotate.Annotations, error) {
	return queryAnnotationsInto(ctx, q, map[string]*annotate.Annotations{}, where == "", where, args...)
}

// queryAnnotationsInto is queryAnnotations adding to byArticle's lists,
// which a caller that knows how many rows of each kind are coming makes
// with room for them; with allLinks, the notes' sources are found among
// every link of the project (loadSources), as they are when where selects
// every annotation.
func queryAnnotationsInto(ctx context.Context, q queryer, byArticle map[string]*annotate.Annotations,
	allLinks bool, where string, args ...any) (map[string]*annotate.Annotations, error) {
	if err := readAnnotationsInto(ctx, q, byArticle, nil, where, args...); err != nil {
		return nil, err
	}
	return byArticle, sortWithSources(byArticle, func(sources map[string][]annotate.Evidence) error {
		return loadSources(ctx, q, sources, allLinks)
	})
}

// readAnnotationsInto appends the annotations the where clause selects to
// byArticle's lists, in the order read, without their notes' sources. Each
// (when not nil) is called after each row is added, on the goroutine that
// adds them, with its article's lists and its kind.
func readAnnotationsInto(ctx context.Context, q queryer, byArticle map[string]*annotate.Annotations,
	each func(all *annotate.Annotations, kind string), where string, args ...any) error {
	rows, err := q.QueryContext(ctx, `SELECT `+annotationJoined+` FROM annotations a `+where, args...)
	if err != nil {
		return err
	}
	defer rows.Close()

	const batchSize = 512
	batches := make(chan []rawAnnotation, 16) // room for the rows read while each takes its time (a sort)
	// Decoded batches come back to be filled again: 100k annotations
	// made 17 MB of batches, a twelfth of what an export allocated.
	free := make(chan []rawAnnotation, cap(batches)+2)
	var failed atomic.Bool
	decoded := make(chan error, 1)
	go func() {
		var err error
		for batch := range batches {
			for i := 0; i < len(batch) && err == nil; i++ {
				err = batch[i].decode(byArticle)
				if each != nil && err == nil {
					each(byArticle[batch[i].articleID], batch[i].kind)
				}
			}
			if err != nil {
				failed.Store(true) // and drain
			}
			select {
			case free <- batch[:0]:
			default:
			}
		}
		decoded <- err
	}()
	batch := make([]rawAnnotation, 0, 16) // grown as needed: most articles have far fewer than a batch
	for !failed.Load() && rows.Next() {
		batch = append(batch, rawAnnotation{})
		if err = scanJoined(ctx, q, rows, &batch[len(batch)-1]); err != nil {
			break
		}
		if len(batch) == batchSize {
			batches <- batch
			select {
			case batch = <-free:
			default:
				batch = make([]rawAnnotation, 0, batchSize)
			}
		}
	}
	if err == nil {
		batches <- batch
	}
	close(batches)
	if derr := <-decoded; err == nil {
		err = derr
	}
	if err == nil {
		err = rows.Err()
	}
	return err
}

// sortWithSources puts each kind of byArticle's annotations in text order
// and has fill fill the notes' sources (a list for each note's ID, as
// loadSources fills them), the sorting on a goroutine of its own while
// this one fills: each took about a fifth of the time of reading 100k
// annotations, one after the other.
func sortWithSources(byArticle map[string]*annotate.Annotations, fill func(map[string][]annotate.Evidence) error) error {
	notes := 0
	for _, all := range byArticle {
		notes += len(all.Notes)
	}
	sortAll := func() {
		for _, all := range byArticle {
			annotate.SortAttributions(all.Attributions)
			annotate.SortClaims(all.Claims)
			annotate.SortNotes(all.Notes, all.Claims)
		}
	}
	if notes == 0 {
		sortAll()
		return nil
	}
	sources := noteSources(byArticle, notes) // before the notes move
	sorted := make(chan struct{})
	go func() {
		defer close(sorted)
		sortAll()
	}()
	err := fill(sources)
	<-sorted
	if err != nil {
		return err
	}
	for _, all := range byArticle {
		for i := range all.Notes {
			all.Notes[i].Sources = sources[all.Notes[i].ID]
		}
	}
	return nil
}

// rawAnnotation is a row of the annotations table as it was scanned.
type rawAnnotation struct {
	id, articleID, kind, author, origin, created, modified string
	speaker, attribution, claim, body                      string
}

// decode appends the annotation to the list of its kind in the annotations
// of its article.
func (r *rawAnnotation) decode(byArticle map[string]*annotate.Annotations) error {
	all := byArticle[r.articleID]
	if all == nil {
		all = &annotate.Annotations{}
		byArticle[r.articleID] = all
	}
	m := annotate.Meta{ID: r.id, ArticleID: r.articleID, Author: r.author, Origin: annotate.Origin(r.origin)}
	var err error
	if m.Created, err = parseTime(r.created); err != nil {
		return err
	}
	if m.Modified, err = parseTime(r.modified); err != nil {
		return err
	}
	switch r.kind {
	case "attribution":
		var b attributionBody
		err = decodeBody(r.body, &b)
		m.Placement, m.Orphan = b.Placement, b.Orphan
		all.Attributions = appendDoubling(all.Attributions, annotate.Attribution{Meta: m, Source: b.Source, Cue: b.Cue,
			Content: b.Content, SpeakerID: r.speaker, Kind: b.Kind})
	case "claim":
		var b claimBody
		err = decodeBody(r.body, &b)
		m.Placement, m.Orphan = b.Placement, b.Orphan
		all.Claims = appendDoubling(all.Claims, annotate.Claim{Meta: m, Anchors: b.Anchors, SpeakerID: r.speaker,
			AttributionID: r.attribution, Worthiness: b.Worthiness, WorthinessOrigin: b.WorthinessOrigin,
			Status: b.Status, Tags: b.Tags, ReviewURL: b.ReviewURL, CheckedBefore: b.CheckedBefore,
			Approvals: b.Approvals, Corrections: b.Corrections})
	case "note":
		var b noteBody
		err = decodeBody(r.body, &b)
		m.Placement, m.Orphan = b.Placement, b.Orphan
		all.Notes = appendDoubling(all.Notes, annotate.Note{Meta: m, ClaimID: r.claim, Target: b.Target,
			Verdict: b.Verdict, Rationale: b.Rationale})
	default:
		err = fmt.Errorf("annotation %s has unknown kind %q", m.ID, r.kind)
	}
	if err != nil {
		return fmt.Errorf("annotation %s: %w", m.ID, err)
	}
	return nil
}
