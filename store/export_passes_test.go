package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
	"github.com/factmark/factmark/interchange/brief"
)

// publicFormats are the formats written from two passes over the store.
var publicFormats = []interchange.Format{interchange.FormatW3C, interchange.FormatClaimReview, interchange.FormatArchiveQueue,
	interchange.FormatBriefHTML, interchange.FormatBriefMD, interchange.FormatBriefPDF}

// wholePublic is the export in format f as it was made before it
// streamed: the whole document from Export, narrowed as ExportFormatWith
// narrows it, written by the format's whole-document writer.
func wholePublic(t *testing.T, db *DB, f interchange.Format, opts interchange.ExportOptions) ([]byte, *interchange.Export) {
	t.Helper()
	ctx := context.Background()
	doc, err := db.Export(ctx, opts.Articles...)
	if err != nil {
		t.Fatal(err)
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	doc = interchange.WithoutOrphans(doc)
	var buf bytes.Buffer
	if interchange.IsBrief(f) {
		bf := map[interchange.Format]brief.Format{interchange.FormatBriefHTML: brief.HTML,
			interchange.FormatBriefMD: brief.Markdown, interchange.FormatBriefPDF: brief.PDF}[f]
		if err := brief.Write(&buf, doc, settings, brief.Options{Format: bf, ApprovedOnly: opts.ApprovedOnly}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), nil
	}
	doc = interchange.WithoutWithheld(doc)
	if opts.ApprovedOnly {
		doc = interchange.ApprovedClaims(doc, settings.ApprovalsRequired)
	}
	if err := interchange.WriteFormatBy(&buf, f, doc, interchange.OrganizationOf(settings)); err != nil {
		t.Fatal(err)
	}
	ex := &interchange.Export{Format: f, Doc: doc}
	if f == interchange.FormatClaimReview {
		ex.Issues = interchange.CheckClaimReviews(doc, settings)
	}
	return buf.Bytes(), ex
}

// samePublic checks that the export streamed from the store (through
// ExportFormatWith and WriteExport) has the whole document's bytes, and
// its count, summary and ClaimReview issues.
func samePublic(t *testing.T, db *DB, f interchange.Format, opts interchange.ExportOptions) {
	t.Helper()
	ctx := context.Background()
	want, whole := wholePublic(t, db, f, opts)
	ex, err := interchange.ExportFormatWith(ctx, interchange.StoreOf(db), f, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	wex, err := interchange.WriteExport(ctx, &buf, interchange.StoreOf(db), f, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range [][]byte{ex.Files[0].Data, buf.Bytes()} {
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("streamed %s (%+v) differs at byte %d of %d:\n got …%s…\nwant …%s…", f, opts, i, len(want),
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
	if ex.Doc != nil && len(ex.Doc.Articles) > 0 {
		t.Errorf("streamed %s kept %d articles in memory", f, len(ex.Doc.Articles))
	}
	if whole == nil {
		if ex.Summary("out") != wex.Summary("out") {
			t.Errorf("%s summaries %q and %q", f, ex.Summary("out"), wex.Summary("out"))
		}
		return
	}
	if s, w := wex.Summary("out"), whole.Summary("out"); s != w || ex.Summary("out") != w || wex.Count() != whole.Count() {
		t.Errorf("%s (%+v) summary %q, count %d; want %q, %d", f, opts, s, wex.Count(), w, whole.Count())
	}
	if len(ex.Issues) != len(whole.Issues) || len(wex.Issues) != len(whole.Issues) {
		t.Fatalf("%s issues: %d and %d, want %d", f, len(ex.Issues), len(wex.Issues), len(whole.Issues))
	}
	for i := range whole.Issues {
		if ex.Issues[i] != whole.Issues[i] || wex.Issues[i] != whole.Issues[i] {
			t.Errorf("issue %d: %+v, want %+v", i, wex.Issues[i], whole.Issues[i])
		}
	}
}

// passesProject is a project of several articles with what each public
// format narrows or orders: claims approved and not, a claim made in two
// articles (ClaimReview's first appearance), sources withheld, archived
// and not, notes on spans, comments.
func passesProject(t *testing.T) (f *fixture, ids []string) {
	ctx := context.Background()
	f = newFixture(t)
	second := buildProject(t, f)
	setApprovals(t, f, 1)
	c := f.claim(t)
	c.Status = annotate.StatusVerdictProposed
	f.mustCreate(t, c)
	f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID, Verdict: "Faux",
		Rationale: "The 2025 figure is 9 %.", Sources: []annotate.Evidence{{URL: "https://example.org/budget", Title: "Budget"}}})
	approve(t, f, c.ID, "Ana")
	third := f.addArticle(t, f.art.Text+"A postscript.\n", "Third, the same words")
	tt := annotate.NewText(third.Text) // the same claims: first appearances
	meta := annotate.ArticleMeta{Title: "Third, the same words", Published: "2025-12-01", URL: "https://example.org/third"}
	if err := f.db.UpdateArticleMeta(ctx, third.ID, meta); err != nil {
		t.Fatal(err)
	}
	tc := f.claim(t)
	tc.ArticleID, tc.Status = third.ID, annotate.StatusVerdictProposed
	tc.Anchors = []annotate.Anchor{span(t, tt, "the deficit grew 12 % in 2025’ 👨‍👩‍👧"), span(t, tt, "q\u0301uoted")}
	f.mustCreate(t, tc)
	withheld := &annotate.Note{Meta: annotate.Meta{ArticleID: third.ID}, ClaimID: tc.ID, Verdict: "Vrai", Rationale: "At risk.",
		Sources: []annotate.Evidence{{URL: "https://example.org/at-risk", Title: "A source at risk", Withheld: true},
			{URL: "https://example.org/budget", Title: "Budget"},
			{URL: "https://example.org/archived", Archives: []string{"https://web.archive.org/web/2026/https://example.org/archived"}}}}
	f.mustCreate(t, withheld)
	f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: second.ID}, Target: ptr(span(t, annotate.NewText(second.Text), "“trust me”")),
		Rationale: "Unsourced.", Sources: []annotate.Evidence{{URL: "https://example.org/archived"}, {URL: "https://example.org/new"}}})
	return f, []string{third.ID, second.ID, f.art.ID}
}

