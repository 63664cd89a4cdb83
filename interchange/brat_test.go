package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/testcorpus"
)

var bratNow = time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)

func TestBratSeed(t *testing.T) {
	raw := testcorpus.File(t, "corpus", "seed", "article.txt")
	ann := testcorpus.File(t, "corpus", "seed", "article.ann")
	text, doc, err := ParseBratText(raw, docArticleID, ann, bratNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Attributions) != 28 || len(doc.Claims) != 14 || doc.Skipped != 0 {
		t.Fatalf("%d attributions, %d claims, %d skipped; want 28, 14, 0", len(doc.Attributions), len(doc.Claims), doc.Skipped)
	}
	names := map[string]string{}
	for _, s := range doc.Speakers {
		names[s.ID] = s.Name
	}
	if len(names) != len(doc.Speakers) {
		t.Fatal("speaker IDs repeat")
	}
	first := doc.Attributions[0]
	if first.Source.Exact != "President Emmanuel Macron" || first.Cue.Exact != "promised" || first.Kind != annotate.Mixed ||
		names[first.SpeakerID] != "Emmanuel Macron" || first.ArticleID != docArticleID || first.Origin != annotate.Manual || !first.Created.Equal(bratNow) {
		t.Errorf("E1 = %+v", first)
	}
	if doc.Attributions[1].SpeakerID != first.SpeakerID {
		t.Error("“Mr. Macron” and “President Emmanuel Macron” are not one speaker")
	}
	noSource := doc.Attributions[2]
	if noSource.Source != nil || noSource.Cue.Exact != "accusations" || noSource.Kind != annotate.Indirect {
		t.Errorf("E3 (no source) = %+v", noSource)
	}
	var split *annotate.Attribution
	for i := range doc.Attributions {
		if a := &doc.Attributions[i]; a.Cue == nil && split == nil {
			split = a
		}
	}
	if split == nil || split.Source.Exact != "Macron" {
		t.Errorf("E13 (no cue) = %+v", split)
	}
	last := doc.Attributions[27]
	if len(last.Content) != 2 || last.Content[0].Exact != "“Unfortunately,”" || last.Kind != annotate.Direct {
		t.Errorf("E28 (two fragments) = %+v", last.Content)
	}
	if c := doc.Claims[0]; c.Anchors[0].Exact != "Russia invaded Ukraine in 2022" || c.Status != annotate.StatusCandidate || c.Worthiness != nil {
		t.Errorf("first claim = %+v", c)
	}
	// Writing the annotations back gives the gold file, byte for byte: the
	// same numbering, shared spans, notes and fragments.
	var out bytes.Buffer
	ad := annotate.ArticleDoc{Article: annotate.Article{Text: text.String()}, Attributions: doc.Attributions, Claims: doc.Claims}
	if err := WriteBrat(&out, &ad, doc.Speakers); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), ann) {
		t.Fatalf("WriteBrat does not reproduce the seed gold:\n%s", firstDiff(ann, out.Bytes()))
	}
	if err := doc.Document(mustArticle(t, raw), annotate.DefaultScale()).Validate(); err != nil {
		t.Fatalf("the document of the seed is invalid: %v", err)
	}
}

