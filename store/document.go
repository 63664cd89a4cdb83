package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mattn/go-sqlite3"

	"github.com/factmark/factmark/annotate"
)

var _ annotate.DocumentService = (*DB)(nil)

// Export returns the native document of the given articles, or of every
// article when ids is empty. With ids, only the speakers they refer to are
// included; without, the whole registry. The document carries the change
// log of its articles and the project-wide entries (speakers, settings).
func (db *DB) Export(ctx context.Context, ids ...string) (*annotate.Document, error) {
	doc := &annotate.Document{Format: annotate.NativeFormat}
	whole := len(ids) == 0
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var s annotate.Settings
		err := scanSettings(ctx, tx, &s)
		if err != nil {
			return err
		}
		doc.Scale = s.Scale
		// The whole project's annotations are read in one pass over the
		// table, in the order they are stored: twice as fast as through the
		// article index, which reads the rows in another order than theirs.
		var byArticle map[string]*annotate.Annotations
		if whole {
			if ids, err = articleIDs(ctx, tx); err != nil {
				return err
			}
			if byArticle, err = queryAnnotations(ctx, tx, ""); err != nil {
				return err
			}
		}
		for _, id := range ids {
			a, err := exportArticle(ctx, tx, id, byArticle)
			if err != nil {
				return err
			}
			doc.Articles = append(doc.Articles, *a)
		}
		if doc.Speakers, err = findSpeakers(ctx, tx); err != nil {
			return err
		}
		if !whole {
			doc.Audit, err = findAudit(ctx, tx, ids)
		} else {
			doc.Audit, err = findAudit(ctx, tx, nil)
		}
		return err
	})
	if err != nil {
		return nil, dbError("export", err)
	}
	if !whole {
		doc.Speakers = referencedSpeakers(doc)
	}
	doc.Speakers = nonNilSlice(doc.Speakers)
	doc.Articles = nonNilSlice(doc.Articles)
	doc.Sort()
	return doc, nil
}

