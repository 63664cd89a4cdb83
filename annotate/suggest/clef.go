package suggest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"
)

// Transcript is one debate or speech of the CLEF CheckThat! 2019 task 1 data:
// its sentences in order, each with the speaker and the gold label.
type Transcript struct {
	Name  string
	Lines []TranscriptLine
}

// TranscriptLine is one sentence of a transcript.
type TranscriptLine struct {
	Line    int
	Speaker string
	Text    string
	Worthy  bool // label 1: check-worthy
}

// ReadCLEF reads the task's CSV (line_number,speaker,text,label,file_name)
// into transcripts, in the order they first appear.
func ReadCLEF(r io.Reader) ([]Transcript, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("clef csv: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"line_number", "speaker", "text", "label", "file_name"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("clef csv: no %q column", h)
		}
	}
	var out []Transcript
	index := map[string]int{}
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("clef csv: %w", err)
		}
		line, err := strconv.Atoi(rec[col["line_number"]])
		if err != nil {
			return nil, fmt.Errorf("clef csv: row %d: line_number %q", row, rec[col["line_number"]])
		}
		name := rec[col["file_name"]]
		k, ok := index[name]
		if !ok {
			k = len(out)
			index[name] = k
			out = append(out, Transcript{Name: name})
		}
		out[k].Lines = append(out[k].Lines, TranscriptLine{
			Line: line, Speaker: rec[col["speaker"]], Text: rec[col["text"]], Worthy: rec[col["label"]] == "1",
		})
	}
	if len(out) == 0 {
		return nil, errors.New("clef csv: no rows")
	}
	return out, nil
}

// AveragePrecision is the task's measure for one ranked transcript: the mean,
// over the check-worthy sentences, of the precision of the ranking cut at each
// of them. Sentences are ranked by score, highest first; ties keep their
// order in the transcript. It is 0 when no sentence is check-worthy.
func AveragePrecision(scores []float64, worthy []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	hits, sum := 0, 0.0
	for rank, i := range idx {
		if worthy[i] {
			hits++
			sum += float64(hits) / float64(rank+1)
		}
	}
	if hits == 0 {
		return 0
	}
	return sum / float64(hits)
}

// claimGroup is one transcript's samples and the turn of each sentence.
type claimGroup struct {
	samples []claimSample
	turn    []int
}

// transcriptSamples turns a transcript's sentences into feature vectors.
func transcriptSamples(t *Transcript, wv *wordVectors, bits uint) claimGroup {
	sents := make([][]token, len(t.Lines))
	speaker := make([]string, len(t.Lines))
	turn := make([]int, len(t.Lines))
	question := make([]bool, len(t.Lines))
	for i, l := range t.Lines {
		sents[i] = tokenize([]rune(l.Text), l.Text)
		speaker[i] = l.Speaker
		if i > 0 {
			turn[i] = turn[i-1]
			if l.Speaker != speaker[i-1] {
				turn[i]++
			}
		}
		question[i] = isQuestion(sents[i])
	}
	ctx := lineContexts(speaker, turn, question)
	vs := claimVectors(sents, ctx, textKind(ctx), wv, bits, nil)
	g := claimGroup{samples: make([]claimSample, len(t.Lines)), turn: turn}
	for i, l := range t.Lines {
		g.samples[i] = claimSample{vec: vs[i], label: l.Worthy}
	}
	return g
}

// isQuestion reports whether a sentence ends with a question mark.
func isQuestion(toks []token) bool {
	return len(toks) > 0 && toks[len(toks)-1].Text == "?"
}

// trainClaimModel trains the check-worthiness model on transcripts,
// choosing its regularisation, weighting and pooling by cross-validation.
func trainClaimModel(ts []Transcript, wv *wordVectors, o ClaimOptions) (*claimModel, ClaimOptions) {
	o.defaults()
	groups := make([]claimGroup, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], wv, o.Bits)
	}
	return fitClaims(groups, o)
}

// FoldAP is one transcript's average precision.
type FoldAP struct {
	Name      string
	Sentences int
	Worthy    int
	AP        float64
	Pool      float64 // the pooling weight chosen for the fold
	// Unmatched counts the lines RankArticle did not find in the article
	// (ranked last).
	Unmatched int
	// Scored are the transcript's sentences in order, each with its score
	// as the desk shows it (0–1) and its gold label.
	Scored []Scored
}