func mustArticle(t testing.TB, raw []byte) *annotate.Article {
	t.Helper()
	a, err := annotate.NewArticle(raw, annotate.ArticleMeta{}, bratNow)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestBratPolNeARDev reads every file of PolNeAR's dev split: all of them
// must import, two of them against texts that normalisation changes.
func TestBratPolNeARDev(t *testing.T) {
	files := testcorpus.Glob(t, filepath.Join("corpus", "polnear-dev", "attributions", "*.ann"))
	attributions, skipped, moved := 0, 0, 0
	for _, f := range files {
		ann, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw := readBratText(t, f)
		text, doc, err := ParseBratText(raw, annotate.NewID(), ann, bratNow)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if text.String() != string(raw) {
			moved++
		}
		// The texts as they are on disk, unnormalised, read as well: the
		// suggestion trainer reads gold against them.
		if asIs, err := ParseBrat(annotate.NewText(string(raw)), annotate.NewID(), ann, bratNow); err != nil || len(asIs.Attributions) != len(doc.Attributions) {
			t.Errorf("%s against the text as it is: %v", filepath.Base(f), err)
		}
		attributions += len(doc.Attributions)
		skipped += doc.Skipped
		if err := doc.Document(mustArticle(t, raw), annotate.DefaultScale()).Validate(); err != nil {
			t.Errorf("%s: document: %v", filepath.Base(f), err)
		}
	}
	t.Logf("PolNeAR dev: %d files, %d attributions, %d annotations skipped, %d texts normalised", len(files), attributions, skipped, moved)
	if len(files) != 94 || attributions < 2300 || skipped == 0 || moved != 2 {
		t.Errorf("%d files, %d attributions, %d skipped, %d normalised; want 94 files, ~2,300 attributions, Discuss/Discard skipped, 2 normalised",
			len(files), attributions, skipped, moved)
	}
}

func readBratText(tb testing.TB, annPath string) []byte {
	tb.Helper()
	for _, p := range BratTextPaths(annPath) {
		if raw, err := os.ReadFile(p); err == nil {
			return raw
		}
	}
	tb.Fatalf("%s: no text beside it", annPath)
	return nil
}

func TestBratTextPaths(t *testing.T) {
	tests := []struct {
		ann  string
		want []string
	}{
		{"seed/article.ann", []string{"seed/article.txt"}},
		{"x/attributions/nyt_2016-01-01_slug_4e07.ann", []string{"x/attributions/nyt_2016-01-01_slug_4e07.txt",
			"x/attributions/nyt_2016-01-01_slug.txt", "x/text/nyt_2016-01-01_slug.txt"}},
		{"slug_4e07.ann", []string{"slug_4e07.txt", "slug.txt", "../text/slug.txt"}},
	}
	for _, tt := range tests {
		got := BratTextPaths(filepath.FromSlash(tt.ann))
		for i := range tt.want {
			tt.want[i] = filepath.FromSlash(tt.want[i])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("BratTextPaths(%q) = %q, want %q", tt.ann, got, tt.want)
		}
	}
}

// TestBratRoundTrip writes the test document as brat, reads it back and
// writes it again: what brat can hold survives, and the second file is the
// first.
func TestBratRoundTrip(t *testing.T) {
	d := testDocument(t)
	a := &d.Articles[0]
	var first bytes.Buffer
	if err := WriteBrat(&first, a, d.Speakers); err != nil {
		t.Fatal(err)
	}
	text := annotate.NewText(a.Text)
	doc, err := ParseBrat(text, a.ID, first.Bytes(), bratNow)
	if err != nil {
		t.Fatalf("ParseBrat of WriteBrat's output: %v\n%s", err, first.String())
	}
	if len(doc.Attributions) != 3 || len(doc.Claims) != 3 || doc.Skipped != 0 {
		t.Fatalf("%d attributions, %d claims, %d skipped", len(doc.Attributions), len(doc.Claims), doc.Skipped)
	}
	name := speakerNames(doc.Speakers)
	want := speakerNames(d.Speakers)
	annotate.SortAttributions(a.Attributions)
	for i, got := range doc.Attributions {
		w := a.Attributions[i]
		if !reflect.DeepEqual(got.Source, w.Source) || !reflect.DeepEqual(got.Cue, w.Cue) ||
			!reflect.DeepEqual(got.Content, w.Content) || got.Kind != w.Kind || name[got.SpeakerID] != want[w.SpeakerID] {
			t.Errorf("attribution %d = %+v, want %+v", i, got, w)
		}
	}
	annotate.SortClaims(a.Claims)
	byID := map[string]string{}
	for i := range doc.Attributions {
		byID[doc.Attributions[i].ID] = a.Attributions[i].ID
	}
	for i, got := range doc.Claims {
		w := a.Claims[i]
		if !reflect.DeepEqual(got.Anchors, w.Anchors) || !reflect.DeepEqual(got.Worthiness, w.Worthiness) ||
			got.WorthinessOrigin != w.WorthinessOrigin || got.Status != w.Status || name[got.SpeakerID] != want[w.SpeakerID] ||
			byID[got.AttributionID] != w.AttributionID {
			t.Errorf("claim %d = %+v, want %+v", i, got, w)
		}
	}
	var second bytes.Buffer
	ad := annotate.ArticleDoc{Article: a.Article, Attributions: doc.Attributions, Claims: doc.Claims}
	if err := WriteBrat(&second, &ad, doc.Speakers); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("write → parse → write changed the file:\n%s", firstDiff(first.Bytes(), second.Bytes()))
	}
	again, err := ParseBrat(text, a.ID, first.Bytes(), bratNow.Add(time.Hour))
	if err != nil || again.Attributions[0].ID != doc.Attributions[0].ID || again.Claims[2].ID != doc.Claims[2].ID {
		t.Error("reading the same file twice gave other IDs: a second import would duplicate it")
	}
	other, err := ParseBrat(text, a.ID, append(first.Bytes(), "T99\tDiscuss 0 4\t"+text.Slice(0, 4)+"\n"...), bratNow)
	if err != nil {
		t.Fatal(err)
	}
	if other.Attributions[0].ID == doc.Attributions[0].ID {
		t.Error("another file on the same text gave the same IDs: two annotators' files would overwrite each other")
	}
}

