package suggest

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/factmark/factmark/annotate"
)

// sentences returns the token ranges of d's sentences.
func (d *doc) sentences() [][2]int {
	var out [][2]int
	if n := len(d.toks); n > 0 {
		out = make([][2]int, 0, d.toks[n-1].Sent+1) // sentences are numbered from 0 in order
	}
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

// scoreSentences scores every sentence of d, as one voice's text or, with
// turns (ti not nil), as a transcript's (see Options.Turns): then only the
// sentences in turns, since what lies outside every turn is nobody's claim
// (the speakers' labels between turns, a heading). done reports progress in
// paragraphs.
func (s *Suggester) scoreSentences(ctx context.Context, d *doc, text *annotate.Text, ti *turnIndex, done func(int)) ([]Sentence, error) {
	spans := d.sentences()
	var turnOf []int
	if ti != nil {
		spans, turnOf = ti.split(d, spans)
	}
	toks := make([][]token, len(spans))
	for i, sp := range spans {
		toks[i] = d.toks[sp[0]:sp[1]]
	}
	found := make([]map[string][]string, len(spans))
	for i := range found {
		found[i] = map[string][]string{}
	}
	lines, turn, ok := []lineCtx(nil), []int(nil), false
	if ti != nil {
		lines, turn, ok = ti.contexts(toks, turnOf)
	}
	if !ok {
		lines, turn, turnOf = articleContexts(toks), make([]int, len(toks)), nil // one turn
	}
	kind := textKind(lines)
	vecs := claimVectors(toks, lines, kind, s.words, s.claims.Bits, found)
	raw := make([]float64, len(vecs))
	for i, v := range vecs {
		raw[i] = float64(s.claims.logit(v))
	}
	pooled := pool(raw, turn, float64(s.claims.Pool))

	rw := s.claims.newReasonWeights(kind)
	out := make([]Sentence, 0, len(spans))
	for i, sp := range spans {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			done(d.toks[sp[0]].Para)
		}
		if turnOf != nil && turnOf[i] < 0 {
			continue // nobody's words: a speaker's label ("BLITZER:"), a heading
		}
		sent := Sentence{
			Anchor:  d.anchorOf(text, sp[0], sp[1]),
			Score:   displayScore(pooled[i]),
			Reasons: s.claims.reasons(toks[i], found[i], vecs[i], rw, pooled[i]-raw[i]),
			logit:   pooled[i],
		}
		if turnOf != nil {
			w := ti.who[turnOf[i]]
			sent.Speaker, sent.SpeakerID = w.name, w.id
		}
		out = append(out, sent)
	}
	return out, nil
}

// displayScore turns a pooled logit into the probability shown to the
// user and compared with MinClaimScore, rounded to four decimals.
func displayScore(z float64) float64 { return math.Round(1e4*sigmoid(z)) / 1e4 }

// articleContexts places an article's sentences as a speech transcript's:
// one voice in one turn. (Its paragraphs are not turns: a speech's turns
// end only where someone else speaks. Taking paragraphs as turns for
// pooling and speaker features ranked 11 of the seed article's 14 gold
// claims among its top 20 sentences, one turn 12.)
func articleContexts(sents [][]token) []lineCtx {
	speaker := make([]string, len(sents))
	turn := make([]int, len(sents))
	question := make([]bool, len(sents))
	for i, s := range sents {
		question[i] = isQuestion(s)
	}
	return lineContexts(speaker, turn, question)
}