// Scored is one sentence's check-worthiness score, 0–1, and whether the
// gold data calls it check-worthy.
type Scored struct {
	Score  float64
	Worthy bool
}

// LeaveOneOut measures the check-worthiness model the honest way on
// transcripts it could otherwise have been trained on: for each transcript,
// a model is fitted on all the others (choosing its pooling by
// cross-validation among those others only) and
// ranks that one. It returns each transcript's average precision; their
// mean is the MAP. The word vectors are the suggester's, learned from news
// text, never from the transcripts.
func (s *Suggester) LeaveOneOut(ts []Transcript, o ClaimOptions) []FoldAP {
	o.defaults()
	groups := make([]claimGroup, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], s.words, o.Bits)
	}
	out := make([]FoldAP, len(ts))
	for k := range ts {
		m, fo := fitClaims(othersThan(groups, k), o)
		out[k] = rankFold(&ts[k], groups[k], m)
		out[k].Pool = fo.Pool
	}
	return out
}

// LeaveOneOutSuggesters are, for each transcript, the suggester with its
// claims model trained on the others as LeaveOneOut trains it (the same
// models, the cue and word models unchanged), to rank that transcript in
// other forms (RankArticle) without having seen it. Pools are the pooling
// weights chosen.
func (s *Suggester) LeaveOneOutSuggesters(ts []Transcript, o ClaimOptions) (out []*Suggester, pools []float64) {
	o.defaults()
	groups := make([]claimGroup, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], s.words, o.Bits)
	}
	for k := range ts {
		m, fo := fitClaims(othersThan(groups, k), o)
		out = append(out, &Suggester{attr: s.attr, claims: m, words: s.words})
		pools = append(pools, fo.Pool)
	}
	return out, pools
}

// othersThan are the groups but the k-th.
func othersThan(groups []claimGroup, k int) []claimGroup {
	var out []claimGroup
	for i := range groups {
		if i != k {
			out = append(out, groups[i])
		}
	}
	return out
}

// innerFolds is how many folds of whole transcripts choose the pooling
// weight; transcript i goes to fold i mod innerFolds.
const innerFolds = 3

// fitClaims trains on transcripts' samples (one group a transcript) the
// average of the models of every L2 penalty and transcript weighting in the
// grids — one linear model, since averaging the weights averages the scores.
// Averaging rather than choosing one pair by cross-validation avoids fitting
// the choice to the noise of a few transcripts: in leave-one-transcript-out
// tests a nested choice lost 0.005–0.01 of MAP, the average none. The
// pooling weight is then chosen from o.PoolGrid by the mean average
// precision over innerFolds folds of the transcripts, each ranked by the
// average model trained on the other folds. It returns the model and the
// options with the chosen Pool.
func fitClaims(groups []claimGroup, o ClaimOptions) (*claimModel, ClaimOptions) {
	o.defaults()
	best := 0
	if len(o.PoolGrid) > 1 && len(groups) >= innerFolds {
		score := make([]float64, len(o.PoolGrid))
		for f := range innerFolds {
			m := averageModel(groups, f, o)
			for i, g := range groups {
				if i%innerFolds != f {
					continue
				}
				raw := rawScores(g.samples, m)
				for p, beta := range o.PoolGrid {
					score[p] += groupAP(g, pool(raw, g.turn, beta))
				}
			}
		}
		for p := range score {
			if score[p] > score[best] {
				best = p
			}
		}
	}
	o.Pool = o.PoolGrid[best]
	m := averageModel(groups, -1, o)
	m.Pool = float32(o.Pool)
	return m, o
}

// averageModel trains a model for each pair of o.L2Grid × o.TWeightGrid on
// the groups not in inner fold skip (all of them when skip < 0), in
// parallel, and returns their average.
func averageModel(groups []claimGroup, skip int, o ClaimOptions) *claimModel {
	type pair struct{ l2, tw float64 }
	var pairs []pair
	for _, l2 := range o.L2Grid {
		for _, tw := range o.TWeightGrid {
			pairs = append(pairs, pair{l2, tw})
		}
	}
	ms := make([]*claimModel, len(pairs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for j, p := range pairs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			po := o
			po.L2 = p.l2
			ms[j] = trainClaims(weighted(groups, skip, p.tw), po)
		}()
	}
	wg.Wait()
	return averageOf(ms)
}

