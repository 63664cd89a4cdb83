// Command factmark-train rebuilds the suggestion models that package
// annotate/suggest embeds, from the shared corpora:
//
//	go run ./cmd/factmark-train -shared ../shared -out annotate/suggest/model
//
// The attribution taggers and the word vectors learn from
// corpus/polnear-train (never from polnear-dev, which measures the taggers);
// the check-worthiness model learns from
// corpus/clef2019-checkworthy/train.csv, whose leave-one-transcript-out MAP it
// reports (each transcript ranked by a model trained on the others, whose
// regularisation, weighting and pooling are chosen by cross-validation among
// those others only, with the word vectors just trained). Training is
// deterministic: the same corpora give the same files.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/factmark/factmark/annotate/suggest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "factmark-train: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("factmark-train", flag.ContinueOnError)
	shared := fs.String("shared", defaultShared(), "the shared `folder` holding corpus/")
	dir := fs.String("out", "annotate/suggest/model", "write the model files to this `folder`")
	epochs := fs.Int("epochs", 0, "perceptron passes (0: the default)")
	loo := fs.Bool("loo", true, "report the claims model's leave-one-transcript-out MAP")
	cv := fs.Int("cv", 0, "instead of training, report the attribution suggester's `K`-fold cross-validated scores on polnear-train")
	cvFolds := fs.Int("cv-folds", 0, "with -cv, score only the first `N` folds (0: all)")
	cvResolve := fs.Bool("cv-resolve", false, "with -cv, report only the mention resolver's cross-validated scores (fast)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	t0 := time.Now()
	exs, bad, err := suggest.LoadExamples(filepath.Join(*shared, "corpus", "polnear-train"))
	if err != nil {
		return err
	}
	for _, err := range bad {
		fmt.Fprintf(out, "skipped: %v\n", err)
	}
	if *cv > 0 && *cvResolve {
		return crossValidateResolver(exs, *cv, *cvFolds, *epochs, out)
	}
	if *cv > 0 {
		return crossValidate(exs, *cv, *cvFolds, *epochs, out)
	}
	f, err := os.Open(filepath.Join(*shared, "corpus", "clef2019-checkworthy", "train.csv"))
	if err != nil {
		return err
	}
	ts, err := suggest.ReadCLEF(f)
	f.Close()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "read %d PolNeAR train files and %d CLEF transcripts in %v\n", len(exs), len(ts), time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	files, err := suggest.TrainModels(exs, ts, suggest.TrainOptions{Epochs: *epochs}, suggest.ClaimOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "trained in %v\n", time.Since(t0).Round(time.Millisecond))
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(*dir, n), files[n], 0o644); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s (%d KB)\n", filepath.Join(*dir, n), (len(files[n])+1023)/1024)
	}
	if *loo {
		sg, err := suggest.Load(func(name string) ([]byte, error) { return files[name], nil })
		if err != nil {
			return err
		}
		folds := sg.LeaveOneOut(ts, suggest.ClaimOptions{})
		fmt.Fprintf(out, "claims: leave-one-transcript-out MAP %.4f over %d transcripts\n", suggest.MeanAP(folds), len(folds))
	}
	return nil
}

// crossValidate prints the attribution suggester's k-fold cross-validated
// scores on the training examples (the first n folds; all when n is 0).
func crossValidate(exs []suggest.Example, k, n, epochs int, out io.Writer) error {
	if n == 0 {
		n = k
	}
	base, err := suggest.New()
	if err != nil {
		return err
	}
	t0 := time.Now()
	s, err := suggest.CrossValidateAttributions(context.Background(), exs, k, n, suggest.TrainOptions{Epochs: epochs}, base)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "attributions: %d of %d folds of polnear-train, %d gold files, in %v\n", min(n, k), k, s.Docs, time.Since(t0).Round(time.Millisecond))
	for _, l := range s.Lines() {
		fmt.Fprintln(out, l)
	}
	return nil
}

// defaultShared is $FACTMARK_SHARED, else ../shared.
func defaultShared() string {
	if s := os.Getenv("FACTMARK_SHARED"); s != "" {
		return s
	}
	return "../shared"
}

// crossValidateResolver prints the mention resolver's k-fold
// cross-validated scores on the training examples' self-supervised cases.
func crossValidateResolver(exs []suggest.Example, k, n, epochs int, out io.Writer) error {
	if n == 0 {
		n = k
	}
	s := suggest.CrossValidateReferring(exs, k, n, suggest.TrainOptions{Epochs: epochs})
	fmt.Fprintf(out, "resolver: %d of %d folds of polnear-train\n", min(n, k), k)
	for _, l := range s.Lines() {
		fmt.Fprintln(out, l)
	}
	return nil
}