func speakerNames(list []annotate.Speaker) map[string]string {
	m := map[string]string{}
	for _, s := range list {
		m[s.ID] = s.Name
	}
	return m
}

// bratText is a short article for hand-written brat files.
const bratText = "“We will win,” the mayor said.\nCritics said the plan was late. Tax is up 5%.\n"

func TestParseBratConventions(t *testing.T) {
	text := annotate.NewText(bratText)
	ann := strings.Join([]string{
		"T1\tContent 0 14\t“We will win,”",
		"T2\tSource 15 24\tthe mayor",
		"T3\tCue 25 29\tsaid",
		"T4\tAttribution 25 29\tsaid",
		"E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1",
		"#1\tAnnotatorNotes T2\tspeaker=Ingrid Halvorsen",
		"T5\tSource 31 38\tCritics",
		"T6\tCue 39 43\tsaid",
		"T7\tContent 44 52;57 61\tthe plan late",
		"T8\tAttribution 39 43\tsaid",
		"E2\tAttribution:T8 Source:T5 Content:T7",
		"#2\tAnnotatorNotes E2\tkind=mixed | speaker=The Critics | note=free text kept for people",
		"T9\tContent 63 75\tTax is up 5%",
		"T10\tAttribution-no-source 63 75\tTax is up 5%",
		"E3\tAttribution-no-source:T10 Content:T9",
		"T11\tContent 15 24\tthe mayor",
		"E4\tAttribution:T4 Content2:T11 Content:T1",
		"T12\tClaim 63 75\tTax is up 5%",
		"#3\tAnnotatorNotes T12\tscore=0.73 | speaker=ingrid HALVORSEN | attribution=E3 | status=in_review",
		"T13\tDiscuss 31 61\tCritics said the plan was late",
		"E5\tDiscussion:T13",
		"R1\tAlias Arg1:T2 Arg2:T5",
		"A1\tNegated E1",
		"#4\tAnnotatorNotes T13\twhatever",
		"",
	}, "\r\n")
	doc, err := ParseBrat(text, docArticleID, []byte(ann), bratNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Attributions) != 4 || len(doc.Claims) != 1 || len(doc.Speakers) != 2 {
		t.Fatalf("%d attributions, %d claims, %d speakers", len(doc.Attributions), len(doc.Claims), len(doc.Speakers))
	}
	// T6 (a cue no event uses), T13 Discuss, E5, R1 and A1.
	if doc.Skipped != 5 {
		t.Errorf("Skipped = %d, want 5", doc.Skipped)
	}
	name := speakerNames(doc.Speakers)
	a1, a2, a3, a4 := doc.Attributions[0], doc.Attributions[1], doc.Attributions[2], doc.Attributions[3]
	if a1.Kind != annotate.Direct || name[a1.SpeakerID] != "Ingrid Halvorsen" || a1.Cue.Exact != "said" {
		t.Errorf("E1 = %+v: want direct (in quotation marks), Ingrid Halvorsen", a1)
	}
	if a2.Kind != annotate.Mixed || name[a2.SpeakerID] != "The Critics" || a2.Cue != nil || len(a2.Content) != 2 {
		t.Errorf("E2 = %+v: want mixed, The Critics, no cue, two fragments", a2)
	}
	if a3.Kind != annotate.Indirect || a3.Source != nil || a3.Cue != nil || a3.SpeakerID != "" {
		t.Errorf("E3 = %+v", a3)
	}
	if len(a4.Content) != 2 || a4.Content[0].Exact != "“We will win,”" || a4.Content[1].Exact != "the mayor" {
		t.Errorf("E4 content = %+v: want Content, then Content2", a4.Content)
	}
	c := doc.Claims[0]
	if c.Worthiness == nil || *c.Worthiness != 0.73 || c.WorthinessOrigin != annotate.Suggested || c.SpeakerID != a1.SpeakerID ||
		c.AttributionID != a3.ID || c.Status != annotate.StatusResearching {
		t.Errorf("claim = %+v", c)
	}
}