// weighted gathers the samples of the groups not in inner fold skip, each
// weighted by (1000/n)^tw for its transcript of n sentences and labelled
// with its group for the transcript intercepts.
func weighted(groups []claimGroup, skip int, tw float64) []claimSample {
	var out []claimSample
	for i, g := range groups {
		if skip >= 0 && i%innerFolds == skip {
			continue
		}
		w := math.Pow(1000/float64(len(g.samples)), tw)
		for _, s := range g.samples {
			s.weight, s.group = w, i
			out = append(out, s)
		}
	}
	return out
}

// averageOf averages models of the same shape, weights and biases alike.
func averageOf(ms []*claimModel) *claimModel {
	out := &claimModel{Bits: ms[0].Bits, W: make([]float32, len(ms[0].W)), E: make([]float32, len(ms[0].E))}
	n := float32(len(ms))
	for _, m := range ms {
		for i, w := range m.W {
			out.W[i] += w / n
		}
		for i, w := range m.E {
			out.E[i] += w / n
		}
		out.Bias += m.Bias / n
	}
	return out
}

// rawScores are the model's scores of samples before pooling.
func rawScores(ss []claimSample, m *claimModel) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = float64(m.logit(s.vec))
	}
	return out
}

// scores are the model's final scores of a transcript's sentences.
func (m *claimModel) scores(g claimGroup) []float64 {
	return pool(rawScores(g.samples, m), g.turn, float64(m.Pool))
}

func groupAP(g claimGroup, scores []float64) float64 {
	worthy := make([]bool, len(g.samples))
	for i, s := range g.samples {
		worthy[i] = s.label
	}
	return AveragePrecision(scores, worthy)
}

func rankFold(t *Transcript, g claimGroup, m *claimModel) FoldAP {
	f := FoldAP{Name: t.Name, Sentences: len(g.samples)}
	for _, s := range g.samples {
		if s.label {
			f.Worthy++
		}
	}
	scores := m.scores(g)
	f.AP = groupAP(g, scores)
	f.Scored = make([]Scored, len(scores))
	for i, z := range scores {
		f.Scored[i] = Scored{Score: displayScore(z), Worthy: g.samples[i].label}
	}
	return f
}

// MeanAP is the mean of the folds' average precisions.
func MeanAP(folds []FoldAP) float64 {
	if len(folds) == 0 {
		return 0
	}
	s := 0.0
	for _, f := range folds {
		s += f.AP
	}
	return s / float64(len(folds))
}

// RankTranscript ranks a transcript's sentences with the shipped model and
// returns its average precision.
func (s *Suggester) RankTranscript(t *Transcript) FoldAP {
	return rankFold(t, transcriptSamples(t, s.words, s.claims.Bits), s.claims)
}

// poolReach is how many sentences either side pooling looks at.
const poolReach = 2

// pool blends each raw score with the best raw score of the other
// sentences within poolReach of it in the same turn, weighing the neighbour
// by beta and itself by 1 (a sentence alone in its turn keeps its score): a
// sentence beside a strong claim is often part of what gets checked
// ("That's wrong." answering one, the figure after the claim).
func pool(raw []float64, turn []int, beta float64) []float64 {
	out := make([]float64, len(raw))
	for i, z := range raw {
		best := neighbourBest(raw, turn, i)
		out[i] = (z + beta*best) / (1 + beta)
	}
	return out
}

// neighbourBest is the best raw score within poolReach of sentence i in
// its turn, or its own when it has no such neighbour.
func neighbourBest(raw []float64, turn []int, i int) float64 {
	best, found := raw[i], false
	for j := max(0, i-poolReach); j <= min(len(raw)-1, i+poolReach); j++ {
		if j != i && turn[j] == turn[i] && (!found || raw[j] > best) {
			best, found = raw[j], true
		}
	}
	return best
}
