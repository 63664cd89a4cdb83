package interchange

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// revisionText is an article of our own, in three paragraphs.
const revisionText = "Harbour bridge to close for repairs\n\n" +
	"The harbour bridge will close for six weeks from May, the city said on Monday. " +
	"Engineers found cracks in two of its steel cables during an inspection last winter.\n\n" +
	"“We cannot wait for the cables to fail,” said Mira Olsen, who leads the city's transport office. " +
	"Repairs will cost 4 million euros, she added, and the ferry will run every ten minutes instead.\n\n" +
	"Shop owners near the bridge said they feared losing customers. " +
	"The council promised a fund to help them through the summer.\n"

// revisionProject is a project on disk with revisionText and one annotation
// of each kind on it: the attribution (source, cue, content), a claim in two
// pieces, a note on a span and a note on the claim.
func revisionProject(t *testing.T) (Store, *store.DB, *annotate.Article) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	r, err := Import(ctx, StoreOf(db), "bridge.txt", []byte(revisionText), ImportOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	a := r.Article
	text := annotate.NewText(a.Text)
	at := func(sub string) annotate.Anchor { return anchorOf(t, text, sub) }
	meta := annotate.Meta{ArticleID: a.ID}
	attr := &annotate.Attribution{Meta: meta, Source: ptr(at("Mira Olsen")), Cue: ptr(nth(t, text, "said", 2)),
		Content: []annotate.Anchor{at("“We cannot wait for the cables to fail,”")}, Kind: annotate.Direct}
	claim := &annotate.Claim{Meta: meta, Anchors: []annotate.Anchor{at("Repairs will cost 4 million euros"),
		at("the ferry will run every ten minutes")}}
	note := &annotate.Note{Meta: meta, Target: ptr(at("Engineers found cracks in two of its steel cables")), Rationale: "check the report"}
	for _, err := range []error{db.CreateAttribution(ctx, attr), db.CreateClaim(ctx, claim), db.CreateNote(ctx, note)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	onClaim := &annotate.Note{Meta: meta, ClaimID: claim.ID, Rationale: "ask the city"}
	if err := db.CreateNote(ctx, onClaim); err != nil {
		t.Fatal(err)
	}
	return StoreOf(db), db, a
}

func anchorOf(t *testing.T, text *annotate.Text, sub string) annotate.Anchor {
	return nth(t, text, sub, 1)
}

// nth is the anchor of the n-th occurrence of sub in text.
func nth(t *testing.T, text *annotate.Text, sub string, n int) annotate.Anchor {
	t.Helper()
	s, off := text.String(), 0
	for ; n > 0; n-- {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			t.Fatalf("%q is not in the text", sub)
		}
		off += i
		if n > 1 {
			off += len(sub)
		}
	}
	start := utf8.RuneCountInString(s[:off])
	a, err := text.Anchor(start, start+utf8.RuneCountInString(sub))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// placed is what the test expects of one annotation after the revision:
// orphan, or its (first) quote on the new text.
type placed struct {
	orphan bool
	quote  string
}

func TestImportRevision(t *testing.T) {
	const (
		para2 = "“We cannot wait for the cables to fail,” said Mira Olsen, who leads the city's transport office. " +
			"Repairs will cost 4 million euros, she added, and the ferry will run every ten minutes instead.\n\n"
	)
	tests := []struct {
		name            string
		edit            func(string) string
		attr, claim, nt placed
		lost            []string // the report's lines about lost parts, each containing this
	}{
		{"word edits", func(s string) string {
			s = strings.Replace(s, "six weeks", "eight weeks", 1)
			return strings.Replace(s, "every ten minutes", "every twelve minutes", 1)
		}, placed{false, "“We cannot wait for the cables to fail,”"}, placed{false, "Repairs will cost 4 million euros"},
			placed{false, "Engineers found cracks in two of its steel cables"}, nil},
		{"sentence deleted", func(s string) string {
			return strings.Replace(s, "Engineers found cracks in two of its steel cables during an inspection last winter.", "", 1)
		}, placed{false, "“We cannot wait for the cables to fail,”"}, placed{false, "Repairs will cost 4 million euros"},
			placed{true, "Engineers found cracks in two of its steel cables"}, nil},
		{"paragraph moved", func(s string) string {
			return strings.Replace(s, para2, "", 1) + "\n" + strings.TrimSuffix(para2, "\n\n") + "\n"
		}, placed{false, "“We cannot wait for the cables to fail,”"}, placed{false, "Repairs will cost 4 million euros"},
			placed{false, "Engineers found cracks in two of its steel cables"}, nil},
		{"quote corrected", func(s string) string {
			return strings.Replace(s, "Repairs will cost 4 million euros", "Repairs will cost 4.5 million euros", 1)
		}, placed{false, "“We cannot wait for the cables to fail,”"}, placed{false, "Repairs will cost 4.5 million euros"},
			placed{false, "Engineers found cracks in two of its steel cables"}, nil},
		{"text appended", func(s string) string {
			return s + "\nUpdate: the ferry timetable is on the city's web site.\n"
		}, placed{false, "“We cannot wait for the cables to fail,”"}, placed{false, "Repairs will cost 4 million euros"},
			placed{false, "Engineers found cracks in two of its steel cables"}, nil},
		{"cue deleted", func(s string) string {
			return strings.Replace(s, "fail,” said Mira Olsen, who leads", "fail,” Mira Olsen, who leads", 1)
		}, placed{false, "“We cannot wait for the cables to fail,”"}, placed{false, "Repairs will cost 4 million euros"},
			placed{false, "Engineers found cracks in two of its steel cables"}, []string{"lost its cue; it keeps the rest"}},
		{"whole text replaced", func(string) string {
			return "Library opens on Sundays\n\nThe public library will open on Sundays from June, its director announced.\n"
		}, placed{true, "“We cannot wait for the cables to fail,”"}, placed{true, "Repairs will cost 4 million euros"},
			placed{true, "Engineers found cracks in two of its steel cables"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, db, a := revisionProject(t)
			ctx := context.Background()
			before, _ := db.FindAnnotations(ctx, a.ID)
			text := tt.edit(a.Text)
			r, err := Import(ctx, s, "bridge-v2.txt", []byte(text), ImportOptions{RevisionOf: a.ID, Now: testNow})
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if r.Revised == nil || r.Revised.Same || r.Revised.Revision != 2 {
				t.Fatalf("report: %+v", r.Revised)
			}
			got, err := db.FindArticleByID(ctx, a.ID)
			if err != nil || got.Text != text {
				t.Fatalf("the article's text is not the new one: %v", err)
			}
			all, err := db.FindAnnotations(ctx, a.ID)
			if err != nil || all.Len() != before.Len() {
				t.Fatalf("annotations after: %d, %v; before %d", all.Len(), err, before.Len())
			}
			orphans := 0
			check := func(kind string, m annotate.Meta, first annotate.Anchor, old annotate.Anchor, want placed) {
				t.Helper()
				if m.Placement == nil || m.Placement.Revision != 2 {
					t.Errorf("%s: placement %+v", kind, m.Placement)
					return
				}
				if m.Orphan != want.orphan || (m.Placement.Method == annotate.PlacedOrphan) != want.orphan {
					t.Errorf("%s: orphan %v, method %s; want orphan %v", kind, m.Orphan, m.Placement.Method, want.orphan)
				}
				if want.orphan {
					orphans++
					if first != old {
						t.Errorf("%s: an orphan's anchor became %+v; want its old one %+v", kind, first, old)
					}
				} else if first.Exact != want.quote {
					t.Errorf("%s placed on %q (%s, %.2f); want %q", kind, first.Exact, m.Placement.Method, m.Placement.Score, want.quote)
				}
			}
			at, ct := all.Attributions[0], all.Claims[0]
			check("attribution", at.Meta, at.Content[0], before.Attributions[0].Content[0], tt.attr)
			check("claim", ct.Meta, ct.Anchors[0], before.Claims[0].Anchors[0], tt.claim)
			oldTarget := map[string]annotate.Anchor{}
			for _, n := range before.Notes {
				if n.Target != nil {
					oldTarget[n.ID] = *n.Target
				}
			}
			for _, n := range all.Notes {
				if n.Target == nil {
					if n.Placement != nil || n.Orphan || n.ClaimID != ct.ID {
						t.Errorf("the note on the claim: %+v", n)
					}
					continue
				}
				check("note", n.Meta, *n.Target, oldTarget[n.ID], tt.nt)
			}
			if len(r.Revised.Orphans) != orphans || r.Revised.Methods[annotate.PlacedOrphan] != orphans {
				t.Errorf("report lists orphans %q, counts %v; want %d", r.Revised.Orphans, r.Revised.Methods, orphans)
			}
			lines := strings.Join(r.Lines(0), "\n")
			if !strings.HasPrefix(lines, "revised "+a.ID) || !strings.Contains(lines, "revision 2, 3 annotations re-anchored") {
				t.Errorf("report:\n%s", lines)
			}
			for _, o := range r.Revised.Orphans {
				if !strings.Contains(lines, "\n  "+o) {
					t.Errorf("the report does not list orphan %s:\n%s", o, lines)
				}
			}
			if len(tt.lost) != len(r.Revised.Lost) {
				t.Errorf("lost parts %q; want %q", r.Revised.Lost, tt.lost)
			}
			for i, l := range tt.lost {
				if i < len(r.Revised.Lost) && !strings.Contains(r.Revised.Lost[i], l) {
					t.Errorf("lost %q; want it to say %q", r.Revised.Lost[i], l)
				}
			}
			if tt.name == "cue deleted" && (at.Cue != nil || at.Source == nil || at.Source.Exact != "Mira Olsen") {
				t.Errorf("the attribution without its cue: source %+v cue %+v", at.Source, at.Cue)
			}
			revs, err := db.FindRevisions(ctx, a.ID)
			if err != nil || len(revs) != 2 || revs[0].Text != a.Text || revs[1].Text != text {
				t.Errorf("FindRevisions = %d, %v", len(revs), err)
			}
		})
	}
}

func TestImportRevisionRefused(t *testing.T) {
	s, db, a := revisionProject(t)
	ctx := context.Background()
	before := exportNative(t, db)

	r, err := Import(ctx, s, "same.txt", []byte(a.Text), ImportOptions{RevisionOf: a.ID})
	if err != nil || r.Revised == nil || !r.Revised.Same {
		t.Fatalf("the same text: %+v, %v", r, err)
	}
	if l := r.Lines(0); len(l) != 1 || !strings.Contains(l[0], "is its current text; nothing was changed") {
		t.Errorf("the same text's report: %q", l)
	}
	_, err = Import(ctx, s, "v2.txt", []byte(a.Text+"More.\n"), ImportOptions{RevisionOf: annotate.NewID()})
	if annotate.ErrorCode(err) != annotate.ENOTFOUND || !strings.Contains(err.Error(), "factmark list") {
		t.Errorf("a wrong article ID: %v", err)
	}
	_, err = Import(ctx, s, "doc.json", before, ImportOptions{RevisionOf: a.ID})
	if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), "file of article text") {
		t.Errorf("annotations as a revision: %v", err)
	}
	if after := exportNative(t, db); !bytes.Equal(before, after) {
		t.Error("a refused revision changed the project")
	}
	if revs, _ := db.FindRevisions(ctx, a.ID); len(revs) != 1 {
		t.Errorf("%d revisions; want 1", len(revs))
	}
}

