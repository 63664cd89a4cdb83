package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/similar"
)

const evalSimilarSynopsis = "--library VCLAIMS.tsv --queries QUERIES.tsv --run OUT [--qrels FILE] [--tag NAME]"

// runDepth is how many claims a TREC run lists per query (CheckThat! 2020
// Task 2 scores the top 10 at most).
const runDepth = 10

// evalSimilar ranks verified claims for every query with the desk's matcher,
// writes the ranking as a TREC run and, given qrels, prints MAP@1, 3, 5 and
// 10 (MAP@5 is the task's measure).
func evalSimilar(e *env, args []string) error {
	fs := newFlags(e, "eval similar", evalSimilarSynopsis)
	library := fs.String("library", "", "verified claims, tab-separated: `FILE` with id, claim, title (verified_claims.docs.tsv)")
	queries := fs.String("queries", "", "queries, tab-separated: `FILE` with id, text (tweets.queries.tsv)")
	runPath := fs.String("run", "", "write the TREC run (qid Q0 claim_id rank score tag) to `FILE`")
	qrelsPath := fs.String("qrels", "", "score the run against TREC qrels in `FILE` (qid 0 claim_id 1)")
	tag := fs.String("tag", "factmark", "the run's `name`, in its last column")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return fmt.Errorf("unexpected argument %q: %w", rest[0], errUsage)
	}
	if *library == "" || *queries == "" || *runPath == "" {
		return fmt.Errorf("eval similar needs --library, --queries and --run: %w", errUsage)
	}
	var lib []similar.Claim
	if err := readWith(*library, func(f *os.File) (err error) { lib, err = similar.ReadLibrary(f, *library); return }); err != nil {
		return err
	}
	var qs []similar.Query
	if err := readWith(*queries, func(f *os.File) (err error) { qs, err = similar.ReadQueries(f, *queries); return }); err != nil {
		return err
	}
	var qrels similar.Qrels
	if *qrelsPath != "" {
		if err := readWith(*qrelsPath, func(f *os.File) (err error) { qrels, err = similar.ReadQrels(f, *qrelsPath); return }); err != nil {
			return err
		}
	}
	ix := similar.NewIndex(lib)
	run := ix.RunQueries(qs, runDepth, nil)
	if err := writeRun(*runPath, run, qs, *tag); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d queries against %d verified claims; run written to %s\n", len(qs), ix.Len(), *runPath)
	if qrels != nil {
		fmt.Fprintf(e.stdout, "%s (%d queries with a relevant claim)\n", filepath.Base(*qrelsPath), len(qrels))
		for _, k := range []int{1, 3, 5, 10} {
			fmt.Fprintf(e.stdout, "MAP@%-2d %.3f\n", k, similar.MAP(run, qrels, k))
		}
	}
	return nil
}

// readWith opens path and hands it to read.
func readWith(path string, read func(*os.File) error) error {
	f, err := os.Open(path)
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s cannot be read: %v", path, unwrapPathError(err))
	}
	defer f.Close()
	return read(f)
}

func writeRun(path string, run similar.Run, qs []similar.Query, tag string) error {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	f, err := os.Create(path)
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "the run cannot be written to %s: %v", path, unwrapPathError(err))
	}
	w := bufio.NewWriter(f)
	err = similar.WriteRun(w, run, ids, tag)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "the run cannot be written to %s: %v", path, unwrapPathError(err))
	}
	return nil
}
