package suggest

import (
	"context"
	"hash/fnv"

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
