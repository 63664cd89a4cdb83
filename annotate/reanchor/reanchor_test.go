package reanchor

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// anchorOn is the anchor of the nth (from 0) occurrence of quote in text.
func anchorOn(t *testing.T, text, quote string, nth int) annotate.Anchor {
	t.Helper()
	from := 0
	for k := 0; ; k++ {
		i := strings.Index(text[from:], quote)
		if i < 0 {
			t.Fatalf("%q is not %d times in the text", quote, nth+1)
		}
		if k == nth {
			start := utf8.RuneCountInString(text[:from+i])
			a, err := annotate.NewText(text).Anchor(start, start+utf8.RuneCountInString(quote))
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		from += i + 1
	}
}

const (
	para1 = "The minister said on Tuesday that the budget would rise by 4% next year, the first increase since 2019."
	para2 = "Opposition leaders called the plan a gimmick. They said the figures did not add up and asked for an audit."
	para3 = "Economists were divided. Some welcomed the spending on schools; others warned about the deficit and rates."
)

func TestPlace(t *testing.T) {
	doc := para1 + "\n\n" + para2 + "\n\n" + para3
	tests := []struct {
		name     string
		old, new string
		quote    string
		nth      int
		want     string // the new span's text; "" for an orphan
		methods  []Method
	}{
		{"word replaced", doc, strings.Replace(doc, "would rise by", "would grow by", 1),
			"the budget would rise by 4% next year", 0, "the budget would grow by 4% next year", []Method{Diff}},
		{"word deleted", doc, strings.Replace(doc, "on Tuesday that", "that", 1),
			"minister said on Tuesday that the budget", 0, "minister said that the budget", []Method{Diff}},
		{"word inserted", doc, strings.Replace(doc, "the figures did", "the official figures did", 1),
			"They said the figures did not add up", 0, "They said the official figures did not add up", []Method{Diff}},
		{"unchanged after an edit before", doc, strings.Replace(doc, "The minister", "The finance minister", 1),
			"asked for an audit", 0, "asked for an audit", []Method{Exact}},
		{"sentence deleted: another sentence", doc, strings.Replace(doc, " They said the figures did not add up and asked for an audit.", "", 1),
			"Economists were divided", 0, "Economists were divided", []Method{Exact}},
		{"sentence deleted: its own", doc, strings.Replace(doc, " They said the figures did not add up and asked for an audit.", "", 1),
			"the figures did not add up", 0, "", []Method{Orphan}},
		{"paragraph moved", doc, para1 + "\n\n" + para3 + "\n\n" + para2,
			"called the plan a gimmick", 0, "called the plan a gimmick", []Method{Exact, Fuzzy}},
		{"paragraph moved and edited", doc, para3 + "\n\n" + para1 + "\n\n" + strings.Replace(para2, "gimmick", "gimick", 1),
			"Opposition leaders called the plan a gimmick.", 0, "Opposition leaders called the plan a gimick.", []Method{Diff, Fuzzy}},
		{"quote corrected", strings.Replace(doc, "increase since", "increese since", 1), doc,
			"the first increese since 2019", 0, "the first increase since 2019", []Method{Diff}},
		{"text appended", doc, doc + "\n\nUpdate: the vote is on Friday.",
			"welcomed the spending on schools", 0, "welcomed the spending on schools", []Method{Exact}},
		{"whole text replaced", doc, "Weather: sunny spells this afternoon, showers later, and a cold night ahead in the north.",
			"the budget would rise", 0, "", []Method{Orphan}},
		{"repeated phrase: the other occurrence is not taken",
			"Linus wrote the kernel in 1991. Many said so. Linus wrote the kernel in 1991.",
			"Linus wrote the kernel in 1991. Many said so.",
			"Linus wrote the kernel in 1991", 1, "", []Method{Orphan}},
		{"repeated phrase: the edited occurrence is followed",
			"The mayor said no. Later the council met. The mayor said no.",
			"The mayor said no. Later the council met. The mayor said yes.",
			"The mayor said no", 1, "The mayor said yes", []Method{Diff, Fuzzy}},
		{"lost word not found inside another", "Linus Torvalds wrote it. The machines ran it.", "The machines ran it.",
			"Linus", 0, "", []Method{Orphan}},
		{"unicode", "Il a dit « très cher » — 5 € 👍🏽 au café.", "Hier, il a dit « très cher » — 5 € 👍🏽 au café.",
			"« très cher » — 5 € 👍🏽", 0, "« très cher » — 5 € 👍🏽", []Method{Exact}},
		{"unicode edited", "Ça coûte 5 € à Zürich, dit Ünal.", "Ça coûte 7 € à Zürich, dit Ünal.",
			"coûte 5 € à Zürich", 0, "coûte 7 € à Zürich", []Method{Diff}},
		{"one word kept", "Hello", "Hello", "Hello", 0, "Hello", []Method{Exact}},
		{"one word replaced", "Hello", "Goodbye", "Hello", 0, "", []Method{Orphan}},
		{"to an empty text", "Hello there", "", "Hello there", 0, "", []Method{Orphan}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := anchorOn(t, tt.old, tt.quote, tt.nth)
			nt := annotate.NewText(tt.new)
			p := New(annotate.NewText(tt.old), nt).Place(a)
			if !hasMethod(tt.methods, p.Method) {
				t.Errorf("method %s (score %.2f, %q), want one of %v", p.Method, p.Score, p.Anchor.Exact, tt.methods)
			}
			if tt.want == "" {
				if !p.IsOrphan() || p.Anchor != (annotate.Anchor{}) {
					t.Fatalf("placed on %q, want an orphan", p.Anchor.Exact)
				}
				return
			}
			if p.Anchor.Exact != tt.want {
				t.Fatalf("placed on %q, want %q", p.Anchor.Exact, tt.want)
			}
			if err := nt.Check("anchor", p.Anchor); err != nil {
				t.Fatal(err)
			}
			if got := string([]rune(tt.new)[p.Anchor.Start:p.Anchor.End]); got != tt.want {
				t.Errorf("offsets %d–%d read %q, not code points of the new text", p.Anchor.Start, p.Anchor.End, got)
			}
			if p.Score <= 0 || p.Score > 1 {
				t.Errorf("score %v out of (0, 1]", p.Score)
			}
		})
	}
}