// Every public format streamed from the store's two passes is the whole
// document's export, with and without only approved claims, for every
// article and for some.
func TestExportPassesAreTheWholeExport(t *testing.T) {
	f, ids := passesProject(t)
	for _, format := range publicFormats {
		for _, approved := range []bool{false, true} {
			for _, some := range [][]string{nil, ids[:2], {ids[2], ids[0]}, ids[1:2]} {
				samePublic(t, f.db, format, interchange.ExportOptions{ApprovedOnly: approved, Articles: some})
			}
		}
	}
	forgetLog(t, f.db) // a project without a log: the passes do not decide the native version
	for _, format := range publicFormats {
		samePublic(t, f.db, format, interchange.ExportOptions{})
	}
}

// The check sees ClaimReview's issues before anything is written: its
// error stops the export with nothing in the writer.
func TestExportPassesCheckFirst(t *testing.T) {
	f, _ := passesProject(t)
	stop := errors.New("stop")
	var seen []interchange.ClaimReviewIssue
	var buf bytes.Buffer
	_, err := interchange.WriteExport(context.Background(), &buf, interchange.StoreOf(f.db), interchange.FormatClaimReview,
		interchange.ExportOptions{Check: func(is []interchange.ClaimReviewIssue) error { seen = is; return stop }})
	if !errors.Is(err, stop) || buf.Len() > 0 || len(seen) == 0 {
		t.Errorf("export stopped by its check: %v, %d bytes written, %d issues seen", err, buf.Len(), len(seen))
	}
}

// The two passes are the same articles, and a callback's error stops them.
func TestExportPasses(t *testing.T) {
	f, ids := passesProject(t)
	ctx := context.Background()
	var got [2][]string
	err := f.db.ExportPasses(ctx, nil, 2, func(*annotate.Document) error { return nil },
		func(pass int, a *annotate.ArticleDoc) error { got[pass] = append(got[pass], a.ID); return nil })
	if err != nil || len(got[0]) != len(ids) || len(got[1]) != len(ids) {
		t.Fatalf("passes %v, %v: %v", got[0], got[1], err)
	}
	for i := range got[0] {
		if got[0][i] != got[1][i] {
			t.Errorf("pass 2 is %v, pass 1 %v", got[1], got[0])
		}
	}
	stop := errors.New("stop")
	calls := 0
	err = f.db.ExportPasses(ctx, nil, 2, func(*annotate.Document) error { return nil },
		func(int, *annotate.ArticleDoc) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("a failing callback: %v after %d calls", err, calls)
	}
	if _, err := interchange.ExportFormat(ctx, interchange.StoreOf(f.db), interchange.FormatW3C, "no-such-article"); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("W3C export of an unknown article: %v; want ENOTFOUND", err)
	}
}

