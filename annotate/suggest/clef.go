package suggest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
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
	for i, l := range t.Lines {
		sents[i] = tokenize([]rune(l.Text), l.Text)
	}
	vs := sentenceVectors(sents, bits, nil)
	out := make([]claimSample, len(t.Lines))
	for i, l := range t.Lines {
		out[i] = claimSample{feats: vs[i], label: l.Worthy}
	}
	return out
}

// TrainClaimModel trains the check-worthiness model on transcripts.
func trainClaimModel(ts []Transcript, o ClaimOptions) *claimModel {
	o.defaults()
	var all []claimSample
	for i := range ts {
		all = append(all, transcriptSamples(&ts[i], o.Bits)...)
	}
	return trainClaims(all, o)
}

// FoldAP is one transcript's average precision.
type FoldAP struct {
	Name      string
	Sentences int
	Worthy    int
	AP        float64
}

// LeaveOneOut measures the check-worthiness model the honest way on
// transcripts it could otherwise have been trained on: for each transcript,
// a model is trained on all the others and ranks that one. It returns each
// transcript's average precision; their mean is the MAP.
func LeaveOneOut(ts []Transcript, o ClaimOptions) []FoldAP {
	o.defaults()
	samples := make([][]claimSample, len(ts))
	for i := range ts {
		samples[i] = transcriptSamples(&ts[i], o.Bits)
	}
	out := make([]FoldAP, len(ts))
	for k := range ts {
		var train []claimSample
		for i := range ts {
			if i != k {
				train = append(train, samples[i]...)
			}
		}
		m := trainClaims(train, o)
		out[k] = rankFold(&ts[k], samples[k], m)
	}
	return out
}

func rankFold(t *Transcript, ss []claimSample, m *claimModel) FoldAP {
	scores := make([]float64, len(ss))
	worthy := make([]bool, len(ss))
	f := FoldAP{Name: t.Name, Sentences: len(ss)}
	for i, s := range ss {
		prior, _ := textPrior(tokenize([]rune(t.Lines[i].Text), t.Lines[i].Text), nil)
		scores[i] = float64(m.logit(s.feats)) + prior
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