func hasMethod(ms []Method, m Method) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func TestPlaceExactKeepsOffsets(t *testing.T) {
	old := "One two three four five."
	a := anchorOn(t, old, "three four", 0)
	p := New(annotate.NewText(old), annotate.NewText(old+" Six.")).Place(a)
	if p.Method != Exact || p.Anchor.Start != a.Start || p.Anchor.End != a.End || p.Anchor.Prefix != a.Prefix {
		t.Fatalf("got %+v, want %+v exact", p, a)
	}
}

func TestPlaceInsideWord(t *testing.T) {
	old := "The cease-fire held overnight."
	a := anchorOn(t, old, "fire held", 0)
	p := New(annotate.NewText(old), annotate.NewText("Sadly, the cease-fire held overnight.")).Place(a)
	if p.Anchor.Exact != "fire held" {
		t.Fatalf("got %q, want the same part of the word", p.Anchor.Exact)
	}
}

func TestPlaceStaleAnchorByQuote(t *testing.T) {
	// offsets from elsewhere: the quote is found in the old text by its
	// context, then carried over by the diff
	old := "Alpha beta gamma delta epsilon zeta eta theta."
	a := annotate.Anchor{Start: 3, End: 9, Exact: "delta epsilon zeta", Prefix: "gamma ", Suffix: " eta"}
	p := New(annotate.NewText(old), annotate.NewText("So: "+old)).Place(a)
	if p.Method != Exact || p.Anchor.Exact != "delta epsilon zeta" || p.Anchor.Start != 21 {
		t.Fatalf("got %+v", p)
	}
	// a quote the old text does not hold is not attached to text the diff
	// carried over from other words
	b := annotate.Anchor{Start: 0, End: 5, Exact: "gamma delta epsilon zeta eta", Prefix: "", Suffix: ""}
	if p := New(annotate.NewText("Alpha beta gamma delta epsilon zeta eta theta."), annotate.NewText(old)).Place(b); p.Method != Exact {
		t.Fatalf("found in the old text: got %+v", p)
	}
}

func TestPlaceRepeatedParagraphNotTaken(t *testing.T) {
	// the article gives a paragraph twice; the second copy is deleted: its
	// annotation is an orphan, not moved onto the first copy, which the
	// diff carries over as the first copy's own text
	par := "In a statement released on Friday, the council voted to close the old library on Main Street next spring, a spokesman said."
	middle := "Residents protested at the meeting, which ran late into the evening. " +
		"Several speakers asked the council to reconsider, citing the branch's reading programmes for children " +
		"and its role as a warm place in winter. A petition with four thousand signatures was handed in."
	old := par + "\n\n" + middle + "\n\n" + par + "\n\nThe mayor declined to comment."
	nw := par + "\n\n" + middle + "\n\nThe mayor declined to comment."
	a := anchorOn(t, old, "voted to close the old library on Main Street", 1)
	if p := New(annotate.NewText(old), annotate.NewText(nw)).Place(a); !p.IsOrphan() {
		t.Fatalf("placed on %q at %d (%s), want an orphan", p.Anchor.Exact, p.Anchor.Start, p.Method)
	}
	first := anchorOn(t, old, "voted to close the old library on Main Street", 0)
	if p := New(annotate.NewText(old), annotate.NewText(nw)).Place(first); p.Method != Exact || p.Anchor.Start != first.Start {
		t.Fatalf("first copy: got %+v", p)
	}
}

