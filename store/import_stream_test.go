package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// historyDocument is a project's export with a change log: a claim made
// and edited, a note with a source, a comment, by "Source Desk".
func historyDocument(t *testing.T) []byte {
	t.Helper()
	src := newFixture(t)
	ctx := annotate.WithActor(context.Background(), "Source Desk")
	c := src.claim(t)
	must(t, src.db.CreateClaim(ctx, c))
	c.Status = annotate.StatusSelected
	must(t, src.db.UpdateClaim(ctx, c))
	n := &annotate.Note{Meta: annotate.Meta{ArticleID: c.ArticleID}, ClaimID: c.ID, Verdict: "False",
		Sources: []annotate.Evidence{{URL: "https://example.org/gauge", Title: "Gauge 7"}}}
	must(t, src.db.CreateNote(ctx, n))
	must(t, src.db.CreateComment(ctx, &annotate.Comment{AnnotationID: c.ID, Body: "Which gauge?"}))
	return exportJSON(t, src.db)
}

// articlesJSON is a document of several generated articles, n annotations
// each, as one project exports them.
func articlesJSON(t *testing.T, articles, n int) []byte {
	t.Helper()
	db := openTestDB(t)
	for i := range articles {
		doc := generateDocument(t, n, 4<<10, uint64(i+1))
		if _, err := db.Import(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
	return exportJSON(t, db)
}

// logLines is the log after seq as what each entry says, without its ID
// and time (which an import makes anew).
func logLines(t *testing.T, db *DB, seq int64) []string {
	t.Helper()
	var lines []string
	for _, e := range entriesSince(t, db, seq) {
		lines = append(lines, fmt.Sprintf("%s %s %s %s %s %q → %q", e.Who, e.Action, e.Kind, e.EntityID, e.Field, e.Old, e.New))
	}
	return lines
}

// TestImportStreamIsImport: a document imported through ImportStream, read
// piece by piece, makes the same project as Import of the whole document:
// the same content byte for byte, and the same log entries in the same
// order (the document's history, then the import's own), into an empty
// project and into one that has the article already.
func TestImportStreamIsImport(t *testing.T) {
	ctx := annotate.WithActor(context.Background(), "Target Desk")
	defer func(n int) { minBulkRows = n }(minBulkRows)
	minBulkRows = 100
	for name, data := range map[string][]byte{
		"history":        historyDocument(t),
		"three articles": articlesJSON(t, 3, 40),
		"bulk":           articlesJSON(t, 2, 60), // the bulk indexes dropped and built again
	} {
		t.Run(name, func(t *testing.T) {
			whole, streamed := openTestDB(t), openTestDB(t)
			for round := range 2 { // the second time, every article is found
				doc, err := interchange.ParseDocument(data)
				must(t, err)
				before := [2]int64{lastSeq(t, whole), lastSeq(t, streamed)}
				want, err := whole.Import(ctx, doc)
				must(t, err)
				r := interchange.NewNativeReader(bytes.NewReader(data))
				head, err := r.Head()
				must(t, err)
				got, err := streamed.ImportStream(ctx, head, r.Next, r.Audit)
				must(t, err)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("round %d: ImportStream = %+v, Import = %+v", round+1, got, want)
				}
				if a, b := contentJSON(t, streamed), contentJSON(t, whole); !bytes.Equal(a, b) {
					t.Errorf("round %d: the projects differ", round+1)
				}
				if a, b := logLines(t, streamed, before[1]), logLines(t, whole, before[0]); fmt.Sprint(a) != fmt.Sprint(b) {
					t.Errorf("round %d: the logs differ:\n%d entries streamed\n%d entries whole", round+1, len(a), len(b))
				}
			}
			assertBulkIndexes(t, streamed)
			assertBulkIndexes(t, whole)
		})
	}
}

// assertBulkIndexes fails unless every bulk index is in the schema.
func assertBulkIndexes(t *testing.T, db *DB) {
	t.Helper()
	for _, name := range slices.Concat(bulkIndexes, emptyBulkIndexes) {
		var n int
		must(t, db.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?", name).Scan(&n))
		if n != 1 {
			t.Errorf("index %s is missing after an import", name)
		}
	}
}

// TestImportStreamFailureStoresNothing: an error from the reader at any
// article or in the log, or an annotation ID two articles share, leaves
// the project as it was, bulk indexes and all.
func TestImportStreamFailureStoresNothing(t *testing.T) {
	data := articlesJSON(t, 3, 30)
	doc, err := interchange.ParseDocument(data)
	must(t, err)
	shared := doc.Articles[2].Claims[0].ID
	broken := errors.New("the disk went away")
	for _, tt := range []struct {
		name  string
		edit  func(d *annotate.Document)
		fail  int // the article (or, past them, the log batch) whose read fails; -1 none
		code  string
		parts []string
	}{
		{"reader fails at the first article", nil, 0, "", nil},
		{"reader fails at the last article", nil, 2, "", nil},
		{"reader fails in the log", nil, 3, "", nil},
		{"an annotation ID in two articles", func(d *annotate.Document) { d.Articles[0].Claims[0].ID = shared }, -1,
			annotate.ECONFLICT, []string{"articles[2]", shared}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := newFixture(t).db
			var before, after bytes.Buffer
			must(t, db.Dump(context.Background(), &before))
			d, err := interchange.ParseDocument(data)
			must(t, err)
			if tt.edit != nil {
				tt.edit(d)
			}
			calls := 0
			next := func() (*annotate.ArticleDoc, error) {
				if calls == tt.fail {
					return nil, broken
				}
				calls++
				if calls > len(d.Articles) {
					return nil, nil
				}
				return &d.Articles[calls-1], nil
			}
			logged := false
			audit := func() ([]annotate.AuditEntry, error) {
				if tt.fail == len(d.Articles) {
					return nil, broken
				}
				if logged {
					return nil, nil
				}
				logged = true
				return d.Audit, nil
			}
			_, err = db.ImportStream(context.Background(), d, next, audit)
			if tt.code != "" {
				wantError(t, err, tt.code, tt.parts...)
			} else if !errors.Is(err, broken) {
				t.Errorf("ImportStream = %v, want the reader's error", err)
			}
			must(t, db.Dump(context.Background(), &after))
			if !bytes.Equal(before.Bytes(), after.Bytes()) {
				t.Error("a failed import changed the project")
			}
		})
	}
}

// TestImportStreamLogOrder: a streamed import writes its own entries as it
// stores the articles and the document's history (read last) into the seqs
// it kept before them, so the log reads, by seq: the project's entries, the
// document's history, the import's own entries; a second import's the
// same after the first's; and a change made after the imports comes after
// all of them.
func TestImportStreamLogOrder(t *testing.T) {
	f := newFixture(t)
	ctx := annotate.WithActor(context.Background(), "Target Desk")
	c := f.claim(t)
	must(t, f.db.CreateClaim(ctx, c))
	start := lastSeq(t, f.db)
	var seqs []int64 // the end of each part of the log
	for _, data := range [][]byte{historyDocument(t), articlesJSON(t, 2, 5)} {
		doc, err := interchange.ParseDocument(data)
		must(t, err)
		history := len(doc.Audit)
		ids := map[string]bool{}
		for _, e := range doc.Audit {
			ids[e.ID] = true
		}
		r := interchange.NewNativeReader(bytes.NewReader(data))
		head, err := r.Head()
		must(t, err)
		_, err = f.db.ImportStream(ctx, head, r.Next, r.Audit)
		must(t, err)
		list := entriesSince(t, f.db, lastSeqBefore(seqs, start))
		if history == 0 || len(list) <= history {
			t.Fatalf("an import of %d history entries logged %d in all", history, len(list))
		}
		for i, e := range list {
			own := e.Action == "import" && e.Who == "Target Desk" && !ids[e.ID]
			if own != (i >= history) || !own && e.ID != doc.Audit[i].ID {
				t.Fatalf("entry %d of %d (history %d) is %s %s by %s", i, len(list), history, e.Action, e.Kind, e.Who)
			}
		}
		seqs = append(seqs, lastSeq(t, f.db))
	}
	later := annotate.WithActor(context.Background(), "Later Desk")
	must(t, f.db.CreateComment(later, &annotate.Comment{AnnotationID: c.ID, Body: "Checked again."}))
	after := entriesSince(t, f.db, seqs[len(seqs)-1])
	if len(after) == 0 {
		t.Fatal("the change after the imports is not after their entries")
	}
	for _, e := range after {
		if e.Who != "Later Desk" {
			t.Errorf("after the imports' entries: %s %s by %s", e.Action, e.Kind, e.Who)
		}
	}
	all := entriesSince(t, f.db, 0)
	if last := all[len(all)-1]; last.Who != "Later Desk" {
		t.Errorf("the log ends with %s %s by %s, not the later change", last.Action, last.Kind, last.Who)
	}
}

// lastSeqBefore is the end of the log before the last import: the last of
// seqs, or start.
func lastSeqBefore(seqs []int64, start int64) int64 {
	if len(seqs) == 0 {
		return start
	}
	return seqs[len(seqs)-1]
}

// TestBulkImportFindsItsOwnRows: a bulk load into a project without
// annotations drops the index of annotations by article, and still finds
// the rows it wrote itself: a streamed document that gives an article's
// text twice (under another ID) with the same annotations stores the
// second copy's as updates of the first's, as it does with the index.
func TestBulkImportFindsItsOwnRows(t *testing.T) {
	defer func(n int) { minBulkRows = n }(minBulkRows)
	doc := generateDocument(t, 60, 4<<10, 9)
	again := doc.Articles[0]
	again.ID = annotate.NewID()
	again.ImportedAt = again.ImportedAt.Add(time.Minute) // after the first in the document
	again.Claims = slices.Clone(again.Claims)
	again.Claims[0].Modified = again.Claims[0].Modified.Add(time.Hour)
	again.Claims[0].Tags = []string{"again"}
	doc.Articles = append(doc.Articles, again)
	for _, bulk := range []int{10, 1000} {
		minBulkRows = bulk
		db := openTestDB(t)
		res, err := streamImport(t, context.Background(), db, doc)
		if err != nil {
			t.Fatalf("bulk from %d rows: %v", bulk, err)
		}
		if res.ArticlesAdded != 1 || res.ArticlesFound != 1 || res.Saved != 61 || res.Unchanged != 59 {
			t.Errorf("bulk from %d rows: result %+v; want the article added then found, 60 annotations saved, then one updated and 59 unchanged", bulk, res)
		}
		assertBulkIndexes(t, db)
	}
}