// brat's folder written an article at a time has the files, in order, of
// the whole document's (ExportBratFolder), and the same summary.
func TestWriteBratFolderIsTheWholeExport(t *testing.T) {
	f, ids := passesProject(t)
	ctx := context.Background()
	for _, some := range [][]string{nil, {ids[2], ids[0]}} {
		whole, err := interchange.ExportBratFolder(ctx, interchange.StoreOf(f.db), some...)
		if err != nil {
			t.Fatal(err)
		}
		var got []interchange.ExportFile
		ex, err := interchange.WriteBratFolder(ctx, interchange.StoreOf(f.db), "dir", func(p string, fill func(io.Writer) error) error {
			var buf bytes.Buffer
			err := fill(&buf)
			got = append(got, interchange.ExportFile{Name: p, Data: buf.Bytes()})
			return err
		}, some...)
		if err != nil {
			t.Fatal(err)
		}
		paths := whole.Paths("dir")
		if listed, err := interchange.BratFolderPaths(ctx, interchange.StoreOf(f.db), "dir", some...); err != nil || !slices.Equal(listed, paths) {
			t.Errorf("BratFolderPaths = %v, %v; want %v", listed, err, paths)
		}
		if len(got) != len(paths) || len(got) != 2*len(whole.Doc.Articles) {
			t.Fatalf("%d files written, want %d", len(got), len(paths))
		}
		for i := range got {
			if got[i].Name != paths[i] || !bytes.Equal(got[i].Data, whole.Files[i].Data) {
				t.Errorf("file %d: %s (%d bytes), want %s (%d bytes)", i, got[i].Name, len(got[i].Data), paths[i], len(whole.Files[i].Data))
			}
		}
		if ex.Summary("dir") != whole.Summary("dir") || ex.Count() != whole.Count() {
			t.Errorf("summary %q, want %q", ex.Summary("dir"), whole.Summary("dir"))
		}
	}
}

// Two articles of the same brat name are refused before any file is
// written.
func TestWriteBratFolderNamesFirst(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	other, err := annotate.NewArticle([]byte("Another text.\n"), annotate.ArticleMeta{Title: f.art.Title}, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	other.ID = strings.ToUpper(f.art.ID) // BratName lowers the case of an ID
	if _, err := f.db.CreateArticle(ctx, other); err != nil {
		t.Skipf("cannot make an article of ID %s: %v", other.ID, err)
	}
	written := 0
	_, err = interchange.WriteBratFolder(ctx, interchange.StoreOf(f.db), "dir", func(string, func(io.Writer) error) error {
		written++
		return nil
	})
	if annotate.ErrorCode(err) != annotate.ECONFLICT || written > 0 {
		t.Errorf("two articles of one name: %v after %d files", err, written)
	}
	if _, err := interchange.BratFolderPaths(ctx, interchange.StoreOf(f.db), "dir"); annotate.ErrorCode(err) != annotate.ECONFLICT {
		t.Errorf("BratFolderPaths of two articles of one name: %v", err)
	}
}

// What the first pass gathers reaches the output: the W3C total, the
// earliest article a claim appears in, the URLs archived elsewhere, the
// brief's title and count. (The comparisons above share the writers with
// the whole-document export; these do not.)
func TestExportPassesHoldWhatTheHeadSays(t *testing.T) {
	f, ids := passesProject(t)
	ctx := context.Background()
	export := func(format interchange.Format, some ...string) string {
		var buf bytes.Buffer
		if _, err := interchange.WriteExport(ctx, &buf, interchange.StoreOf(f.db), format, interchange.ExportOptions{Articles: some}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	w3c := export(interchange.FormatW3C)
	var collection struct {
		Total int `json:"total"`
		First struct {
			Items []json.RawMessage `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal([]byte(w3c), &collection); err != nil || collection.Total == 0 || collection.Total != len(collection.First.Items) {
		t.Errorf("W3C total %d for %d items (%v)", collection.Total, len(collection.First.Items), err)
	}
	if cr := export(interchange.FormatClaimReview); !strings.Contains(cr, `"firstAppearance": {`) || !strings.Contains(cr, "https://example.org/third") {
		t.Errorf("ClaimReview names no first appearance in the third article:\n%s", cr)
	}
	if cr := export(interchange.FormatClaimReview, ids[2]); strings.Contains(cr, "firstAppearance") {
		t.Errorf("ClaimReview of one article names a first appearance:\n%s", cr)
	}
	// The second article's …/archived is archived in the third, read after it.
	// (Notes made in the same instant are in the order of their IDs.)
	want := "https://example.org/budget\nhttps://example.org/données\nhttps://example.org/new\nhttps://example.org/stats?q=déficit"
	got := strings.Fields(export(interchange.FormatArchiveQueue))
	if slices.Sort(got); strings.Join(got, "\n") != want {
		t.Errorf("to-archive list:\n%s\nwant (not the URL archived later, nor the withheld one)\n%s", got, want)
	}
	if md := export(interchange.FormatBriefMD, ids[0]); !strings.HasPrefix(md, `# Fact-check: Third, the same words`) {
		t.Errorf("the brief of one article is not titled by it:\n%s", md[:min(200, len(md))])
	}
	if md := export(interchange.FormatBriefMD, ids[1]); !strings.Contains(md, "No claim has a verdict") || !strings.Contains(md, "*0 claims checked") {
		t.Errorf("the brief of an article without verdicts:\n%s", md)
	}
}
