package suggest

import "fmt"

// Prune thresholds for the model files: perceptron weights are sums of
// ±1 updates, averaged, and those below these magnitudes barely move a score.
const (
	chainPrune  = 0.05
	claimsPrune = 1e-3
)

// TrainModels trains the attribution taggers on exs and the check-worthiness
// model on ts and returns the model files by name, ready to be written to
// annotate/suggest/model. Training is deterministic: the same data and
// options give the same bytes.
func TrainModels(exs []Example, ts []Transcript, o TrainOptions, co ClaimOptions) (map[string][]byte, error) {
	if len(exs) == 0 || len(ts) == 0 {
		return nil, fmt.Errorf("train: need both attribution examples (%d) and transcripts (%d)", len(exs), len(ts))
	}
	am := trainAttr(exs, o)
	cm, _ := trainClaimModel(ts, co)
	files := map[string][]byte{}
	var err error
	if files[CueModelFile], err = am.Cue.marshal(chainPrune); err != nil {
		return nil, err
	}
	if files[RoleModelFile], err = am.Role.marshal(chainPrune); err != nil {
		return nil, err
	}
	if files[ClaimsModelFile], err = cm.marshal(claimsPrune); err != nil {
		return nil, err
	}
	return files, nil
}
