package suggest

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/factmark/factmark/annotate"
)

// sentences returns the token ranges of d's sentences.
func (d *doc) sentences() [][2]int {
	var out [][2]int
	for i := 0; i < len(d.toks); {
		j := i + 1
		for j < len(d.toks) && d.toks[j].Sent == d.toks[i].Sent {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// scoreSentences scores every sentence of d. done reports progress in
// paragraphs.
func (s *Suggester) scoreSentences(ctx context.Context, d *doc, text *annotate.Text, done func(int)) ([]Sentence, error) {
	spans := d.sentences()
	toks := make([][]token, len(spans))
	for i, sp := range spans {
		toks[i] = d.toks[sp[0]:sp[1]]
	}
	found := make([]map[string][]string, len(spans))
	for i := range found {
		found[i] = map[string][]string{}
	}
	vecs := sentenceVectors(toks, s.claims.Bits, found)
	known := knownNames(d.toks)
	out := make([]Sentence, len(spans))
	for i, sp := range spans {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			done(d.toks[sp[0]].Para)
		}
		z := float64(s.claims.logit(vecs[i]))
		prior, why := textPrior(toks[i], known)
		out[i] = Sentence{
			Anchor:  d.anchorOf(text, sp[0], sp[1]),
			Score:   math.Round(1e4/(1+math.Exp(-z-prior))) / 1e4,
			Reasons: append(s.claims.reasons(toks[i], found[i]), why...),
		}
	}
	return out, nil
}

// reasons lists, strongest first, the cue groups that raised the sentence's
// score (those whose learned weight is positive), each with what triggered
// it, and the words that pushed it up most.
func (m *claimModel) reasons(toks []token, found map[string][]string) []string {
	type reason struct {
		text   string
		weight float32
	}
	var rs []reason
	var fs featureSet
	for group, whats := range found {
		w := m.groupWeight(group, &fs)
		if w <= 0 {
			continue
		}
		text := group
		if len(whats) > 0 && whats[0] != "" {
			text += ": " + strings.Join(whats, ", ")
		}
		rs = append(rs, reason{text, w})
	}
	var words []reason
	seen := map[string]bool{}
	for i := range toks {
		w := toks[i].Lower
		if seen[w] || isPunct(w) || stopwords[w] || len(w) < 3 {
			continue
		}
		seen[w] = true
		fs.reset(m.Bits)
		fs.add("w", w)
		if v := m.W[fs.out[0]]; v > 0.1 {
			words = append(words, reason{toks[i].Text, v})
		}
	}
	sort.Slice(words, func(i, j int) bool { return words[i].weight > words[j].weight })
	if len(words) > 0 {
		var ws []string
		var sum float32
		for _, w := range words[:min(3, len(words))] {
			ws = append(ws, w.text)
			sum += w.weight
		}
		rs = append(rs, reason{fmt.Sprintf("%s: %s", cfWords, strings.Join(ws, ", ")), sum})
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].weight > rs[j].weight })
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.text
	}
	return out
}

// groupTags maps each cue group to the feature tag claimFeatures gives it.
var groupTags = map[string][]string{
	cfNumber: {"num"}, cfQuantity: {"qty"}, cfDate: {"year", "month"}, cfCompare: {"cmp"},
	cfEntity: {"ent"}, cfReported: {"rep"}, cfChange: {"chg"}, cfOpinion: {"op"},
	cfQuestion: {"q"}, cfShort: {"short"},
}

func (m *claimModel) groupWeight(group string, fs *featureSet) float32 {
	var best float32 = -1e9
	for _, tag := range groupTags[group] {
		fs.reset(m.Bits)
		fs.add("g", tag)
		best = max(best, m.W[fs.out[0]])
	}
	return best
}

// Prior weights for written texts. The claims model learns from debate
// transcripts, which have no quotation marks and name few people or places;
// in news, what a fact-checker checks is mostly the reported facts about
// named actors, and a sentence that is all verbatim quotation is mostly the
// speaker's stance. These two adjustments are set by hand, not learned.
const (
	priorPerEntity = 0.25 // per distinct capitalised name inside the sentence, up to priorMaxEntities
	priorMaxEntity = 4
	priorQuoted    = -1.0 // times the share of the sentence's words inside quotation marks
)

// textPrior returns the hand-set adjustment of a sentence's logit and the
// reasons for it.
func textPrior(toks []token, known map[string]bool) (float64, []string) {
	names := map[string]bool{}
	var list []string
	words, quoted := 0, 0
	for i := range toks {
		t := &toks[i]
		if isPunct(t.Lower) {
			continue
		}
		words++
		if t.InQuote {
			quoted++
		}
		if isName(toks, i, known) && !names[t.Lower] {
			names[t.Lower] = true
			list = append(list, t.Text)
		}
	}
	if words == 0 {
		return 0, nil
	}
	n := min(len(names), priorMaxEntity)
	z := priorPerEntity*float64(n) + priorQuoted*float64(quoted)/float64(words)
	var why []string
	if n > 0 {
		why = append(why, fmt.Sprintf("names %d people, places or bodies: %s", len(names), strings.Join(list[:min(4, len(list))], ", ")))
	}
	if quoted*2 > words {
		why = append(why, "mostly a verbatim quotation (lowers the score)")
	}
	return z, why
}

// knownNames are the words the text capitalises where a sentence does not
// begin: a capitalised first word is a name when the text also writes it so
// elsewhere ("Russia invaded…" when "…against Russia" occurs too).
func knownNames(toks []token) map[string]bool {
	known := map[string]bool{}
	for i := range toks {
		if isName(toks, i, nil) {
			known[toks[i].Lower] = true
		}
	}
	return known
}

// isName guesses that token i is (part of) a name: capitalised, not a
// pronoun, weekday or month (dates have their own reason), and not the first
// word of the sentence or of a quotation unless known says the text writes it
// capitalised elsewhere.
func isName(toks []token, i int, known map[string]bool) bool {
	t := &toks[i]
	if !unicode.IsUpper(t.First) || t.End-t.Start < 2 || stopwords[t.Lower] || pronouns[t.Lower] || monthWords[t.Lower] {
		return false
	}
	for k := i - 1; k >= 0; k-- {
		switch p := &toks[k]; {
		case p.Quote == 1 || p.Text == "(" || p.Text == "—" || p.Text == ":":
			return known[t.Lower]
		case isPunct(p.Lower):
			continue
		}
		return true
	}
	return known[t.Lower]
}