// reasons lists, strongest first, the cue groups that raised the sentence's
// score (those whose learned weight is positive), each with what triggered
// it, and the words that pushed it up most (by at least 0.1 of the logit);
// last, its neighbours, when pooling raised its logit by at least 0.1. rw
// holds the weights for the text's kind.
func (m *claimModel) reasons(toks []token, found map[string][]string, v claimVec, rw *reasonWeights, raised float64) []string {
	x := v.x
	type reason struct {
		text   string
		weight float32
	}
	var rs []reason
	for group, whats := range found {
		w := rw.group(group)
		if w <= 0 {
			continue
		}
		text := group
		if len(whats) > 0 && whats[0] != "" {
			text += ": " + strings.Join(whats, ", ")
		}
		rs = append(rs, reason{text, w * x})
	}
	var words []reason
	rw.seen = rw.seen[:0]
	for i := range toks {
		w := toks[i].Lower
		if slices.Contains(rw.seen, w) {
			continue
		}
		weight, ok := rw.word(w)
		if !ok {
			continue
		}
		rw.seen = append(rw.seen, w)
		if v := weight * x; v >= 0.1 {
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
	sort.Slice(rs, func(i, j int) bool { // found is a map: ties go by text
		if rs[i].weight != rs[j].weight {
			return rs[i].weight > rs[j].weight
		}
		return rs[i].text < rs[j].text
	})
	out := make([]string, len(rs), len(rs)+1)
	for i, r := range rs {
		out[i] = r.text
	}
	if raised >= 0.1 {
		out = append(out, cfPassage)
	}
	return out
}

// functionWords are left out of the words a reason names: the model may
// weigh them, but "wording typical of check-worthy claims: has" explains
// nothing. (The features keep them.)
var functionWords = setOf("the", "and", "but", "for", "nor", "yet", "has", "had", "was", "are", "is",
	"its", "his", "her", "our", "who", "whom", "whose", "can", "did", "may", "not", "off", "out",
	"all", "any", "own", "too", "via", "per", "being", "under", "while", "where", "after", "before",
	"since", "until", "upon", "among", "against", "between", "through", "during", "without", "within",
	"she", "him", "hers", "you", "yours", "ours", "theirs", "mine")

// groupTags maps each cue group to the feature tag claimFeatures gives it.
var groupTags = map[string][]string{
	cfNumber: {"num"}, cfQuantity: {"qty"}, cfDate: {"year", "month"}, cfCompare: {"cmp"},
	cfEntity: {"ent"}, cfReported: {"rep"}, cfChange: {"chg"}, cfOpinion: {"op"},
	cfQuestion: {"q"}, cfShort: {"short"},
}

// reasonWeights are the weights reasons reads, for one kind of text, each
// computed once: they are the same for every sentence of the text.
type reasonWeights struct {
	m      *claimModel
	kind   string
	groups map[string]float32
	words  map[string]float32 // NaN: a word reasons do not name
	seen   []string           // the words of the sentence reasons has weighed
	fs     featureSet
}

func (m *claimModel) newReasonWeights(kind string) *reasonWeights {
	return &reasonWeights{m: m, kind: kind, groups: map[string]float32{}, words: map[string]float32{}}
}

// group is the weight of a cue group (groupWeight).
func (rw *reasonWeights) group(g string) float32 {
	w, ok := rw.groups[g]
	if !ok {
		w = rw.m.groupWeight(g, rw.kind, &rw.fs)
		rw.groups[g] = w
	}
	return w
}

// word is the weight of lower-cased word w's features, and false for a
// word a reason does not name (punctuation, stop and function words,
// words under three bytes).
func (rw *reasonWeights) word(w string) (float32, bool) {
	weight, ok := rw.words[w]
	if !ok {
		weight = float32(math.NaN())
		if !isPunct(w) && !stopwords[w] && !functionWords[w] && len(w) >= 3 {
			rw.fs.reset(rw.m.Bits)
			rw.fs.add("w", w)
			rw.fs.add2("dw", rw.kind, w)
			weight = rw.m.sumWeights(rw.fs.out)
		}
		rw.words[w] = weight
	}
	return weight, weight == weight
}

// groupWeight is the weight of a cue group's feature, plus that of its copy
// conjoined with the kind of text (see claimVectors).
func (m *claimModel) groupWeight(group, kind string, fs *featureSet) float32 {
	var best float32 = -1e9
	for _, tag := range groupTags[group] {
		fs.reset(m.Bits)
		fs.add("g", tag)
		fs.add2("dg", kind, tag)
		best = max(best, m.sumWeights(fs.out))
	}
	return best
}

// sumWeights sums the weights of hashed features.
func (m *claimModel) sumWeights(idx []uint32) float32 {
	var w float32
	for _, f := range idx {
		w += m.W[f]
	}
	return w
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
