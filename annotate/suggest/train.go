package suggest

import "fmt"

// Prune thresholds for the model files: perceptron weights are sums of
// ±1 updates, averaged, and those below these magnitudes barely move a score.
const (
	chainPrune  = 0.05
	claimsPrune = 1e-3
)

// TrainModels trains the attribution taggers and the word vectors on exs
// and the check-worthiness model on ts and returns the model files by name,
// with the list of its inputs (InputsFile), ready to be written to
// annotate/suggest/model. Training is deterministic: the same data and
// options give the same bytes (on one Go release and architecture: gzip's
// output and float rounding are theirs); TestMakeModelsReproducesEmbedded
// checks it.
func TrainModels(exs []Example, ts []Transcript, o TrainOptions, co ClaimOptions) (map[string][]byte, error) {
	if len(exs) == 0 || len(ts) == 0 {
		return nil, fmt.Errorf("train: need both attribution examples (%d) and transcripts (%d)", len(exs), len(ts))
	}
	files := map[string][]byte{InputsFile: TrainingInputs(exs, ts)}
	var err error
	if files[WordsModelFile], err = trainWordVectors(exampleSentences(exs), wordOptions{}).marshal(); err != nil {
		return nil, err
	}
	// The claims model learns on the vectors as stored, which are what it
	// will meet.
	wv, err := unmarshalWords(files[WordsModelFile])
	if err != nil {
		return nil, err
	}
	o.words = wv
	am := trainAttr(exs, o)
	cm, _ := trainClaimModel(ts, wv, co)
	if files[CueModelFile], err = am.Cue.marshal(chainPrune); err != nil {
		return nil, err
	}
	if files[RoleModelFile], err = am.Role.marshal(chainPrune); err != nil {
		return nil, err
	}
	if files[SpanModelFile], err = am.Span.marshal(chainPrune); err != nil {
		return nil, err
	}
	if files[QuoteModelFile], err = am.Quote.marshal(chainPrune); err != nil {
		return nil, err
	}
	if files[CueLexModelFile], err = am.CueLex.marshal(); err != nil {
		return nil, err
	}
	if files[ClaimsModelFile], err = cm.marshal(claimsPrune); err != nil {
		return nil, err
	}
	if files[ResolveModelFile], err = trainResolver(exs, o).marshal(chainPrune); err != nil {
		return nil, err
	}
	return files, nil
}

// exampleSentences are the sentences of the examples' texts as lower-cased
// words, each text once however many annotators it has.
func exampleSentences(exs []Example) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for _, ex := range exs {
		text := ex.Text.String()
		if seen[text] {
			continue
		}
		seen[text] = true
		d := newDoc(text)
		for _, sp := range d.sentences() {
			s := make([]string, 0, sp[1]-sp[0])
			for _, t := range d.toks[sp[0]:sp[1]] {
				s = append(s, t.Lower)
			}
			out = append(out, s)
		}
	}
	return out
}
