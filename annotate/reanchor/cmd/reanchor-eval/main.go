// Command reanchor-eval re-anchors every annotation of a dataset made by
// shared/reanchor/generate.py and prints score.py's figures for it:
//
//	go run ./annotate/reanchor/cmd/reanchor-eval [-predictions OUT.json] DATASET.json
//
// -predictions also writes the placements in score.py's input format, so
// that `python3 score.py DATASET.json OUT.json` can confirm the figures.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/factmark/factmark/annotate/reanchor/eval"
)

func main() {
	out := flag.String("predictions", "", "also write the predictions to this file (score.py's format)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: reanchor-eval [-predictions OUT.json] DATASET.json")
		os.Exit(2)
	}
	d, err := eval.Load(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "reanchor-eval:", err)
		os.Exit(1)
	}
	t0 := time.Now()
	preds := eval.Run(d)
	took := time.Since(t0)
	if *out != "" {
		if err := eval.WritePredictions(*out, preds); err != nil {
			fmt.Fprintln(os.Stderr, "reanchor-eval:", err)
			os.Exit(1)
		}
	}
	fmt.Print(eval.Evaluate(d, preds).Report())
	fmt.Printf("re-anchored %d annotations in %v\n", len(d.Annotations), took.Round(time.Millisecond))
}