func exportNative(t *testing.T, db *store.DB) []byte {
	t.Helper()
	doc, err := db.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Without the audit log: the project importing a document logs its
	// own import, so the logs of two projects never match, and these tests
	// are of the revisions.
	doc.Audit = nil
	var buf bytes.Buffer
	if err := WriteDocument(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestProposeRevisionOf(t *testing.T) {
	s, db, a := revisionProject(t)
	ctx := context.Background()
	const url = "https://example.org/bridge"
	if err := db.UpdateArticleMeta(ctx, a.ID, annotate.ArticleMeta{Title: a.Title, URL: url}); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(a.Text, "six weeks", "eight weeks", 1)
	tests := []struct {
		name   string
		ex     annotate.Extracted
		want   string
		minOf1 float64
	}{
		{"most of the text", annotate.Extracted{Text: edited}, a.ID, 0.8},
		{"the same URL", annotate.Extracted{Text: "Other words entirely.\n", Meta: annotate.ArticleMeta{URL: url}}, a.ID, 1},
		{"another text", annotate.Extracted{Text: "Library opens on Sundays\n\nThe public library will open on Sundays from June.\n"}, "", 0},
		{"the same text", annotate.Extracted{Text: a.Text}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, share, err := ProposeRevisionOf(ctx, s, &tt.ex)
			if err != nil || id != tt.want || share < tt.minOf1 {
				t.Errorf("ProposeRevisionOf = %q, %.2f, %v; want %q", id, share, err, tt.want)
			}
		})
	}
}

// A revised article (revisions, placements, an orphan) goes out as native
// JSON that the schema accepts, and back into a new project as the same
// project: its export is the same bytes, streamed or written whole.
func TestRevisedArticleNativeRoundTrip(t *testing.T) {
	s, db, a := revisionProject(t)
	ctx := context.Background()
	text := strings.Replace(a.Text, "Engineers found cracks in two of its steel cables during an inspection last winter.", "", 1)
	text = strings.Replace(text, "six weeks", "eight weeks", 1)
	if _, err := Import(ctx, s, "v2.txt", []byte(text), ImportOptions{RevisionOf: a.ID, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	out := exportNative(t, db)
	for _, want := range []string{`"format": "factmark/2"`, `"revisions": [`, `"orphan": true`, `"method": "orphan"`, `"number": 2`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("the export has no %s", want)
		}
	}
	validateSchema(t, out)
	doc, err := ParseDocument(out)
	if err != nil {
		t.Fatalf("ParseDocument: %v", err)
	}
	var whole bytes.Buffer
	doc.Format = doc.NeededFormat()
	if err := writeWhole(&whole, doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole.Bytes(), out) {
		t.Error("the streamed document differs from the one written whole")
	}
	other, err := store.Open(filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := Import(ctx, StoreOf(other), "project.json", out, ImportOptions{}); err != nil {
		t.Fatalf("importing the document: %v", err)
	}
	if again := exportNative(t, other); !bytes.Equal(again, out) {
		t.Errorf("the project imported back exports other bytes:\n%s\nwant\n%s", again, out)
	}
	revs, err := other.FindRevisions(ctx, a.ID)
	if err != nil || len(revs) != 2 || revs[0].Text != a.Text || revs[1].Text != text {
		t.Errorf("revisions imported back: %d, %v", len(revs), err)
	}
}

// A document says factmark/1 only when it has none of factmark/2's fields.
func TestRevisionFieldsNeedFactmark2(t *testing.T) {
	s, db, a := revisionProject(t)
	ctx := context.Background()
	if out := exportNative(t, db); !bytes.Contains(out, []byte(`"format": "factmark/1"`)) {
		t.Fatal("an unrevised project is not factmark/1")
	}
	if _, err := Import(ctx, s, "v2.txt", []byte(a.Text+"\nMore.\n"), ImportOptions{RevisionOf: a.ID}); err != nil {
		t.Fatal(err)
	}
	out := exportNative(t, db)
	v1 := bytes.Replace(out, []byte(`"format": "factmark/2"`), []byte(`"format": "factmark/1"`), 1)
	if _, err := ParseDocument(v1); annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), "came with factmark/2") {
		t.Errorf("a factmark/1 document with revisions: %v", err)
	}
}

// The exports that point at the text leave orphans out; the native one
// keeps them.
func TestExportsLeaveOrphansOut(t *testing.T) {
	s, db, a := revisionProject(t)
	ctx := context.Background()
	text := strings.Replace(a.Text, "Engineers found cracks in two of its steel cables during an inspection last winter.", "", 1)
	if _, err := Import(ctx, s, "v2.txt", []byte(text), ImportOptions{RevisionOf: a.ID}); err != nil {
		t.Fatal(err)
	}
	all, _ := db.FindAnnotations(ctx, a.ID)
	var orphan string
	for _, n := range all.Notes {
		if n.Orphan {
			orphan = n.ID
		}
	}
	if orphan == "" {
		t.Fatal("no orphan note")
	}
	for _, f := range []Format{FormatNative, FormatW3C, FormatCSV, FormatBrat, FormatClaimReview} {
		e, err := ExportFormat(ctx, s, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		data := string(e.Files[0].Data)
		has := strings.Contains(data, orphan) || strings.Contains(data, "check the report")
		if has != (f == FormatNative) {
			t.Errorf("%s export: has the orphan %v", f, has)
		}
		if f == FormatCSV && !strings.Contains(data, "Repairs will cost 4 million euros") {
			t.Errorf("the CSV export lost the claim:\n%s", data)
		}
	}
	e, err := ExportBratFolder(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range e.Files {
		if strings.Contains(string(file.Data), "check the report") {
			t.Errorf("brat folder %s has the orphan", file.Name)
		}
	}
}

// A transcript's new revision keeps its turns, found again in the new text,
// each with the registry speaker its label had.
func TestImportRevisionOfTranscript(t *testing.T) {
	const debate = "MODERATOR: Good evening. Tonight the two candidates answer your questions.\n" +
		"ALVAREZ: Thank you. Crime fell by twelve percent last year, and we hired new teachers.\n" +
		"BRENNAN: Those numbers are wrong. The tram is two years late.\n" +
		"MODERATOR: Ms. Alvarez, your answer.\n" +
		"ALVAREZ: The tram will open in the spring.\n"
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	s := StoreOf(db)
	r, err := Import(ctx, s, "debate.txt", []byte(debate), ImportOptions{Now: testNow})
	if err != nil || len(r.Article.Turns) != 5 {
		t.Fatalf("the transcript: %v", err)
	}
	a := r.Article
	speaker := map[string]string{}
	for _, turn := range a.Turns {
		speaker[turn.Speaker] = turn.SpeakerID
	}
	if speaker["ALVAREZ"] == "" {
		t.Fatalf("ALVAREZ has no registry speaker: %+v", a.Turns)
	}
	text := strings.Replace(debate, "Those numbers are wrong. ", "", 1) + "BRENNAN: Late and over budget.\n"
	if _, err := Import(ctx, s, "debate-v2.txt", []byte(text), ImportOptions{RevisionOf: a.ID}); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindArticleByID(ctx, a.ID)
	if err != nil || len(got.Turns) != 6 {
		t.Fatalf("turns of the new revision: %+v, %v", got.Turns, err)
	}
	for _, turn := range got.Turns {
		if turn.SpeakerID != speaker[turn.Speaker] {
			t.Errorf("turn %q has speaker %q; the old text's %q", turn.Speaker, turn.SpeakerID, speaker[turn.Speaker])
		}
	}
}