func articleIDs(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM articles ORDER BY imported_at, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// exportArticle reads the article and its annotations, from byArticle when
// they were read already.
func exportArticle(ctx context.Context, tx queryer, id string, byArticle map[string]*annotate.Annotations) (*annotate.ArticleDoc, error) {
	a, err := findArticle(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	all := byArticle[id]
	if all == nil && byArticle == nil {
		if all, err = findAnnotations(ctx, tx, id); err != nil {
			return nil, err
		}
	} else if all == nil {
		all = &annotate.Annotations{}
	}
	revs, err := exportRevisions(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	comments, err := queryComments(ctx, tx, findCommentsSQL, id)
	if err != nil {
		return nil, err
	}
	return &annotate.ArticleDoc{Article: *a, Revisions: revs, Attributions: nonNilSlice(all.Attributions),
		Claims: nonNilSlice(all.Claims), Notes: nonNilSlice(all.Notes), Comments: comments}, nil
}

// nonNilSlice makes an empty list export as [] rather than null.
func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func referencedSpeakers(doc *annotate.Document) []annotate.Speaker {
	used := map[string]bool{}
	for _, a := range doc.Articles {
		for _, x := range a.Attributions {
			used[x.SpeakerID] = true
		}
		for _, x := range a.Claims {
			used[x.SpeakerID] = true
		}
		for _, x := range a.Turns {
			used[x.SpeakerID] = true
		}
	}
	list := []annotate.Speaker{}
	for _, s := range doc.Speakers {
		if used[s.ID] {
			list = append(list, s)
		}
	}
	return list
}

// Import stores a validated native document in one transaction: a failure
// stores nothing. Articles whose text is stored already are found, not
// duplicated; speakers are matched by ID or name; an annotation that exists
// is replaced only by a newer version, and a saved note's sources are
// upserted as evidence records by ID; comments are added, or replace older
// versions. A project without notes adopts the document's rating scale;
// otherwise every verdict must be on the project's. Snapshots come as
// descriptions only: their bytes are not in native documents. The log gets
// the document's entries it lacks (by ID), then this import's own: one
// per article it added to (importedArticle: what it added), and one per
// record it updated (old → new). New annotations and entries are written 64 rows
// a statement; an import that at least triples a project's annotations
// drops the UUID-keyed indexes and builds them again before it commits
// (see bulk).
//
// The document is validated (annotate.Document.Validate) while it is
// stored, on another goroutine (see validation): an invalid document
// stores nothing and gives Validate's error, as if it had been validated
// first.
func (db *DB) Import(ctx context.Context, doc *annotate.Document) (annotate.ImportResult, error) {
	valid := validateBeside(doc)
	res, err := db.importValid(ctx, doc, valid)
	if verr := valid.wait(); verr != nil {
		return annotate.ImportResult{}, verr
	}
	return res, err
}

// importValid is Import of a document being validated: it commits only
// once valid has passed.
func (db *DB) importValid(ctx context.Context, doc *annotate.Document, valid *validation) (annotate.ImportResult, error) {
	var res annotate.ImportResult
	if err := validateAuditEntries(doc.Audit); err != nil {
		return res, err
	}
	if err := db.writable("import"); err != nil {
		return res, err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		defer valid.recoverInvalid(&err)
		im := newImporter(ctx, tx, &res)
		im.valid = valid
		defer im.close()
		if err := im.run(doc); err != nil {
			return err
		}
		// The document's history first, then this import's entries.
		if err := importAuditEntries(ctx, tx, doc.Audit, im.articles, im.speakers); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, im.changes...); err != nil {
			return err
		}
		if err := im.finish(); err != nil {
			return err
		}
		return valid.wait()
	})
	return res, dbError("import", err)
}

type importer struct {
	ctx      context.Context
	tx       *sql.Tx
	res      *annotate.ImportResult
	articles map[string]string // document article ID → stored ID
	speakers map[string]string // document speaker ID → stored ID
	// scale is the project's rating scale when the project has notes
	// (every verdict imported must be on it), nil when the import adopts
	// the document's.
	scale   *annotate.Scale
	insert  *sql.Stmt                  // a new annotation
	rows    *batch                     // new annotations, written batchRows at a time
	pending []pendingRow               // the current article's new annotations, to be written
	newRows []row                      // their rows (pendingRow.index)
	update  *sql.Stmt                  // a stored annotation, with a newer version
	stored  map[string]string          // the current article's stored annotations: ID → kind
	views   map[string]json.RawMessage // and their views, for the log
	changes []change                   // what the import changed, for the log
	added   *importedArticle           // what it added to the current article, for the log
	// newEvidence is the evidence records it added, in order, for the log;
	// addedEvidence the same by ID.
	newEvidence   []string
	addedEvidence map[string]bool
	// evidenceRows and linkRows write new records and their links in bulk
	// (addSources), once needed.
	evidenceRows, linkRows *batch
	format                 string                       // the document's format, for the log
	source                 string                       // annotate.ImportSource, for the log
	linker                 *linker                      // the notes' sources, as evidence records
	evidence               map[string]annotate.Evidence // the document's records by ID, as first met
	// existing is about how many annotations the project had before the
	// import (set by begin); dropped the indexes dropped for a bulk load
	// (bulk).
	existing int64
	dropped  *droppedIndexes
	// ownRows is, when the project had no annotations and the bulk load
	// dropped the index of annotations by article, the articles this
	// import has written annotations to (findStored).
	ownRows map[string]bool
	body    []byte // the last row's body, encoded (save)
	// valid is the document's validation when it runs beside the import
	// (Import), to stop at once when it fails; nil otherwise.
	valid *validation
}

// stopped is the document's validation error once it has failed (valid).
func (im *importer) stopped() error {
	if im.valid == nil {
		return nil
	}
	return im.valid.stopped()
}

// minBulkRows is the fewest new annotations for which an import drops the
// bulkIndexes and builds them again at its end: below it, building them
// costs more than it saves. A variable for the tests.
var minBulkRows = 10_000

// bulkGrowth is how many times the project's annotations an import must
// add for it to drop the bulk indexes. Importing 100k annotations (CPU
// time, BenchmarkImport100k's document, loaded machine): into a project of
// 100k, dropping them cost 3.1-3.3 s, keeping them 2.7-2.8 s; into one of
// 25k, dropping them 2.5 s, keeping them 2.7 s.
const bulkGrowth = 2

// bulk drops the bulk indexes when the import is about to add at least
// bulkGrowth times as many annotations as the project has (and
// minBulkRows): building them again over the whole table then costs less
// than keeping them up to date row by row. It is called before the
// import's rows and, by a streamed import, which does not know how many
// will come, with the number written so far.
func (im *importer) bulk(rows int) error {
	if im.dropped != nil || rows < minBulkRows || int64(rows) < bulkGrowth*im.existing {
		return nil
	}
	names := bulkIndexes
	if im.existing == 0 {
		names = slices.Concat(names, emptyBulkIndexes)
		// A streamed import may have written rows already.
		im.ownRows = map[string]bool{}
		for _, id := range im.articles {
			im.ownRows[id] = true
		}
	}
	d, err := dropIndexes(im.ctx, im.tx, names)
	im.dropped = d
	return err
}

// finish builds the indexes a bulk load dropped.
func (im *importer) finish() error {
	if im.dropped == nil {
		return nil
	}
	return im.dropped.restore(im.ctx, im.tx)
}

func newImporter(ctx context.Context, tx *sql.Tx, res *annotate.ImportResult) *importer {
	im := &importer{ctx: ctx, tx: tx, res: res, articles: map[string]string{}, speakers: map[string]string{},
		linker: newLinker(tx), evidence: map[string]annotate.Evidence{}, addedEvidence: map[string]bool{},
		source: annotate.ImportSource(ctx)}
	im.linker.imported = true
	im.rows = newBatch(tx, "INSERT INTO annotations (id, article_id, kind, start, author, origin, created, modified, speaker_id, attribution_id, claim_id, body) VALUES ", 12)
	return im
}

func (im *importer) close() {
	im.linker.close()
	im.rows.close()
	for _, b := range []*batch{im.evidenceRows, im.linkRows} {
		if b != nil {
			b.close()
		}
	}
	for _, s := range []*sql.Stmt{im.insert, im.update} {
		if s != nil {
			s.Close()
		}
	}
}

func (im *importer) logged(kind, entity, article string, old, new any) {
	im.changes = append(im.changes, change{action: "import", kind: kind, entity: entity, article: article, old: old, new: new})
}

func (im *importer) run(doc *annotate.Document) (err error) {
	if err := im.begin(doc); err != nil {
		return err
	}
	if err := im.bulk(doc.Count()); err != nil {
		return err
	}
	for i := range doc.Articles {
		if err := im.checkScale(i, &doc.Articles[i]); err != nil {
			return err
		}
	}
	for i := range doc.Articles {
		if err := im.stopped(); err != nil {
			return err
		}
		if err := im.article(&doc.Articles[i]); err != nil {
			return fmt.Errorf("articles[%d]: %w", i, err)
		}
	}
	im.logEvidence()
	return nil
}

// begin prepares the import of a document whose head (format, scale,
// speakers) is doc's: the scale adopted or kept, the speakers stored, the
// statements prepared.
func (im *importer) begin(doc *annotate.Document) (err error) {
	im.format = doc.Format
	// max(rowid): the count, near enough, without reading the table.
	if err := im.tx.QueryRowContext(im.ctx, "SELECT coalesce(max(rowid), 0) FROM annotations").Scan(&im.existing); err != nil {
		return err
	}
	if err := im.adoptScale(doc); err != nil {
		return err
	}
	if err := im.importSpeakers(doc.Speakers); err != nil {
		return err
	}
	// New annotations are inserted, stored ones updated if the document's
	// are newer. Not one upsert (INSERT … ON CONFLICT DO UPDATE): it made
	// importing 100k new annotations 60% slower than plain INSERTs.
	if im.insert, err = im.tx.PrepareContext(im.ctx, insertSQL); err != nil {
		return err
	}
	im.update, err = im.tx.PrepareContext(im.ctx, `UPDATE annotations SET start = ?, author = ?,
		origin = ?, created = ?, modified = ?, speaker_id = ?, attribution_id = ?, claim_id = ?, body = ?
		WHERE id = ? AND modified < ?`)
	return err
}

// adoptScale adopts the document's scale in a project without notes;
// otherwise every verdict must be on the project's scale (checkScale).
func (im *importer) adoptScale(doc *annotate.Document) error {
	var notes int
	if err := im.tx.QueryRowContext(im.ctx, "SELECT count(*) FROM annotations WHERE kind = 'note'").Scan(&notes); err != nil {
		return err
	}
	var s annotate.Settings
	if err := scanSettings(im.ctx, im.tx, &s); err != nil {
		return err
	}
	if notes > 0 {
		im.scale = &s.Scale
		return nil
	}
	s.Scale = doc.Scale
	ch, err := saveSettingsAudited(im.ctx, im.tx, s, "import")
	im.changes = append(im.changes, ch)
	return err
}

// checkScale checks that the verdicts of the document's i-th article are on
// the project's scale, when the project kept its own.
func (im *importer) checkScale(i int, a *annotate.ArticleDoc) error {
	if im.scale == nil {
		return nil
	}
	for j, n := range a.Notes {
		if n.Verdict != "" && !im.scale.Has(n.Verdict) {
			return annotate.Errorf(annotate.EINVALID, "articles[%d].notes[%d].verdict: %q is not on this project's rating scale %q", i, j, n.Verdict, im.scale.Name)
		}
	}
	return nil
}

func (im *importer) importSpeakers(list []annotate.Speaker) error {
	stored, err := findSpeakers(im.ctx, im.tx)
	if err != nil {
		return err
	}
	reg := annotate.NewRegistry(stored)
	byID := map[string]*annotate.Speaker{}
	for i := range stored {
		byID[stored[i].ID] = &stored[i]
	}
	for i := range list {
		s := &list[i]
		if old := byID[s.ID]; old != nil {
			im.speakers[s.ID] = s.ID
			im.res.SpeakersFound++
			res, err := im.tx.ExecContext(im.ctx, `UPDATE speakers SET name = ?, aliases = ?, role = ?,
				created = ?, modified = ? WHERE id = ? AND modified < ?`,
				append(speakerArgs(s)[1:], s.ID, timeText(s.Modified))...)
			if n, err := affected(res, err); err != nil {
				return err
			} else if n > 0 {
				im.logged("speaker", s.ID, "", speakerRecord(*old), speakerRecord(*s))
			}
		} else if m, ok := reg.Match(s.Name); ok && annotate.NameKey(m.Name) == annotate.NameKey(s.Name) {
			im.speakers[s.ID] = m.ID
			im.res.SpeakersFound++
		} else if _, err := im.tx.ExecContext(im.ctx, insertSpeakerSQL, speakerArgs(s)...); err != nil {
			return fmt.Errorf("speaker %s: %w", s.Name, err)
		} else {
			im.speakers[s.ID] = s.ID
			im.res.SpeakersAdded++
			im.logged("speaker", s.ID, "", nil, *s)
		}
	}
	return nil
}

func (im *importer) article(a *annotate.ArticleDoc) error {
	art := a.Article
	art.Turns = im.storedTurns(art.Turns)
	existed, err := createArticle(im.ctx, im.tx, &art)
	if err != nil {
		return err
	}
	im.stored = map[string]string{}
	im.views = map[string]json.RawMessage{}
	im.articles[a.ID] = art.ID
	im.added = &importedArticle{Source: im.source, Format: im.format}
	// The article's entry goes before the entries of the records the
	// import changed on it.
	first := len(im.changes)
	if existed {
		im.res.ArticlesFound++
		if err := im.findStored(art.ID); err != nil {
			return err
		}
	} else {
		im.res.ArticlesAdded++
		rec := articleRecordOf(&art)
		im.added.Article = &rec
	}
	im.res.ArticleIDs = append(im.res.ArticleIDs, art.ID)
	if wrote, err := importRevisions(im.ctx, im.tx, art.ID, a.Revisions, existed); err != nil {
		return err
	} else if wrote {
		revs := make([]revisionRecord, len(a.Revisions))
		for i, r := range a.Revisions {
			revs[i] = revisionRecord{Number: r.Number, SHA256: r.SHA256, Created: r.Created}
			if i > 0 {
				revs[i].Previous = a.Revisions[i-1].SHA256
			}
		}
		im.logged("revision", art.ID, art.ID, nil, revs)
	}
	claimStart := map[string]int{}
	for i := range a.Claims {
		claimStart[a.Claims[i].ID] = a.Claims[i].Start()
	}
	for i := range a.Attributions {
		if err := im.save(attributionRow(&a.Attributions[i]), art.ID); err != nil {
			return err
		}
	}
	for i := range a.Claims {
		if err := im.save(claimRow(&a.Claims[i]), art.ID); err != nil {
			return err
		}
	}
	var linked []noteLink
	for i := range a.Notes {
		n := &a.Notes[i]
		start := claimStart[n.ClaimID]
		if n.Target != nil {
			start = n.Target.Start
		}
		link, err := im.saveNote(n, start, art.ID)
		if err != nil {
			return fmt.Errorf("notes[%d]: %w", i, err)
		}
		if link.note != nil {
			link.index = i
			linked = append(linked, link)
		}
	}
	// The notes' rows are written before their sources are linked to them.
	if err := im.flushRows(); err != nil {
		return err
	}
	if err := im.linkSources(linked); err != nil {
		return err
	}
	if err := im.comments(a.Comments, art.ID); err != nil {
		return err
	}
	if !im.added.empty() {
		im.changes = slices.Insert(im.changes, first,
			change{action: "import", kind: "article", entity: art.ID, article: art.ID, new: im.added})
	}
	return nil
}

// importedArticle is what one import added to one article, as the log
// records it: one entry (action "import", kind "article", entity and
// article the stored article's ID) whose new value names the document's
// source (annotate.ImportSource) and format, the article's details when
// the import added the article, and the IDs of the records it added to it.
// The records themselves are in the project, and in the document; a record
// an import changes has an entry of its own (old → new), as every later
// change has. FindHistory lists the entry in the history of each record it
// names.
type importedArticle struct {
	Source       string         `json:"source,omitempty"`
	Format       string         `json:"format,omitempty"`
	Article      *articleRecord `json:"article,omitempty"`
	Attributions []string       `json:"attributions,omitempty"`
	Claims       []string       `json:"claims,omitempty"`
	Notes        []string       `json:"notes,omitempty"`
	Comments     []string       `json:"comments,omitempty"`
}

// add lists a new annotation of the kind.
func (a *importedArticle) add(kind, id string) {
	switch kind {
	case "attribution":
		a.Attributions = append(a.Attributions, id)
	case "claim":
		a.Claims = append(a.Claims, id)
	case "note":
		a.Notes = append(a.Notes, id)
	}
}

// empty reports whether the import added nothing to the article.
func (a *importedArticle) empty() bool {
	return a.Article == nil && len(a.Attributions)+len(a.Claims)+len(a.Notes)+len(a.Comments) == 0
}

// importedEvidence is the evidence records an import added, as the log
// records them: evidence is project-wide, so one entry for the import
// (action "import", kind "evidence", no entity or article) names them all,
// with the document's source and format.
type importedEvidence struct {
	Source   string   `json:"source,omitempty"`
	Format   string   `json:"format,omitempty"`
	Evidence []string `json:"evidence"`
}

// logEvidence adds the entry of the evidence records the import added, if
// any, to its changes: called once, after its last article.
func (im *importer) logEvidence() {
	if len(im.newEvidence) == 0 {
		return
	}
	im.changes = append(im.changes, change{action: "import", kind: "evidence",
		new: importedEvidence{Source: im.source, Format: im.format, Evidence: im.newEvidence}})
	im.newEvidence = nil
}

// linkSources links the saved notes to their sources. The notes that are
// new and whose records are new to the project (or were added by this
// import: the document gives a record the same everywhere, see saveNote)
// are linked in bulk: their new records, then their links, written
// batchRows a statement. The others go through the linker, which upserts
// each record.
func (im *importer) linkSources(linked []noteLink) error {
	have, err := im.storedEvidence(linked)
	if err != nil {
		return err
	}
	var slow []noteLink
	var fast []*annotate.Note
	for _, l := range linked {
		if !l.fresh || slices.ContainsFunc(l.note.Sources, func(e annotate.Evidence) bool { return have[e.ID] }) {
			slow = append(slow, l)
		} else {
			fast = append(fast, l.note)
		}
	}
	if err := im.addSources(fast); err != nil {
		return err
	}
	for _, l := range slow {
		changes, err := im.linker.link(im.ctx, l.note.ID, l.note.Sources, l.note.Modified, l.fresh)
		if err != nil {
			return fmt.Errorf("notes[%d]: %w", l.index, err)
		}
		for _, c := range changes {
			if c.kind == "evidence" && c.action == "import" && c.old == nil {
				im.newEvidence = append(im.newEvidence, c.entity)
				im.addedEvidence[c.entity] = true
			} else {
				im.changes = append(im.changes, c)
			}
		}
	}
	return nil
}

// storedEvidence is which of the notes' records the project had before
// the import, in one query.
func (im *importer) storedEvidence(linked []noteLink) (map[string]bool, error) {
	var ids []string
	for _, l := range linked {
		for _, e := range l.note.Sources {
			if !im.addedEvidence[e.ID] {
				ids = append(ids, e.ID)
			}
		}
	}
	have := map[string]bool{}
	if len(ids) == 0 {
		return have, nil
	}
	list, _ := json.Marshal(ids) // strings: cannot fail
	rows, err := im.tx.QueryContext(im.ctx, "SELECT id FROM evidence WHERE id IN (SELECT value FROM json_each(?))", string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		have[id] = true
	}
	return have, rows.Err()
}

// addSources writes the new records of the notes (new notes, whose records
// the project did not have before the import) and links them, in bulk:
// every record first, then every link, each batchRows a statement.
func (im *importer) addSources(notes []*annotate.Note) error {
	if len(notes) == 0 {
		return nil
	}
	if im.evidenceRows == nil {
		im.evidenceRows = newBatch(im.tx, "INSERT INTO evidence (url, title, publisher, type, accessed, excerpt, archives, withheld, snapshot, id, created, modified) VALUES ", 12)
		im.linkRows = newBatch(im.tx, "INSERT INTO note_evidence (note_id, evidence_id, seq) VALUES ", 3)
	}
	// Each table in the order of its key, as flushRows writes annotations.
	type record struct {
		e  *annotate.Evidence
		at time.Time
	}
	var records []record
	for _, n := range notes {
		for i := range n.Sources {
			if e := &n.Sources[i]; !im.addedEvidence[e.ID] {
				im.addedEvidence[e.ID] = true
				im.newEvidence = append(im.newEvidence, e.ID)
				records = append(records, record{e, n.Modified})
			}
		}
	}
	slices.SortFunc(records, func(a, b record) int { return strings.Compare(a.e.ID, b.e.ID) })
	for _, r := range records {
		at := timeText(r.at)
		if err := im.evidenceRows.add(im.ctx, append(evidenceArgs(r.e), r.e.ID, at, at)...); err != nil {
			return fmt.Errorf("evidence %s: %w", r.e.ID, err)
		}
	}
	if err := im.evidenceRows.flush(im.ctx); err != nil {
		return fmt.Errorf("evidence records: %w", err)
	}
	slices.SortFunc(notes, func(a, b *annotate.Note) int { return strings.Compare(a.ID, b.ID) })
	for _, n := range notes {
		for i := range n.Sources {
			if err := im.linkRows.add(im.ctx, n.ID, n.Sources[i].ID, i); err != nil {
				return fmt.Errorf("note %s: sources: %w", n.ID, err)
			}
		}
	}
	if err := im.linkRows.flush(im.ctx); err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	return nil
}

// noteLink is a saved note whose sources are to be linked to it once its
// row is written: fresh says it was new (it has no links yet).
type noteLink struct {
	note  *annotate.Note
	fresh bool
	index int
}

// saveNote saves the note as save does and, when it was saved, returns it
// for its sources to be linked as records (upserted by ID; one without an
// ID gets one). A record the document gives twice must be the same both
// times.
func (im *importer) saveNote(n *annotate.Note, start int, articleID string) (noteLink, error) {
	if err := assignSourceIDs(n.Sources); err != nil {
		return noteLink{}, err
	}
	for i, e := range n.Sources {
		e = normalEvidence(e)
		if first, ok := im.evidence[e.ID]; ok && !reflect.DeepEqual(first, e) {
			return noteLink{}, annotate.Errorf(annotate.EINVALID, "sources[%d]: evidence record %s is given twice with different content; a record is the same wherever it is used", i, e.ID)
		}
		im.evidence[e.ID] = e
	}
	_, stored := im.stored[n.ID]
	saved := im.res.Saved
	if err := im.save(noteRow(n, start), articleID); err != nil || im.res.Saved == saved {
		return noteLink{}, err
	}
	return noteLink{note: n, fresh: !stored}, nil
}

// comments saves the article's comments: new ones added, stored ones
// updated when the document's are newer.
func (im *importer) comments(list []annotate.Comment, articleID string) error {
	for i := range list {
		c := list[i]
		c.ArticleID = articleID
		if _, err := uuid.Parse(c.ID); err != nil || len(c.ID) != 36 {
			return annotate.Errorf(annotate.EINVALID, "comments[%d].id: %q is not a UUID", i, c.ID)
		}
		if err := checkCommentText(&c); err != nil {
			return fmt.Errorf("comments[%d]: %w", i, err)
		}
		if err := checkThread(im.ctx, im.tx, &c); err != nil {
			return fmt.Errorf("comments[%d]: %w", i, err)
		}
		stored, err := getComment(im.ctx, im.tx, c.ID)
		if annotate.ErrorCode(err) == annotate.ENOTFOUND {
			stored, err = nil, nil
		} else if err != nil {
			return fmt.Errorf("comments[%d]: %w", i, err)
		}
		n, err := affected(im.tx.ExecContext(im.ctx, insertCommentSQL+` ON CONFLICT (id) DO UPDATE SET body = excluded.body,
			resolved = excluded.resolved, modified = excluded.modified
			WHERE comments.modified < excluded.modified AND comments.annotation_id = excluded.annotation_id`,
			commentArgs(&c)...))
		switch {
		case err != nil:
			return fmt.Errorf("comments[%d]: %w", i, err)
		case n > 0 && stored == nil:
			im.added.Comments = append(im.added.Comments, c.ID)
		case n > 0:
			// Its body and resolved state, without the modified time (as
			// UpdateComment logs them).
			before, after := *stored, c
			before.Modified, after.Modified = time.Time{}, time.Time{}
			im.logged("comment", c.ID, articleID, before, after)
		}
	}
	return nil
}

// storedTurns are the document's turns with their speakers' stored IDs.
func (im *importer) storedTurns(turns []annotate.Turn) []annotate.Turn {
	if len(turns) == 0 {
		return turns
	}
	out := slices.Clone(turns)
	for i := range out {
		if id := out[i].SpeakerID; id != "" {
			out[i].SpeakerID = im.speakers[id]
		}
	}
	return out
}

// findStored loads the IDs, kinds and views of the article's stored
// annotations. Without the index of annotations by article (a bulk load
// into a project that had none), the only ones are this import's.
func (im *importer) findStored(articleID string) error {
	if im.ownRows != nil && !im.ownRows[articleID] {
		return nil
	}
	list, err := storedAnnotations(im.ctx, im.tx, "WHERE article_id = ?", articleID)
	for _, s := range list {
		im.stored[s.id] = s.kind
		im.views[s.id] = s.view
	}
	return err
}

// save inserts the annotation, or updates the stored one with its ID if the
// document's is newer. An ID the project uses for another kind of annotation,
// or on another article, is a conflict: it cannot be this annotation, and
// would otherwise be dropped in silence.
func (im *importer) save(r row, articleID string) error {
	r.meta.ArticleID = articleID
	if r.speaker != "" {
		r.speaker = im.speakers[r.speaker]
	}
	kind, stored := im.stored[r.meta.ID]
	if !stored {
		// Encoded by flushRows.
		im.pending = append(im.pending, pendingRow{kind: kindOrder(r.kind), id: r.meta.ID, index: len(im.newRows)})
		im.newRows = append(im.newRows, r)
		if im.ownRows != nil {
			im.ownRows[articleID] = true
		}
		im.res.Saved++
		im.added.add(r.kind, r.meta.ID)
		return nil
	}
	if kind != r.kind {
		return annotate.Errorf(annotate.ECONFLICT, "%s %s: the project has an annotation with this ID on another article or of another kind; nothing was imported", r.kind, r.meta.ID)
	}
	args, body, err := r.encodedInsertArgs(im.body)
	im.body = body
	if err != nil {
		return err
	}
	// start, author, origin, created, modified, speaker, attribution, claim,
	// body; then the ID, and the modified time it must be older than.
	res, err := im.update.ExecContext(im.ctx, append(args[3:12:12], args[0], args[7])...)
	if err != nil {
		return fmt.Errorf("%s %s: %w", r.kind, r.meta.ID, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		im.res.Saved++
		im.logged(r.kind, r.meta.ID, articleID, im.views[r.meta.ID], rowView(&r, args[11].(string)))
	} else {
		im.res.Unchanged++ // the stored version is as new or newer
	}
	return nil
}

// flushRows writes the article's new annotations, kind by kind (as they
// were queued: attributions, claims, notes) and each kind in the order of
// their IDs: the index of IDs (the table's primary key) then takes each
// kind in one sweep, where in the document's order each row would go to a
// random place in it (the IDs are random UUIDs). Kind by kind, no row is
// written before the attribution or claim it refers to: a row that was
// would make SQLite look for its children at every later insert
// (deferred foreign keys), through indexes a bulk load has dropped.
//
// The rows' insert arguments are encoded on another goroutine, up to
// encodeAhead batches ahead of the batch being written (encodeRows).
func (im *importer) flushRows() error {
	slices.SortFunc(im.pending, func(a, b pendingRow) int {
		return cmp.Or(a.kind-b.kind, strings.Compare(a.id, b.id))
	})
	batches, stop := encodeRows(im.pending, im.newRows)
	defer func() {
		stop()
		clear(im.pending)
		clear(im.newRows) // let the written values go
		im.pending, im.newRows = im.pending[:0], im.newRows[:0]
	}()
	for b := range batches {
		if b.err != nil {
			return b.err
		}
		if err := im.stopped(); err != nil {
			return err
		}
		for _, args := range b.args {
			if err := im.rows.add(im.ctx, args...); err != nil {
				return im.rowsError(err)
			}
		}
	}
	if err := im.rows.flush(im.ctx); err != nil {
		return im.rowsError(err)
	}
	return nil
}

// pendingRow is a new annotation, with what flushRows sorts them by: its
// row is the importer's newRows[index].
type pendingRow struct {
	kind  int // kindOrder
	id    string
	index int
}

// encodedRows is the insert arguments of up to batchRows rows, or why one
// of them could not be encoded.
type encodedRows struct {
	args [][]any
	err  error
}

// encodeRows encodes the insert arguments of the pending rows, in their
// order, on a goroutine of its own that keeps at most encodeAhead batches
// ahead of the one being written; stop ends it (if it has not ended) and
// waits for it, so that rows can be reused. Encoding took a tenth of a bulk
// load's time; beside the inserts it takes none of it.
func encodeRows(pending []pendingRow, rows []row) (<-chan encodedRows, func()) {
	out := make(chan encodedRows, encodeAhead)
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		var body []byte
		for start := 0; start < len(pending); start += batchRows {
			part := pending[start:min(start+batchRows, len(pending))]
			b := encodedRows{args: make([][]any, len(part))}
			for i, p := range part {
				var err error
				if b.args[i], body, err = rows[p.index].encodedInsertArgs(body); err != nil {
					b = encodedRows{err: err}
					break
				}
			}
			select {
			case out <- b:
			case <-quit:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	return out, func() {
		close(quit)
		<-done
	}
}

// encodeAhead is how many batches of rows encodeRows encodes ahead.
const encodeAhead = 4

// kindOrder is the order the kinds of annotation are written in.
func kindOrder(kind string) int {
	switch kind {
	case "attribution":
		return 0
	case "claim":
		return 1
	}
	return 2
}

// rowsError explains why a batch of new annotations failed: each of its
// rows is inserted on its own until one fails (the failed statement wrote
// nothing, the rows before it stay in the transaction, which fails anyway),
// and that one's error names it.
func (im *importer) rowsError(err error) error {
	failed := im.rows.failed
	for i := 0; i+12 <= len(failed); i += 12 {
		args := failed[i : i+12]
		if err := im.insertRow(args); err != nil {
			return err
		}
	}
	return err
}

// insertRow inserts one annotation; an ID in use (on another article, or
// by another kind) is a conflict.
func (im *importer) insertRow(args []any) error {
	_, err := im.insert.ExecContext(im.ctx, args...)
	var se sqlite3.Error
	if errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey || se.ExtendedCode == sqlite3.ErrConstraintUnique) {
		return annotate.Errorf(annotate.ECONFLICT, "%s %s: the project has an annotation with this ID on another article or of another kind; nothing was imported", args[2], args[0])
	} else if err != nil {
		return fmt.Errorf("%s %s: %w", args[2], args[0], err)
	}
	return nil
}