func TestParseBratSpanAcrossLines(t *testing.T) {
	text := annotate.NewText(bratText)
	// brat itself writes the line end; WriteBrat writes a space.
	for _, ann := range []string{
		"T1\tClaim 19 43\tmayor said.\nCritics said\n",
		"T1\tClaim 19 43\tmayor said. Critics said\n",
	} {
		doc, err := ParseBrat(text, docArticleID, []byte(ann), bratNow)
		if err != nil || len(doc.Claims) != 1 || doc.Claims[0].Anchors[0].Exact != "mayor said.\nCritics said" {
			t.Errorf("%q: %v, %+v", ann, err, doc)
		}
	}
}

func TestParseBratTextMovesOffsets(t *testing.T) {
	// "é" decomposed, and CRLF: the normalised text is two code points
	// shorter before "said".
	raw := []byte("\uFEFFJose\u0301 Ortiz\r\nsaid so.\r\n")
	ann := []byte("T1\tSource 1 12\tJose\u0301 Ortiz\nT2\tCue 14 18\tsaid\nT3\tContent 19 21\tso\nT4\tAttribution 14 18\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n")
	text, doc, err := ParseBratText(raw, docArticleID, ann, bratNow)
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Attributions[0]
	if text.String() != "José Ortiz\nsaid so.\n" || a.Source.Exact != "José Ortiz" || a.Cue.Start != 11 || a.Source.Start != 0 || a.Cue.Exact != "said" || a.Content[0].Exact != "so" {
		t.Fatalf("text %q, attribution %+v", text.String(), a)
	}
}

