package suggest

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"

	"github.com/factmark/factmark/annotate"
)

// CrossValidateAttributions measures the attribution suggester on its own
// training data without letting it see what it is measured on: the texts of
// exs are split into k folds (by a hash of the text, so all annotators of a
// text fall in the same fold), and each of the first n folds is suggested by
// taggers trained on the other folds, with base's claims model and word
// vectors. Changes to the taggers are chosen on these figures, never on
// polnear-dev's, which only reports them.
func CrossValidateAttributions(ctx context.Context, exs []Example, k, n int, o TrainOptions, base *Suggester) (AttrScore, error) {
	var total AttrScore
	o.words = base.words
	for f := 0; f < min(n, k); f++ {
		train, test := splitFold(exs, k, f)
		sg := &Suggester{attr: trainAttr(train, o), claims: base.claims, words: base.words, resolve: base.resolve}
		if os.Getenv("FACTMARK_CV_SWEEP") != "" {
			sweep(ctx, sg, test, f)
		}
		for i := range test {
			res, err := sg.Suggest(ctx, test[i].Text, nil, nil)
			if err != nil {
				return AttrScore{}, err
			}
			total.Add(ScoreAttributions(test[i].Attributions, predicted(res)))
		}
	}
	return total, nil
}

// foldOf puts a text in one of k folds, the same one every run.
func foldOf(text string, k int) int {
	h := fnv.New64a()
	h.Write([]byte(text))
	return int(h.Sum64() % uint64(k))
}

// predicted are a result's attributions as plain annotations, for scoring.
func predicted(res *Result) []annotate.Attribution {
	out := make([]annotate.Attribution, len(res.Attributions))
	for i := range res.Attributions {
		out[i] = res.Attributions[i].Attribution
	}
	return out
}

// splitFold splits exs into fold f of k folds (by a hash of the text, so
// all annotators of a text fall in the same fold) and the rest.
func splitFold(exs []Example, k, f int) (train, test []Example) {
	for _, ex := range exs {
		if foldOf(ex.Text.String(), k) == f {
			test = append(test, ex)
		} else {
			train = append(train, ex)
		}
	}
	return train, test
}

var sweepTotals = map[string]*AttrScore{}

func sweep(ctx context.Context, sg *Suggester, test []Example, f int) {
	rv := sg.attr.Revise
	type cfg struct {
		name string
		v    *cueReviser
	}
	cfgs := []cfg{{"off", nil}}
	for _, b := range []float32{-4, -2, -1, 0, 1, 2, 4, 8} {
		cfgs = append(cfgs, cfg{fmt.Sprintf("bias%+g", b), &cueReviser{chain: rv.chain, bias: b}})
	}
	cfgs = append(cfgs, cfg{"moveonly", &cueReviser{chain: rv.chain, noDrop: true}}, cfg{"droponly", &cueReviser{chain: rv.chain, noMove: true}})
	for _, cb := range []float32{8, 16} {
		for _, b := range []float32{-2, 0, 2, 4} {
			cfgs = append(cfgs, cfg{fmt.Sprintf("cb%+g/bias%+g", cb, b), &cueReviser{chain: rv.chain, bias: b, cueBias: cb}})
		}
		cfgs = append(cfgs, cfg{fmt.Sprintf("cb%+g/off", cb), &cueReviser{cueBias: cb}})
	}
	for _, c := range cfgs {
		sg.attr.Revise = c.v
		if c.v != nil && c.v.cueBias != 0 {
			sg.attr.Cue.favour(cueB, c.v.cueBias)
			if c.v.chain == nil {
				sg.attr.Revise = nil
			}
		}
		var s AttrScore
		for i := range test {
			res, _ := sg.Suggest(ctx, test[i].Text, nil, nil)
			s.Add(ScoreAttributions(test[i].Attributions, predicted(res)))
		}
		if sweepTotals[c.name] == nil {
			sweepTotals[c.name] = &AttrScore{}
		}
		if c.v != nil && c.v.cueBias != 0 {
			sg.attr.Cue.favour(cueB, -c.v.cueBias)
		}
		sweepTotals[c.name].Add(s)
		t := sweepTotals[c.name]
		fmt.Fprintf(os.Stderr, "SWEEP fold<=%d %-14s cue %.4f (P %.3f R %.3f) src %.4f cont %.4f\n", f, c.name, t.Cue.Exact.F1(), t.Cue.Exact.Precision(), t.Cue.Exact.Recall(), t.Source.Exact.F1(), t.Content.Overlap.F1())
	}
	sg.attr.Revise = rv
}
