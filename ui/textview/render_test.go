package textview

import (
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestRenderMasters(t *testing.T) {
	for _, tc := range []struct {
		master  string
		variant fyne.ThemeVariant
	}{
		{"light.png", theme.VariantLight},
		{"dark.png", theme.VariantDark},
	} {
		t.Run(tc.master, func(t *testing.T) {
			w, v := newTestView(t, shortText, fyne.NewSize(360, 240))
			test.ApplyTheme(t, forceVariant(tc.variant))
			v.SetHighlights([]Highlight{
				{Start: 4, End: 12, Color: color.NRGBA{R: 0xff, G: 0xc8, A: 0xff}, ID: "source"},
				{Start: 8, End: 22, Color: color.NRGBA{G: 0x99, B: 0xff, A: 0xff}, ID: "overlap"},
				{Start: 23, End: 46, Color: color.NRGBA{R: 0x22, G: 0xbb, B: 0x44, A: 0xff}, ID: "suggested", Dashed: true},
			})
			v.SetSelection(runeIndex(t, shortText, "called"), runeIndex(t, shortText, " naïve"))
			test.AssertImageMatches(t, tc.master, w.Canvas().Capture())
		})
	}
}

func TestWrapCoversParagraphs(t *testing.T) {
	text := genProse(40000, 3) + "\n\nx\nsupercalifragilisticexpialidociouslyextraordinarilylongwordwithoutanyspaces end"
	_, v := newTestView(t, text, fyne.NewSize(300, 200))
	for p := range v.doc.paras {
		para := v.doc.paras[p]
		ls := v.linesOf(p)
		next, nextB := para.start, para.bstart
		for i, l := range ls {
			if l.start != next || l.bstart != nextB {
				t.Fatalf("paragraph %d line %d starts at %d/%d, want %d/%d", p, i, l.start, l.bstart, next, nextB)
			}
			trimmed := strings.TrimRight(v.doc.text[l.bstart:l.bend], " ")
			if w := v.xAt(l, l.start+runeCount(trimmed)); w > v.wc.width+0.01 {
				if e, _ := nextToken(trimmed, 0); e != len(trimmed) {
					t.Errorf("paragraph %d line %d %q is %v wide > %v", p, i, trimmed, w, v.wc.width)
				}
			}
			next, nextB = l.end, l.bend
		}
		if next != para.start+para.n || nextB != para.bstart+para.bn {
			t.Fatalf("paragraph %d lines end at %d, want %d", p, next, para.start+para.n)
		}
	}
}

func TestHighlightIndexMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	hs := make([]Highlight, 500)
	for i := range hs {
		s := rng.IntN(5000)
		hs[i] = Highlight{Start: s, End: s + rng.IntN(300), ID: string(rune('a' + i%26))}
	}
	x := newHLIndex(hs)
	for q := 0; q < 300; q++ {
		s := rng.IntN(5200)
		e := s + 1 + rng.IntN(100)
		want := 0
		for _, h := range hs {
			if h.Start < e && h.End > s && h.End > h.Start {
				want++
			}
		}
		if got := len(x.overlapping(s, e, nil)); got != want {
			t.Fatalf("overlapping(%d,%d): %d, want %d", s, e, got, want)
		}
	}
	at := x.at(hs[0].Start)
	for i := 1; i < len(at); i++ {
		if at[i].End-at[i].Start < at[i-1].End-at[i-1].Start {
			t.Fatalf("at(): not shortest first: %v", at)
		}
	}
}

func TestAssignLanes(t *testing.T) {
	bs := []band{{start: 0, end: 10}, {start: 5, end: 8}, {start: 7, end: 12}, {start: 20, end: 30}}
	assignLanes(bs)
	for i := range bs {
		for j := range bs {
			if i != j && bs[i].start < bs[j].end && bs[j].start < bs[i].end && bs[i].lane == bs[j].lane {
				t.Errorf("overlapping bands %v and %v share lane %d", bs[i], bs[j], bs[i].lane)
			}
		}
	}
	if last := bs[3]; last.lanes != 1 || last.lane != 0 {
		t.Errorf("a lone band should take the whole line: %+v", last)
	}
	if bs[0].lanes != 3 {
		t.Errorf("cluster of three overlapping bands: lanes %d", bs[0].lanes)
	}
}

func TestFenwick(t *testing.T) {
	var f fenwick
	counts := []int{3, 1, 4, 1, 5, 9, 2, 6}
	f.reset(append([]int(nil), counts...))
	f.set(2, 2)
	counts[2] = 2
	g := 0
	for p, c := range counts {
		if f.before(p) != g {
			t.Fatalf("before(%d) = %d, want %d", p, f.before(p), g)
		}
		for l := 0; l < c; l++ {
			if gp, gl := f.find(g + l); gp != p || gl != l {
				t.Fatalf("find(%d) = %d,%d, want %d,%d", g+l, gp, gl, p, l)
			}
		}
		g += c
	}
	if p, l := f.find(g + 5); p != len(counts)-1 || l != counts[len(counts)-1]-1 {
		t.Errorf("find past the end = %d,%d", p, l)
	}
}

func TestDocumentOffsets(t *testing.T) {
	text := "a“b”\n\n🙂é" + string(make([]rune, 300)) + "z"
	d := newDocument(text)
	runes := []rune(text)
	if d.size != len(runes) || len(d.paras) != 3 {
		t.Fatalf("size %d paras %d", d.size, len(d.paras))
	}
	for i := 0; i <= len(runes); i += 7 {
		if got, want := d.slice(0, i), string(runes[:i]); got != want {
			t.Fatalf("slice(0,%d) = %q, want %q", i, got, want)
		}
	}
	if p := d.paraAt(5); p != 1 {
		t.Errorf("paraAt(5) = %d, want 1 (the empty paragraph)", p)
	}
}
