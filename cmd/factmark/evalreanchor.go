package main

import (
	"fmt"
	"time"

	"github.com/factmark/factmark/annotate/reanchor/eval"
)

// evalReanchor re-anchors every annotation of a dataset made by
// shared/reanchor/generate.py (the dev sets, or a held-out set made the same
// way) and prints score.py's figures for it, and how long re-anchoring took.
func evalReanchor(e *env, args []string) error {
	fs := newFlags(e, "eval reanchor", "[--predictions OUT.json] FILE.json\n\n"+
		"FILE.json is a re-anchoring dataset (shared/reanchor/generate.py): an original text, its\n"+
		"revision and annotations with their true new spans. Prints placed right, placed wrong and\n"+
		"orphans as shared/reanchor/score.py counts them.")
	out := fs.String("predictions", "", "also write the placements to `OUT.json`, in score.py's input format")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("want one dataset FILE.json: %w", errUsage)
	}
	d, err := eval.Load(rest[0])
	if err != nil {
		return err
	}
	t0 := time.Now()
	preds := eval.Run(d)
	took := time.Since(t0)
	if *out != "" {
		if err := eval.WritePredictions(*out, preds); err != nil {
			return err
		}
	}
	fmt.Fprint(e.stdout, eval.Evaluate(d, preds).Report())
	fmt.Fprintf(e.stdout, "re-anchored %d annotations in %v\n", len(d.Annotations), took.Round(time.Millisecond))
	return nil
}