func TestParseBratErrors(t *testing.T) {
	text := annotate.NewText(bratText)
	tests := []struct {
		name, ann, want string
	}{
		{"no tab", "T1 Claim 0 4 “We", "line 1: \"T1 Claim 0 4 “We\" is not a brat annotation ID"},
		{"bad ID", "X1\tClaim 0 4\t“We ", "line 1: \"X1\" is not a brat annotation ID"},
		{"twice", "T1\tClaim 1 3\tWe\nT1\tClaim 1 3\tWe", "line 2: T1 appears twice"},
		{"no text column", "T1\tClaim 1 3", "line 1: T1: want \"<type> <start> <end>\""},
		{"no offsets", "T1\tClaim\tWe", "line 1: T1: \"Claim\" is not \"<type> <start> <end>\""},
		{"bad offsets", "\nT1\tClaim 1 x\tWe", "line 2: T1: offsets \"1 x\" are not"},
		{"empty fragment", "T1\tClaim 3 3\t", "line 1: T1: fragment 3–3 is empty"},
		{"past the end", "T1\tClaim 70 99\tx", "line 1: T1: fragment 70–99: end 99 is past the end of the text (77 code points)"},
		{"text mismatch", "T1\tClaim 1 3\tWo", "line 1: T1: the text column \"Wo\" does not match the article at 1 3, which reads \"We\""},
		{"fragments joined", "T1\tClaim 1 3;4 8\tWewill", "line 1: T1: the text column \"Wewill\" does not match the article at 1 3;4 8, which reads \"We will\""},
		{"event without trigger", "E1\tAttribution", "line 1: E1: \"Attribution\" is not \"<type>:<trigger>\""},
		{"event bad argument", "E1\tAttribution:T1 Source", "line 1: E1: \"Source\" is not \"<role>:<id>\""},
		{"unknown role", "E1\tAttribution:T1 Speaker:T2 Content:T3", "line 1: E1: unknown role \"Speaker\""},
		{"two sources", "E1\tAttribution:T1 Source:T2 Source:T3 Content:T4", "line 1: E1 has two Source arguments"},
		{"missing span", "T1\tAttribution 25 29\tsaid\nE1\tAttribution:T1 Content:T9", "line 2: E1 refers to T9, which the file does not have"},
		{"missing trigger", "T1\tContent 0 14\t“We will win,”\nE1\tAttribution:T9 Content:T1", "line 2: E1 refers to T9, which the file does not have"},
		{"missing source, no content", "T1\tAttribution 25 29\tsaid\nE1\tAttribution:T1 Source:T9", "line 2: E1 refers to T9, which the file does not have"},
		{"other event to nothing", "E1\tDiscuss:T9", "line 1: E1 refers to T9, which the file does not have"},
		{"relation to nothing", "T1\tCue 25 29\tsaid\nR1\tCoref Arg1:T1 Arg2:T9", "line 2: R1 refers to T9, which the file does not have"},
		{"attribute of nothing", "\nA1\tNegated E4", "line 2: A1 refers to E4, which the file does not have"},
		{"normalisation of nothing", "N1\tReference T3 Wikipedia:534366\tBarack Obama", "line 1: N1 refers to T3, which the file does not have"},
		{"equivalence to nothing", "T1\tCue 25 29\tsaid\n*\tAlias T1 T2", "line 2: * refers to T2, which the file does not have"},
		{"wrong span type", "T1\tAttribution 25 29\tsaid\nT2\tCue 25 29\tsaid\nE1\tAttribution:T1 Source:T2 Content:T2", "line 3: E1: Source T2 is a Cue span, not Source"},
		{"bad kind", "T1\tAttribution 25 29\tsaid\nT2\tContent 0 14\t“We will win,”\nE1\tAttribution:T1 Content:T2\n#1\tAnnotatorNotes E1\tkind=quoted", "line 3: E1: kind: \"quoted\" is not direct"},
		{"bad score", "T1\tClaim 63 75\tTax is up 5%\n#1\tAnnotatorNotes T1\tscore=high", "line 1: T1: score \"high\" is not a number between 0 and 1"},
		{"bad status", "T1\tClaim 63 75\tTax is up 5%\n#1\tAnnotatorNotes T1\tstatus=done", "line 1: T1: status: \"done\" is not a claim status"},
		{"bad link", "T1\tClaim 63 75\tTax is up 5%\n#1\tAnnotatorNotes T1\tattribution=E7", "line 1: T1: attribution E7: no attribution event"},
		{"note on nothing", "#1\tAnnotatorNotes T5\tspeaker=X", "line 1: the note is on T5, which the file does not have"},
		{"note without target", "#1\tAnnotatorNotes\tspeaker=X", "line 1: \"AnnotatorNotes\" is not \"AnnotatorNotes <id>\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBrat(text, docArticleID, []byte(tt.ann), bratNow)
			checkInvalid(t, err, tt.want)
		})
	}
}
