package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

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
}

type claimBody struct {
	Anchors          []annotate.Anchor `json:"anchors"`
	Worthiness       *float64          `json:"worthiness,omitempty"`
	WorthinessOrigin annotate.Origin   `json:"worthiness_origin,omitempty"`
	Status           annotate.Status   `json:"status"`
	Tags             []string          `json:"tags,omitempty"`
}

type noteBody struct {
	Target    *annotate.Anchor    `json:"target,omitempty"`
	Verdict   string              `json:"verdict,omitempty"`
	Rationale string              `json:"rationale,omitempty"`
	Sources   []annotate.Evidence `json:"sources,omitempty"`
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
}

func attributionRow(a *annotate.Attribution) row {
	return row{meta: a.Meta, kind: "attribution", start: a.Start(), speaker: a.SpeakerID,
		body: attributionBody{a.Source, a.Cue, a.Content, a.Kind}}
}

func claimRow(c *annotate.Claim) row {
	return row{meta: c.Meta, kind: "claim", start: c.Start(), speaker: c.SpeakerID, attribution: c.AttributionID,
		body: claimBody{c.Anchors, c.Worthiness, c.WorthinessOrigin, c.Status, c.Tags}}
}

func noteRow(n *annotate.Note, start int) row {
	return row{meta: n.Meta, kind: "note", start: start, claim: n.ClaimID,
		body: noteBody{n.Target, n.Verdict, n.Rationale, n.Sources}}
}

const insertSQL = `INSERT INTO annotations (id, article_id, kind, start, author, origin, created,
	modified, speaker_id, attribution_id, claim_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const updateSQL = `UPDATE annotations SET start = ?, author = ?, origin = ?, modified = ?,
	speaker_id = ?, attribution_id = ?, claim_id = ?, body = ?
	WHERE id = ? AND article_id = ? AND kind = ?`

func (r *row) insertArgs() ([]any, error) {
	body, err := json.Marshal(r.body)
	m := &r.meta
	return []any{m.ID, m.ArticleID, r.kind, r.start, m.Author, string(m.Origin), timeText(m.Created),
		timeText(m.Modified), null(r.speaker), null(r.attribution), null(r.claim), string(body)}, err
}

func (r *row) updateArgs() ([]any, error) {
	body, err := json.Marshal(r.body)
	m := &r.meta
	return []any{r.start, m.Author, string(m.Origin), timeText(m.Modified), null(r.speaker),
		null(r.attribution), null(r.claim), string(body), m.ID, m.ArticleID, r.kind}, err
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
		c.Status = annotate.StatusNew
	}
	return db.create(ctx, &c.Meta, func(t *annotate.Text) (row, error) {
		return claimRow(c), c.Validate(t)
	})
}

// UpdateClaim saves the edited claim.
func (db *DB) UpdateClaim(ctx context.Context, c *annotate.Claim) error {
	return db.update(ctx, &c.Meta, func(t *annotate.Text) (row, error) {
		return claimRow(c), c.Validate(t)
	})
}

// CreateNote stores a new note, stamping what is unset.
func (db *DB) CreateNote(ctx context.Context, n *annotate.Note) error {
	return db.create(ctx, &n.Meta, func(t *annotate.Text) (row, error) {
		return db.noteRow(ctx, n, t)
	})
}

// UpdateNote saves the edited note.
func (db *DB) UpdateNote(ctx context.Context, n *annotate.Note) error {
	return db.update(ctx, &n.Meta, func(t *annotate.Text) (row, error) {
		return db.noteRow(ctx, n, t)
	})
}

func (db *DB) noteRow(ctx context.Context, n *annotate.Note, t *annotate.Text) (row, error) {
	s, err := db.Settings(ctx)
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
		WHERE id = ? AND kind = 'claim' AND article_id = ?`, n.ClaimID, n.ArticleID).Scan(&start); err != nil {
		return row{}, annotate.Errorf(annotate.EINVALID, "claim: no claim %s in this article", n.ClaimID)
	}
	return noteRow(n, start), nil
}

