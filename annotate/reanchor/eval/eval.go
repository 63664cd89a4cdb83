// Package eval measures re-anchoring on the datasets of shared/reanchor
// (generate.py): it places every annotation of a dataset with a
// reanchor.Mapper and scores the placements exactly as score.py does, so
// that a held-out set is measured the same way as the dev sets
// (cmd/reanchor-eval, or factmark's own eval command).
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/reanchor"
)

// Dataset is a generate.py output: two revisions and annotations on the
// first with their true span in the second (nil for an orphan).
type Dataset struct {
	Meta        map[string]any `json:"meta"`
	Original    string         `json:"original"`
	Revised     string         `json:"revised"`
	Annotations []Item         `json:"annotations"`
}

// Item is one annotation of a dataset.
type Item struct {
	ID     int    `json:"id"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	Truth  *Span  `json:"truth"`
	Kind   string `json:"kind"`
}

// Span is a range of code points, end exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Load reads a dataset file.
func Load(path string) (*Dataset, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "cannot read the dataset %s: %v", path, err)
	}
	var d Dataset
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is not a re-anchoring dataset (generate.py JSON): %v", path, err)
	}
	if d.Original == "" || d.Revised == "" || len(d.Annotations) == 0 {
		return nil, annotate.Errorf(annotate.EINVALID, "%s has no original, revised or annotations; make it with shared/reanchor/generate.py", path)
	}
	return &d, nil
}

// Predictions are placements by annotation id: a span, or nil for an orphan.
type Predictions map[int]*Span

// Run places every annotation of d on its revised text.
func Run(d *Dataset) Predictions {
	m := reanchor.New(annotate.NewText(d.Original), annotate.NewText(d.Revised))
	preds := make(Predictions, len(d.Annotations))
	for _, it := range d.Annotations {
		p := m.Place(annotate.Anchor{Start: it.Start, End: it.End, Exact: it.Exact, Prefix: it.Prefix, Suffix: it.Suffix})
		if p.IsOrphan() {
			preds[it.ID] = nil
		} else {
			preds[it.ID] = &Span{p.Anchor.Start, p.Anchor.End}
		}
	}
	return preds
}

// Counts are score.py's four outcomes.
type Counts struct{ Right, Wrong, OrphanOK, OrphanMissed int }

func (c *Counts) add(v string) {
	switch v {
	case "right":
		c.Right++
	case "wrong":
		c.Wrong++
	case "orphan_ok":
		c.OrphanOK++
	default:
		c.OrphanMissed++
	}
}

// Score is score.py's result.
type Score struct {
	Counts
	N, Placeable, Missing int
	ByKind                map[string]*Counts
}

// RightRate is right / placeable, in percent (100 when nothing is placeable).
func (s Score) RightRate() float64 {
	if s.Placeable == 0 {
		return 100
	}
	return 100 * float64(s.Right) / float64(s.Placeable)
}

// WrongRate is wrong / n, in percent.
func (s Score) WrongRate() float64 {
	if s.N == 0 {
		return 0
	}
	return 100 * float64(s.Wrong) / float64(s.N)
}

// judge is score.py's judge: a span is right when it and the truth overlap
// by 90 % of each.
func judge(truth, pred *Span) string {
	if pred == nil {
		if truth == nil {
			return "orphan_ok"
		}
		return "orphan_missed"
	}
	if pred.Start < 0 || pred.End <= pred.Start || truth == nil {
		return "wrong"
	}
	ov := max(0, min(truth.End, pred.End)-max(truth.Start, pred.Start))
	if float64(ov) >= 0.9*float64(truth.End-truth.Start) && float64(ov) >= 0.9*float64(pred.End-pred.Start) {
		return "right"
	}
	return "wrong"
}

// Evaluate scores predictions against d as score.py does.
func Evaluate(d *Dataset, preds Predictions) Score {
	s := Score{N: len(d.Annotations), ByKind: map[string]*Counts{}}
	for _, it := range d.Annotations {
		pred, ok := preds[it.ID]
		v := "wrong"
		if ok {
			v = judge(it.Truth, pred)
		} else {
			s.Missing++
		}
		s.add(v)
		k := it.Kind
		if k == "" {
			k = "?"
		}
		if s.ByKind[k] == nil {
			s.ByKind[k] = &Counts{}
		}
		s.ByKind[k].add(v)
		if it.Truth != nil {
			s.Placeable++
		}
	}
	return s
}

// Report prints s as score.py does (its table and its last,
// machine-readable line; extra= is always 0 here).
func (s Score) Report() string {
	var b strings.Builder
	pct := func(v int) float64 {
		if s.N == 0 {
			return 0
		}
		return 100 * float64(v) / float64(s.N)
	}
	fmt.Fprintf(&b, "%-15s %7s %8s\n", "", "count", "percent")
	for _, r := range []struct {
		label string
		v     int
	}{{"placed right", s.Right}, {"placed wrong", s.Wrong}, {"orphan correct", s.OrphanOK}, {"orphan wrongly", s.OrphanMissed}} {
		fmt.Fprintf(&b, "%-15s %7d %7.2f%%\n", r.label, r.v, pct(r.v))
	}
	fmt.Fprintf(&b, "%-15s %7d\n", "annotations", s.N)
	fmt.Fprintf(&b, "right of the %d placeable (truth is a span): %.3f%%; wrong of all: %.3f%%\n", s.Placeable, s.RightRate(), s.WrongRate())
	if s.Missing > 0 {
		fmt.Fprintf(&b, "missing from predictions (counted wrong): %d\n", s.Missing)
	}
	fmt.Fprintln(&b, "by truth kind (right/wrong/orphan_ok/orphan_missed):")
	kinds := make([]string, 0, len(s.ByKind))
	for k := range s.ByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		c := s.ByKind[k]
		fmt.Fprintf(&b, "  %-13s %d/%d/%d/%d\n", k, c.Right, c.Wrong, c.OrphanOK, c.OrphanMissed)
	}
	fmt.Fprintf(&b, "right=%d wrong=%d orphan_ok=%d orphan_missed=%d n=%d placeable=%d missing=%d extra=0 right_rate=%.3f wrong_rate=%.3f\n",
		s.Right, s.Wrong, s.OrphanOK, s.OrphanMissed, s.N, s.Placeable, s.Missing, s.RightRate(), s.WrongRate())
	return b.String()
}

// WritePredictions writes preds as score.py reads them: {"id": [start, end] | null}.
func WritePredictions(path string, preds Predictions) error {
	out := make(map[string]any, len(preds))
	for id, p := range preds {
		if p == nil {
			out[fmt.Sprint(id)] = nil
		} else {
			out[fmt.Sprint(id)] = [2]int{p.Start, p.End}
		}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return annotate.Errorf(annotate.EINTERNAL, "cannot encode the predictions: %v", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write the predictions to %s: %v", path, err)
	}
	return nil
}
