package reanchor

import (
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// revise edits the words of text as ops say, one op byte a word in turn:
// delete, replace by another word of the text, insert one after it, break
// the paragraph after it, or keep it; a first op divisible by 5 also moves
// the first third of the words to the end.
func revise(text string, ops []byte) string {
	words := strings.Fields(text)
	if len(words) == 0 || len(ops) == 0 {
		return text
	}
	var out []string
	for i, w := range words {
		op := ops[i%len(ops)]
		other := words[(i*7+int(op))%len(words)]
		switch op % 8 {
		case 0:
		case 1:
			out = append(out, other)
		case 2:
			out = append(out, w, other)
		case 3:
			out = append(out, w+"\n\n")
		default:
			out = append(out, w)
		}
	}
	if ops[0]%5 == 0 && len(out) > 3 {
		k := len(out) / 3
		out = append(out[k:], out[:k]...)
	}
	return strings.Join(out, " ")
}

func FuzzPlace(f *testing.F) {
	f.Add("The minister said the budget would rise by 4% next year.\n\nCritics disagreed.", []byte{4, 4, 1, 4, 0, 4, 2}, uint16(4), uint16(20))
	f.Add("Linus wrote it. The machines ran it. Linus wrote it again.", []byte{0, 0, 0, 4, 4}, uint16(0), uint16(5))
	f.Add("Ça coûte 5 € à Zürich 👍🏽, dit Ünal.", []byte{5, 1, 5, 5}, uint16(3), uint16(12))
	f.Add("one", []byte{1}, uint16(0), uint16(2))
	f.Add("a a a a b b b b a a a a", []byte{5, 0, 5, 2}, uint16(8), uint16(9))
	f.Fuzz(func(t *testing.T, raw string, ops []byte, start, length uint16) {
		if len(raw) > 4000 {
			return
		}
		old, err := annotate.NormalizeText([]byte(raw))
		if err != nil {
			return
		}
		nw, err := annotate.NormalizeText([]byte(revise(old, ops)))
		if err != nil {
			nw = ""
		}
		ot, nt := annotate.NewText(old), annotate.NewText(nw)
		s := int(start) % ot.Len()
		e := s + 1 + int(length)%(ot.Len()-s)
		a, err := ot.Anchor(s, e)
		if err != nil {
			return
		}
		m := New(ot, nt)
		p := m.Place(a)
		checkPlacement(t, m, a, p)
	})
}

// checkPlacement holds what every placement must be: an orphan with no
// anchor, or a valid anchor of the new text whose words are close to the
// old quote's, as its method promises.
func checkPlacement(t *testing.T, m *Mapper, a annotate.Anchor, p Placement) {
	t.Helper()
	if p.IsOrphan() {
		if p.Anchor != (annotate.Anchor{}) || p.Score != 0 {
			t.Fatalf("orphan with %+v, score %v", p.Anchor, p.Score)
		}
		return
	}
	if err := m.new.Check("placement", p.Anchor); err != nil {
		t.Fatalf("%q → %+v: %v", a.Exact, p.Anchor, err)
	}
	if !(p.Score > 0 && p.Score <= 1) {
		t.Fatalf("score %v", p.Score)
	}
	q, got := []rune(a.Exact), []rune(p.Anchor.Exact)
	switch p.Method {
	case Exact:
		if p.Anchor.Exact != a.Exact {
			t.Fatalf("exact placement %q of %q", p.Anchor.Exact, a.Exact)
		}
	case Fuzzy:
		if sim := similarity(q, got); sim < MinQuote {
			t.Fatalf("fuzzy placement %q of %q: similarity %.2f < %.2f", p.Anchor.Exact, a.Exact, sim, MinQuote)
		}
	case Diff:
		lo, hi := tokenRange(m.oldT, a.Start, a.End)
		nlo, nhi := tokenRange(m.newT, p.Anchor.Start, p.Anchor.End)
		common := commonWords(m.oldR, m.oldT[lo:hi+1], m.newR, m.newT[nlo:nhi+1])
		if words := countWords(m.oldT[lo : hi+1]); 2*common <= words {
			t.Fatalf("diff placement %q of %q: %d words in common of %d", p.Anchor.Exact, a.Exact, common, words)
		}
	default:
		t.Fatalf("method %q", p.Method)
	}
}

// commonWords counts the tokens two token lists share, as multisets: at
// least one for each word the diff kept.
func commonWords(ar []rune, at []token, br []rune, bt []token) int {
	count := map[string]int{}
	for _, t := range at {
		count[string(ar[t.start:t.end])]++
	}
	n := 0
	for _, t := range bt {
		if w := string(br[t.start:t.end]); count[w] > 0 {
			count[w]--
			n++
		}
	}
	return n
}

// TestPlaceRandomRevisions runs the fuzz target's checks on every word span
// of generated revisions, so that they hold without a fuzzing run too.
func TestPlaceRandomRevisions(t *testing.T) {
	for _, rate := range []float64{0.05, 0.2, 0.5} {
		rng := newRand(int64(rate * 100))
		old, nw, anchors := generated(rng, 3000, rate, 500)
		m := New(annotate.NewText(old), annotate.NewText(nw))
		for _, a := range anchors {
			checkPlacement(t, m, a, m.Place(a))
		}
	}
}
