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

// transcriptSamples turns a transcript's sentences into feature vectors.
func transcriptSamples(t *Transcript, bits uint) []claimSample {
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
	vs := claimVectors(sents, lineContexts(speaker, turn, question), bits, nil)
	out := make([]claimSample, len(t.Lines))
	for i, l := range t.Lines {
		out[i] = claimSample{vec: vs[i], label: l.Worthy}
	}
	return out
}

// isQuestion reports whether a sentence ends with a question mark.
func isQuestion(toks []token) bool {
	return len(toks) > 0 && toks[len(toks)-1].Text == "?"
}

// trainClaimModel trains the check-worthiness model on transcripts,
// choosing its regularisation and weighting by cross-validation.
func trainClaimModel(ts []Transcript, o ClaimOptions) (*claimModel, ClaimOptions) {
	o.defaults()
	groups := make([][]claimSample, len(ts))
	for i := range ts {
		groups[i] = transcriptSamples(&ts[i], o.Bits)
	}
	return fitClaims(groups, o)
}

// FoldAP is one transcript's average precision.
type FoldAP struct {
	Name      string
	Sentences int
	Worthy    int
	AP        float64
	L2        float64 // the L2 penalty chosen for the fold
	TWeight   float64 // the transcript weighting chosen for the fold
}

// LeaveOneOut measures the check-worthiness model the honest way on
// transcripts it could otherwise have been trained on: for each transcript,
// a model is fitted on all the others (choosing its regularisation by
// cross-validation among those others only) and ranks that one. It returns
// each transcript's average precision; their mean is the MAP.
func LeaveOneOut(ts []Transcript, o ClaimOptions) []FoldAP {
	o.defaults()
	samples := make([][]claimSample, len(ts))
	for i := range ts {
		samples[i] = transcriptSamples(&ts[i], o.Bits)
	}
	out := make([]FoldAP, len(ts))
	for k := range ts {
		var train [][]claimSample
		for i := range ts {
			if i != k {
				train = append(train, samples[i])
			}
		}
		m, fo := fitClaims(train, o)
		out[k] = rankFold(&ts[k], samples[k], m)
		out[k].L2, out[k].TWeight = fo.L2, fo.TWeight
	}
	return out
}

// innerFolds is how many folds of whole transcripts choose the L2 penalty
// and the transcript weighting; transcript i goes to fold i mod innerFolds.
const innerFolds = 3

// fitClaims trains on transcripts' samples (one group a transcript). It
// first picks, of the pairs in o.L2Grid × o.TWeightGrid, the one with the
// best mean average precision over innerFolds folds of those transcripts
// (each ranked by a model trained on the other folds), then trains on them
// all with it, and returns the model and the options it was trained with.
func fitClaims(groups [][]claimSample, o ClaimOptions) (*claimModel, ClaimOptions) {
	o.defaults()
	all := func(skip int, tw float64) []claimSample {
		var out []claimSample
		for i, g := range groups {
			if skip < 0 || i%innerFolds != skip {
				w := math.Pow(1000/float64(len(g)), tw)
				for _, s := range g {
					s.weight = w
					out = append(out, s)
				}
			}
		}
		return out
	}
	type cand struct{ l2, tw float64 }
	var cands []cand
	for _, l2 := range o.L2Grid {
		for _, tw := range o.TWeightGrid {
			cands = append(cands, cand{l2, tw})
		}
	}
	best := 0
	if len(cands) > 1 && len(groups) >= innerFolds {
		score := make([]float64, len(cands))
		var mu sync.Mutex
		var wg sync.WaitGroup
		sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
		for j, c := range cands {
			for f := range innerFolds {
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					io := o
					io.L2 = c.l2
					m := trainClaims(all(f, c.tw), io)
					var sum float64
					for i, g := range groups {
						if i%innerFolds == f {
							sum += sampleAP(g, m)
						}
					}
					mu.Lock()
					score[j] += sum
					mu.Unlock()
				}()
			}
		}
		wg.Wait()
		for j := range score {
			if score[j] > score[best] {
				best = j
			}
		}
	}
	o.L2, o.TWeight = cands[best].l2, cands[best].tw
	return trainClaims(all(-1, o.TWeight), o), o
}

func sampleAP(ss []claimSample, m *claimModel) float64 {
	scores := make([]float64, len(ss))
	worthy := make([]bool, len(ss))
	for i, s := range ss {
		scores[i] = float64(m.logit(s.vec))
		worthy[i] = s.label
	}
	return AveragePrecision(scores, worthy)
}

func rankFold(t *Transcript, ss []claimSample, m *claimModel) FoldAP {
	scores := make([]float64, len(ss))
	worthy := make([]bool, len(ss))
	f := FoldAP{Name: t.Name, Sentences: len(ss)}
	for i, s := range ss {
		scores[i] = float64(m.logit(s.vec))
		worthy[i] = s.label
		if s.label {
			f.Worthy++
		}
	}
	f.AP = AveragePrecision(scores, worthy)
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
	return rankFold(t, transcriptSamples(t, s.claims.Bits), s.claims)
}
