package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// wholeExport is the native export as it was before it streamed: the
// whole document from Export, written by WriteDocument.
func wholeExport(t *testing.T, db *DB, ids ...string) []byte {
	t.Helper()
	doc, err := db.Export(context.Background(), ids...)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := interchange.WriteDocument(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// streamedExports are the native export through ExportFormat and through
// WriteExport, both of which stream from the store.
func streamedExports(t *testing.T, db *DB, ids ...string) [][]byte {
	t.Helper()
	ctx := context.Background()
	ex, err := interchange.ExportFormat(ctx, interchange.StoreOf(db), interchange.FormatNative, ids...)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	wex, err := interchange.WriteExport(ctx, &buf, interchange.StoreOf(db), interchange.FormatNative, interchange.ExportOptions{Articles: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Doc.Articles) > 0 || wex.Count() != ex.Count() {
		t.Errorf("streamed export kept %d articles in its document, counts %d and %d", len(ex.Doc.Articles), ex.Count(), wex.Count())
	}
	return [][]byte{ex.Files[0].Data, buf.Bytes()}
}

// sameExport checks that the streamed exports are the whole document's
// bytes, in the given version.
func sameExport(t *testing.T, db *DB, format string, ids ...string) {
	t.Helper()
	want := wholeExport(t, db, ids...)
	if !bytes.Contains(want[:40], []byte(`"format": "`+format+`"`)) {
		t.Fatalf("the whole export is not %s: %s", format, want[:40])
	}
	for _, got := range streamedExports(t, db, ids...) {
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("streamed export of %v differs at byte %d of %d:\n got …%s…\nwant …%s…", ids, i, len(want),
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
}

// forgetLog empties the change log, as in a project that has none (made
// before the log was kept): only then can a document be factmark/1.
func forgetLog(t *testing.T, db *DB) {
	t.Helper()
	for _, q := range []string{"DROP TRIGGER IF EXISTS audit_no_delete", "DELETE FROM audit"} {
		if _, err := db.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestExportStreamIsTheWholeExport(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	second := buildProject(t, f)
	// Log entries older than the ones before them (an imported log keeps its
	// times): the document puts the log in time order.
	past := time.Date(2020, 5, 6, 7, 8, 9, 500, time.UTC)
	old := &annotate.Document{Format: annotate.NativeFormat, Scale: annotate.Scale{Name: "Échelle",
		Verdicts: []annotate.Verdict{{Label: "Vrai", Value: 4}, {Label: "Plutôt vrai", Value: 3}, {Label: "Faux", Value: 1}, {Label: "Invérifiable", Value: 0}}},
		Speakers: []annotate.Speaker{}, Articles: []annotate.ArticleDoc{},
		Audit: []annotate.AuditEntry{
			{ID: annotate.NewID(), At: past, Who: "Old desk", Action: "create", Kind: "settings"},
			{ID: annotate.NewID(), At: past, Who: "Old desk", Action: "update", Kind: "settings"},
			{ID: annotate.NewID(), At: past.Add(-time.Hour), Who: "Old desk", Action: "create", Kind: "settings"},
		}}
	if _, err := f.db.Import(ctx, old); err != nil {
		t.Fatal(err)
	}
	// Lists of more than one batch, and a log of more than one.
	gen := generateDocument(t, 5000, 60<<10, 7)
	gen.Scale = old.Scale
	for i := range gen.Articles[0].Notes {
		if gen.Articles[0].Notes[i].Verdict != "" {
			gen.Articles[0].Notes[i].Verdict = "Faux" // on the project's scale
		}
	}
	if _, err := f.db.Import(ctx, gen); err != nil {
		t.Fatal(err)
	}
	third := f.addArticle(t, "Third\nA plain text.\n", "Third")
	withheld := f.note(t)
	withheld.Verdict = "Faux"
	withheld.Sources = append(withheld.Sources, annotate.Evidence{Title: "A source at risk", Withheld: true})
	f.mustCreate(t, withheld)
	sameExport(t, f.db, annotate.NativeFormat)
	sameExport(t, f.db, annotate.NativeFormat, third.ID, f.art.ID)
	sameExport(t, f.db, annotate.NativeFormat, second.ID)
	sameExport(t, f.db, annotate.NativeFormat, f.art.ID, f.art.ID)
	for _, approved := range []bool{false, true} {
		sameCSV(t, f.db, interchange.ExportOptions{ApprovedOnly: approved})
		sameCSV(t, f.db, interchange.ExportOptions{ApprovedOnly: approved, Articles: []string{second.ID, f.art.ID}})
	}
}

// sameCSV checks that the CSV export streamed from the store has the bytes,
// and the counts, of the whole document's, made as ExportFormatWith made it
// before it streamed.
func sameCSV(t *testing.T, db *DB, opts interchange.ExportOptions) {
	t.Helper()
	ctx := context.Background()
	doc, err := db.Export(ctx, opts.Articles...)
	if err != nil {
		t.Fatal(err)
	}
	doc = interchange.WithoutWithheld(interchange.WithoutOrphans(doc))
	if opts.ApprovedOnly {
		settings, _ := db.Settings(ctx)
		doc = interchange.ApprovedClaims(doc, settings.ApprovalsRequired)
	}
	var want bytes.Buffer
	if err := interchange.WriteCSV(&want, doc); err != nil {
		t.Fatal(err)
	}
	wholeSummary := (&interchange.Export{Format: interchange.FormatCSV, Doc: doc}).Summary("out.csv")
	ex, err := interchange.ExportFormatWith(ctx, interchange.StoreOf(db), interchange.FormatCSV, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	wex, err := interchange.WriteExport(ctx, &buf, interchange.StoreOf(db), interchange.FormatCSV, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range [][]byte{ex.Files[0].Data, buf.Bytes()} {
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("streamed CSV (%+v) differs from the whole document's:\n%s\nwant\n%s", opts, got, want.Bytes())
		}
	}
	if ex.Summary("out.csv") != wholeSummary || wex.Summary("out.csv") != wholeSummary || len(ex.Doc.Articles) > 0 {
		t.Errorf("summaries %q, %q; want %q", ex.Summary("out.csv"), wex.Summary("out.csv"), wholeSummary)
	}
}

// The version is known before the first byte: factmark/1 when nothing in
// the project needs more, factmark/2 when only its last article does.
func TestExportStreamChoosesTheVersion(t *testing.T) {
	f := newFixture(t)
	f.mustCreate(t, f.attribution(t))
	f.mustCreate(t, f.claim(t)) // researching: "in_review" in factmark/1
	n := f.note(t)
	n.Sources = nil
	f.mustCreate(t, n)
	second := f.addArticle(t, "Second\nMr. Nobody said “trust me”.\n", "")
	sameExport(t, f.db, annotate.NativeFormat) // a log in time order, read as it lies
	forgetLog(t, f.db)
	sameExport(t, f.db, annotate.NativeFormatV1)
	sameExport(t, f.db, annotate.NativeFormatV1, second.ID)

	third := f.addArticle(t, "Third\nShe said it was “sourced”.\n", "Third")
	text := annotate.NewText(third.Text)
	f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: third.ID}, Target: ptr(span(t, text, "“sourced”")),
		Rationale: "A source record is factmark/2's.", Sources: []annotate.Evidence{{URL: "https://example.org/s"}}})
	forgetLog(t, f.db)
	sameExport(t, f.db, annotate.NativeFormat)
	sameExport(t, f.db, annotate.NativeFormatV1, f.art.ID, second.ID)
	sameExport(t, f.db, annotate.NativeFormat, third.ID, f.art.ID)
}

func TestExportStreamErrors(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.mustCreate(t, f.claim(t))
	_, err := interchange.ExportFormat(ctx, interchange.StoreOf(f.db), interchange.FormatNative, "no-such-article")
	if annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("export of an unknown article: %v; want ENOTFOUND", err)
	}
	stop := errors.New("stop")
	calls := 0
	err = f.db.ExportStream(ctx, nil, func(*annotate.Document) error { return nil },
		func(*annotate.ArticleDoc) error { calls++; return stop }, func([]annotate.AuditEntry) error { return nil })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("a callback's error: %v after %d calls; want it back after 1", err, calls)
	}
	if _, err := interchange.WriteExport(ctx, &failingWriter{}, interchange.StoreOf(f.db), interchange.FormatNative, interchange.ExportOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a failing writer: %v", err)
	}
	// A write that fails halfway, while the store is still reading.
	for i := range 4 {
		if _, err := f.db.Import(ctx, generateDocument(t, 300, 8<<10, uint64(40+i))); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []interchange.Format{interchange.FormatNative, interchange.FormatCSV} {
		w := &failingWriter{after: 100 << 10}
		if _, err := interchange.WriteExport(ctx, w, interchange.StoreOf(f.db), format, interchange.ExportOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: a writer failing after %d bytes: %v", format, w.wrote, err)
		}
	}
}

// failingWriter fails once it has taken after bytes.
type failingWriter struct{ after, wrote int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.wrote+len(p) > w.after {
		return 0, errors.New("disk full")
	}
	w.wrote += len(p)
	return len(p), nil
}

// auditOutOfOrder compares each entry of the selection with the one
// logged before it in the selection, not in the whole log.
func TestAuditOutOfOrder(t *testing.T) {
	type entry struct{ article, at string }
	for _, tt := range []struct {
		name      string
		log       []entry
		ids       []string
		want, all bool
	}{
		{"in order", []entry{{"A", "1"}, {"B", "2"}, {"", "2"}, {"A", "3"}}, []string{"A"}, false, false},
		{"one older", []entry{{"A", "2"}, {"A", "1"}}, []string{"A"}, true, true},
		{"older only among others", []entry{{"A", "1"}, {"B", "3"}, {"A", "2"}}, []string{"A"}, false, true},
		{"older than another article's", []entry{{"A", "3"}, {"B", "1"}, {"A", "4"}}, []string{"A", "C"}, false, true},
		{"older than a project-wide one", []entry{{"", "5"}, {"B", "9"}, {"A", "4"}}, []string{"A"}, true, true},
		{"older in the other article", []entry{{"A", "5"}, {"B", "9"}, {"B", "4"}}, []string{"A"}, false, true},
		{"empty", nil, []string{"A"}, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			for i, e := range tt.log {
				at := "2026-03-04T10:00:0" + e.at + ".000000000Z"
				if _, err := db.db.Exec(`INSERT INTO audit (id, at, who, action, kind, entity, article, field, old, new)
					VALUES (?, ?, 'Ana', 'edit', 'claim', 'c', ?, '', '', '')`, fmt.Sprint("e", i), at, e.article); err != nil {
					t.Fatal(err)
				}
			}
			for _, c := range []struct {
				ids  []string
				want bool
			}{{tt.ids, tt.want}, {nil, tt.all}} {
				err := db.readTx(context.Background(), func(tx *sql.Tx) error {
					got, err := auditOutOfOrder(context.Background(), tx, c.ids)
					if err == nil && got != c.want {
						t.Errorf("auditOutOfOrder(%v) = %v, want %v", c.ids, got, c.want)
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestStreamAuditReadsWhatFindAuditReads: the log read joined (auditJoined)
// is the log read by columns, also when values hold the separator the
// joined row is cut at, or are empty.
func TestStreamAuditReadsWhatFindAuditReads(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	for i, v := range []struct{ who, field, old, new string }{
		{"Ana", "", "", ""},
		{"Ana\x1fBo", "status", "a", "b"},
		{"Ana", "status", "\x1f", "\x1f\x1f"},
		{"Ana", "rationale", "", "ends with\x1f"},
		{"Zoë « 👍🏽 »", "x", "line\nbreak", `{"json":"value"}`},
	} {
		if _, err := db.db.Exec(`INSERT INTO audit (id, at, who, action, kind, entity, article, field, old, new)
			VALUES (?, '2026-03-04T10:00:00.000000000Z', ?, 'update', 'claim', 'c', 'A', ?, ?, ?)`,
			fmt.Sprint("e\x1f", i), v.who, v.field, v.old, v.new); err != nil {
			t.Fatal(err)
		}
	}
	for _, ids := range [][]string{nil, {"A"}} {
		var got []annotate.AuditEntry
		err := db.readTx(ctx, func(tx *sql.Tx) error {
			return streamAudit(ctx, tx, ids, func(b []annotate.AuditEntry) error { got = append(got, b...); return nil })
		})
		if err != nil {
			t.Fatal(err)
		}
		var want []annotate.AuditEntry
		if err := db.readTx(ctx, func(tx *sql.Tx) (err error) { want, err = findAudit(ctx, tx, ids); return err }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 5 || fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
			t.Errorf("streamAudit(%v):\n got %#v\nwant %#v", ids, got, want)
		}
	}
}

// An article's rows that lie together are read in a sweep of their span,
// others through the list of their rowids; both ways read what
// FindAnnotations reads, with the notes' sources.
func TestArticleWhereReadsTheArticlesRows(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	first := f.art
	for range 3 {
		f.mustCreate(t, f.note(t))
	}
	second := f.addArticle(t, testText+"\nA second article.\n", "Second")
	f.art = second
	for range 3 {
		f.mustCreate(t, f.claim(t))
	}
	f.art = first
	f.mustCreate(t, f.claim(t))
	f.art = second
	f.mustCreate(t, f.note(t))
	// The first's rows are 1–3 and 7, a span of 7 for 4 rows; the second's
	// 4–6 and 8, a span of 5 with one of the first's in it. Each holds half
	// the annotations, and notes: its sources are found among every link,
	// the other's too.
	third := f.addArticle(t, "A third article, without annotations.\n", "Third")
	for _, c := range []struct {
		art  *annotate.Article
		want string
		most bool
	}{{first, articleRows, true}, {second, articleSpan, true}, {third, articleRows, false}} {
		where, args, lists, err := articleWhere(ctx, f.db.rd, c.art.ID)
		if err != nil {
			t.Fatal(err)
		}
		if where != c.want {
			t.Errorf("%s is read %q, want %q", c.art.Title, where, c.want)
		}
		most, err := mostAnnotations(ctx, f.db.rd, lists)
		if err != nil {
			t.Fatal(err)
		}
		if most != c.most {
			t.Errorf("%s holds most annotations: %v, want %v", c.art.Title, most, c.most)
		}
		got, err := queryAnnotationsInto(ctx, f.db.rd, map[string]*annotate.Annotations{c.art.ID: lists}, most, where, args...)
		if err != nil {
			t.Fatal(err)
		}
		all, err := f.db.FindAnnotations(ctx, c.art.ID)
		if err != nil {
			t.Fatal(err)
		}
		read := got[c.art.ID]
		if len(got) != 1 || !reflect.DeepEqual(nonNilSlice(read.Attributions), nonNilSlice(all.Attributions)) ||
			!reflect.DeepEqual(nonNilSlice(read.Claims), nonNilSlice(all.Claims)) ||
			!reflect.DeepEqual(nonNilSlice(read.Notes), nonNilSlice(all.Notes)) {
			t.Errorf("%s: read %+v, FindAnnotations %+v", c.art.Title, read, all)
		}
		if cap(read.Attributions) != len(read.Attributions) || cap(read.Claims) != len(read.Claims) ||
			cap(read.Notes) != len(read.Notes) {
			t.Errorf("%s: lists of %d, %d, %d annotations had room for %d, %d, %d", c.art.Title, len(read.Attributions),
				len(read.Claims), len(read.Notes), cap(read.Attributions), cap(read.Claims), cap(read.Notes))
		}
		// The export's read, sorting each list as it fills (notes before
		// the claim in the first, after them in the second).
		for _, side := range []queryer{nil, f.db.rd} {
			a, err := streamedArticle(ctx, f.db.rd, side, c.art.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Attributions, nonNilSlice(all.Attributions)) || !reflect.DeepEqual(a.Claims, nonNilSlice(all.Claims)) ||
				!reflect.DeepEqual(a.Notes, nonNilSlice(all.Notes)) {
				t.Errorf("%s: the export read %+v, FindAnnotations %+v", c.art.Title, a, all)
			}
		}
	}
}

// The export's second transaction sees what its first sees: with no
// commit while the two begin, sameSnapshot gives one, whose reads agree
// with the first's after a later commit; with a commit between the side
// connection's data_version and the first's first read, it gives none.
func TestSameSnapshot(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	count := func(q queryer) int {
		t.Helper()
		var n int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM annotations").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, commitBetween := range []bool{false, true} {
		conn, before := f.db.sideConn(ctx)
		if conn == nil {
			t.Fatal("no side connection")
		}
		if commitBetween {
			f.mustCreate(t, f.claim(t))
		}
		err := f.db.readTx(ctx, func(tx *sql.Tx) error {
			side := sameSnapshot(ctx, tx, conn, before)
			if commitBetween {
				if side != nil {
					side.Rollback()
					t.Error("a commit between the beginnings, and sameSnapshot gave a transaction")
				}
				return nil
			}
			if side == nil {
				t.Fatal("no commit, and sameSnapshot gave no transaction")
			}
			defer side.Rollback()
			n := count(tx)
			f.mustCreate(t, f.claim(t))
			if count(side) != n || count(tx) != n || count(f.db.rd) != n+1 {
				t.Errorf("after a commit: the side counts %d, the first %d, a new read %d; both began at %d",
					count(side), count(tx), count(f.db.rd), n)
			}
			return nil
		})
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestSideConnLeavesTheDeskItsReaders: an export holds its second
// connection to its end, so it takes one only while no other reader is
// busy; two exports at once held all four.
func TestSideConnLeavesTheDeskItsReaders(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	busy, err := f.db.rd.Conn(ctx) // another reader: the desk, or another export
	if err != nil {
		t.Fatal(err)
	}
	if conn, _ := f.db.sideConn(ctx); conn != nil {
		conn.Close()
		t.Error("a side connection taken while another reader was busy")
	}
	busy.Close()
	conn, _ := f.db.sideConn(ctx)
	if conn == nil {
		t.Fatal("no side connection with every reader free")
	}
	conn.Close()
}
