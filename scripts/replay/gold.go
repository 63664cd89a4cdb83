package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
)

// span is a code-point range [start, end) of the article.
type span [2]int

func (s span) overlap(t span) int { return max(0, min(s[1], t[1])-max(s[0], t[0])) }

// goldAttr is one attribution of the gold, with its speaker's name.
type goldAttr struct {
	source, cue *span
	content     []span
	speaker     string
	kind        string
	done        bool
}

type goldSet struct {
	attrs  []*goldAttr
	claims []span
	done   map[span]bool // claims made
	text   []rune
	doc    *annotate.Text // for the desk's word steps
}

// loadGold reads the brat gold as `factmark eval attributions` does, and
// the speaker of each source from its "speaker=" note.
func loadGold(txt, ann string) (*goldSet, error) {
	ex, err := suggest.LoadExample(suggest.GoldFile{Name: "article", Text: txt, Ann: ann})
	if err != nil {
		return nil, err
	}
	speakers, err := sourceSpeakers(ann)
	if err != nil {
		return nil, err
	}
	g := &goldSet{done: map[span]bool{}, text: []rune(ex.Text.String()), doc: ex.Text}
	for _, a := range ex.Attributions {
		ga := &goldAttr{kind: string(a.Kind)}
		if a.Source != nil {
			ga.source = &span{a.Source.Start, a.Source.End}
			ga.speaker = speakers[*ga.source]
			if ga.speaker == "" {
				return nil, fmt.Errorf("%s: the source %q has no speaker= note", ann, a.Source.Exact)
			}
		}
		if a.Cue != nil {
			ga.cue = &span{a.Cue.Start, a.Cue.End}
		}
		for _, c := range a.Content {
			ga.content = append(ga.content, span{c.Start, c.End})
		}
		g.attrs = append(g.attrs, ga)
	}
	sort.Slice(g.attrs, func(i, j int) bool { return g.attrs[i].content[0][0] < g.attrs[j].content[0][0] })
	for _, c := range ex.Claims {
		g.claims = append(g.claims, span{c.Anchors[0].Start, c.Anchors[0].End})
	}
	sort.Slice(g.claims, func(i, j int) bool { return g.claims[i][0] < g.claims[j][0] })
	return g, nil
}

// sourceSpeakers maps each Source span of a brat file to the name its
// AnnotatorNotes "speaker=NAME" gives.
func sourceSpeakers(ann string) (map[span]string, error) {
	f, err := os.Open(ann)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spans := map[string]span{}
	names := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 {
			continue
		}
		head := strings.Fields(cols[1])
		switch {
		case strings.HasPrefix(cols[0], "T") && len(head) == 3 && head[0] == "Source":
			s, err1 := strconv.Atoi(head[1])
			e, err2 := strconv.Atoi(head[2])
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("%s: bad span in %q", ann, sc.Text())
			}
			spans[cols[0]] = span{s, e}
		case strings.HasPrefix(cols[0], "#") && len(head) == 2 && head[0] == "AnnotatorNotes" && len(cols) == 3 &&
			strings.HasPrefix(cols[2], "speaker="):
			names[head[1]] = strings.TrimPrefix(cols[2], "speaker=")
		}
	}
	out := map[span]string{}
	for id, s := range spans {
		out[s] = names[id]
	}
	return out, sc.Err()
}

// quote is the text of a span, for logs.
func (g *goldSet) quote(s span) string {
	if s[0] < 0 || s[1] > len(g.text) || s[0] > s[1] {
		return fmt.Sprintf("[%d,%d)", s[0], s[1])
	}
	q := string(g.text[s[0]:s[1]])
	if r := []rune(q); len(r) > 40 {
		q = string(r[:37]) + "…"
	}
	return "“" + q + "”"
}

// quoteP is quote for a span that may be missing.
func (g *goldSet) quoteP(s *span) string {
	if s == nil {
		return "(none)"
	}
	return g.exact(*s)
}

// exact is the span's offsets and whole text, for the log of a fix.
func (g *goldSet) exact(s span) string {
	if s[0] < 0 || s[1] > len(g.text) || s[0] > s[1] {
		return fmt.Sprintf("[%d,%d)", s[0], s[1])
	}
	return fmt.Sprintf("[%d,%d) “%s”", s[0], s[1], string(g.text[s[0]:s[1]]))
}