// create stamps meta, validates through build and inserts the row: one
// autocommit statement, durable when it returns.
func (db *DB) create(ctx context.Context, m *annotate.Meta, build func(*annotate.Text) (row, error)) error {
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	m.Stamp(s.Annotator, db.now())
	return db.write(ctx, "save annotation", m, build, insertSQL, (*row).insertArgs)
}

// update sets meta's Modified time, validates and saves the row.
func (db *DB) update(ctx context.Context, m *annotate.Meta, build func(*annotate.Text) (row, error)) error {
	m.Modified = db.now()
	if m.Modified.Before(m.Created) {
		m.Modified = m.Created
	}
	return db.write(ctx, "save annotation", m, build, updateSQL, (*row).updateArgs)
}

func (db *DB) write(ctx context.Context, op string, m *annotate.Meta, build func(*annotate.Text) (row, error),
	query string, args func(*row) ([]any, error)) error {
	t, err := db.text(ctx, m.ArticleID)
	if err != nil {
		return dbError(op, err)
	}
	r, err := build(t)
	if err != nil {
		return err
	}
	a, err := args(&r)
	if err != nil {
		return dbError(op, err)
	}
	res, err := db.db.ExecContext(ctx, query, a...)
	if err != nil {
		return dbError(op, err)
	}
	return mustAffect(res, "no %s %s in this article", r.kind, m.ID)
}

// DeleteAnnotation deletes the annotation. Notes on a deleted claim go with
// it; claims that came from a deleted attribution keep their text but lose
// the link.
func (db *DB) DeleteAnnotation(ctx context.Context, id string) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM annotations WHERE id = ?", id)
	if err != nil {
		return dbError("delete annotation", err)
	}
	return mustAffect(res, "no annotation %s", id)
}

// FindAnnotations returns the article's annotations in text order.
func (db *DB) FindAnnotations(ctx context.Context, articleID string) (*annotate.Annotations, error) {
	all, err := findAnnotations(ctx, db.db, articleID)
	return all, dbError("load annotations", err)
}

func findAnnotations(ctx context.Context, q queryer, articleID string) (*annotate.Annotations, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, article_id, kind, author, origin, created, modified,
		coalesce(speaker_id, ''), coalesce(attribution_id, ''), coalesce(claim_id, ''), body
		FROM annotations WHERE article_id = ? ORDER BY start, id`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all annotate.Annotations
	for rows.Next() {
		if err := scanAnnotation(rows, &all); err != nil {
			return nil, err
		}
	}
	return &all, rows.Err()
}

// scanAnnotation reads one row and appends it to the list of its kind.
func scanAnnotation(rows *sql.Rows, all *annotate.Annotations) error {
	var m annotate.Meta
	var kind, origin, created, modified, speaker, attribution, claim string
	var body []byte
	if err := rows.Scan(&m.ID, &m.ArticleID, &kind, &m.Author, &origin, &created, &modified,
		&speaker, &attribution, &claim, &body); err != nil {
		return err
	}
	m.Origin = annotate.Origin(origin)
	var err error
	if m.Created, err = parseTime(created); err != nil {
		return err
	}
	if m.Modified, err = parseTime(modified); err != nil {
		return err
	}
	switch kind {
	case "attribution":
		var b attributionBody
		err = json.Unmarshal(body, &b)
		all.Attributions = append(all.Attributions, annotate.Attribution{Meta: m, Source: b.Source, Cue: b.Cue,
			Content: b.Content, SpeakerID: speaker, Kind: b.Kind})
	case "claim":
		var b claimBody
		err = json.Unmarshal(body, &b)
		all.Claims = append(all.Claims, annotate.Claim{Meta: m, Anchors: b.Anchors, SpeakerID: speaker,
			AttributionID: attribution, Worthiness: b.Worthiness, WorthinessOrigin: b.WorthinessOrigin,
			Status: b.Status, Tags: b.Tags})
	case "note":
		var b noteBody
		err = json.Unmarshal(body, &b)
		all.Notes = append(all.Notes, annotate.Note{Meta: m, ClaimID: claim, Target: b.Target,
			Verdict: b.Verdict, Rationale: b.Rationale, Sources: b.Sources})
	default:
		err = fmt.Errorf("annotation %s has unknown kind %q", m.ID, kind)
	}
	return err
}