func TestPlaceAttribution(t *testing.T) {
	old := "“We will win,” the senator said on Monday, according to aides."
	nw := "“We will win,” the senator told reporters on Monday."
	text := annotate.NewText(old)
	src, cue := anchorOn(t, old, "the senator", 0), anchorOn(t, old, "according to aides", 0)
	content := []annotate.Anchor{anchorOn(t, old, "We will win", 0), anchorOn(t, old, "senator said on Monday", 0)}
	a := annotate.Attribution{Source: &src, Cue: &cue, Content: content, Kind: annotate.Direct}
	got := New(text, annotate.NewText(nw)).PlaceAttribution(a)
	if got.Orphan() || len(got.Attribution.Content) != 2 || got.Attribution.Content[0].Exact != "We will win" ||
		got.Attribution.Content[1].Exact != "senator told reporters on Monday" {
		t.Fatalf("content: %+v", got.Attribution.Content)
	}
	if got.Attribution.Cue != nil || got.Cue == nil || !got.Cue.IsOrphan() {
		t.Errorf("cue: kept %+v", got.Attribution.Cue)
	}
	if got.Attribution.Source == nil || got.Attribution.Source.Exact != "the senator" {
		t.Errorf("source: %+v", got.Attribution.Source)
	}
	if strings.Join(got.Lost, ",") != "cue" {
		t.Errorf("lost %v, want [cue]", got.Lost)
	}
	all := New(text, annotate.NewText("Nothing of it is left here at all.")).PlaceAttribution(a)
	if !all.Orphan() || len(all.Lost) != 4 || all.Content[0].Method != Orphan {
		t.Errorf("all lost: orphan %v, lost %v", all.Orphan(), all.Lost)
	}
}

func TestDiffTokens(t *testing.T) {
	tests := []struct {
		a, b []int32
		want []int32
	}{
		{[]int32{1, 2, 3}, []int32{1, 2, 3}, []int32{0, 1, 2}},
		{[]int32{1, 2, 3}, []int32{1, 3}, []int32{0, -1, 1}},
		{[]int32{1, 2, 3}, []int32{9, 1, 2, 3}, []int32{1, 2, 3}},
		{[]int32{1, 2, 3, 4}, []int32{3, 4, 1, 2}, nil}, // a move: two runs, one kept
		{[]int32{5, 5, 5}, []int32{5, 5}, []int32{0, 1, -1}},
		{nil, []int32{1}, []int32{}},
	}
	for _, tt := range tests {
		got := diffTokens(tt.a, tt.b, 10)
		if tt.want == nil {
			kept := 0
			for _, j := range got {
				if j >= 0 {
					kept++
				}
			}
			if kept != 2 {
				t.Errorf("diff %v %v = %v, want one run of two kept", tt.a, tt.b, got)
			}
			continue
		}
		if len(got) != len(tt.want) {
			t.Fatalf("diff %v %v = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("diff %v %v = %v, want %v", tt.a, tt.b, got, tt.want)
				break
			}
		}
	}
}

func TestHeaviestPrefersRuns(t *testing.T) {
	// 30 is unique on both sides but alone; 20 21 22 is a run of three:
	// both are one unique token long as patience counts, the run weighs more
	old := []int32{10, 20, 21, 22, 30, 11}
	nw := []int32{10, 30, 20, 21, 22, 11}
	got := diffTokens(old, nw, 40)
	if got[1] != 2 || got[2] != 3 || got[3] != 4 || got[4] != -1 {
		t.Errorf("diff = %v, want the run 20 21 22 kept and the lone 30 dropped", got)
	}
}

func TestSlideDeletionToSentence(t *testing.T) {
	old := "Alpha said yes.\n\nThe vote was close. The count took hours."
	nw := "Alpha said yes.\n\nThe count took hours."
	m := New(annotate.NewText(old), annotate.NewText(nw))
	for i, tk := range m.oldT {
		w := string(m.oldR[tk.start:tk.end])
		if w == "vote" || w == "close" {
			if m.oldToNew[i] >= 0 {
				t.Fatalf("%q kept", w)
			}
		}
		if w == "count" && m.oldToNew[i] < 0 {
			t.Fatal("count lost")
		}
	}
	// the first "The" went with its sentence: the span lost 4 of 7 words
	a := anchorOn(t, old, "Alpha said yes.\n\nThe vote was close.", 0)
	if p := m.Place(a); !p.IsOrphan() {
		t.Fatalf("placed on %q, want an orphan", p.Anchor.Exact)
	}
	if th := m.oldToNew[3]; th >= 0 && string(m.newR[m.newT[th].start:m.newT[th].end]) == "The" && m.oldT[4].id == m.voc.ids["vote"] {
		t.Fatalf("the deleted sentence's The is matched")
	}
}
