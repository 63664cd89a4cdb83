package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/interchange/transcript"
)

const evalSynopsis = `attributions [--annotators all|first] [--models DIR] [--verbose] DIR
       factmark eval claims [--shipped] [--transcripts DIR [--from txt|srt|vtt]] FILE.csv
       factmark eval similar --library VCLAIMS.tsv --queries QUERIES.tsv [--qrels FILE] [--run OUT]
       factmark eval reanchor [--predictions OUT] FILE.json`

// runEval measures the suggestions against gold data.
func runEval(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("eval needs what to evaluate: attributions DIR, claims FILE.csv, similar or reanchor: %w", errUsage)
	}
	switch args[0] {
	case "attributions":
		return evalAttributions(ctx, e, args[1:])
	case "claims":
		return evalClaims(ctx, e, args[1:])
	case "similar":
		return evalSimilar(e, args[1:])
	case "reanchor":
		return evalReanchor(e, args[1:])
	case "-h", "--help", "-help":
		fs := newFlags(e, "eval", evalSynopsis)
		_, err := parseFlags(e, fs, args)
		return err
	}
	return fmt.Errorf("unknown evaluation %q (known: attributions, claims, similar, reanchor): %w", args[0], errUsage)
}

// evalAttributions scores the suggested attributions of every gold file
// under DIR. With several annotators on one text (PolNeAR), each annotator's
// file is by default a document of its own, so the figures are pooled over
// every annotation made; --annotators first keeps only the first file of
// each text (by annotator code), so each text counts once.
func evalAttributions(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval attributions", "[--annotators all|first] [--models DIR] [--verbose] DIR")
	annotators := fs.String("annotators", "all", "with several annotators on a text: score `all` their files, or the first")
	verbose := fs.Bool("verbose", false, "print each file's content-overlap figures")
	models := fs.String("models", "", "use the model files in `DIR` (as factmark-train writes them) instead of the embedded ones")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("want one DIR of .txt/.ann pairs: %w", errUsage)
	}
	if *annotators != "all" && *annotators != "first" {
		return fmt.Errorf("--annotators %q is not all or first: %w", *annotators, errUsage)
	}
	files, err := suggest.GoldFiles(rest[0])
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "%v", err)
	}
	if *annotators == "first" {
		files = firstAnnotators(files)
	}
	sg, err := loadSuggester(*models)
	if err != nil {
		return err
	}
	var total suggest.AttrScore
	var speakers suggest.SpeakerScore
	var referring suggest.ReferringScore
	texts := map[string]bool{}
	claims := claimTally{}
	for _, f := range files {
		ex, err := suggest.LoadExample(f)
		if err != nil {
			return err
		}
		texts[f.Text] = true
		res, err := sg.Suggest(ctx, ex.Text, nil, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Text, err)
		}
		pred := make([]annotate.Attribution, len(res.Attributions))
		for i := range res.Attributions {
			pred[i] = res.Attributions[i].Attribution
		}
		s := suggest.ScoreAttributions(ex.Attributions, pred)
		total.Add(s)
		speakers.Add(suggest.ScoreSpeakers(&ex, res))
		referring.Add(sg.ScoreReferring([]suggest.Example{ex}))
		claims.add(ex.Claims, res.Sentences)
		if *verbose {
			c := s.Content.Overlap
			fmt.Fprintf(e.stdout, "%-60s content overlap P=%.3f R=%.3f (gold %d, predicted %d)\n",
				f.Name, c.Precision(), c.Recall(), c.Gold, c.Pred)
		}
	}
	fmt.Fprintf(e.stdout, "%d gold files on %d texts (each annotator's file scored as a document); counts pooled over files\n",
		len(files), len(texts))
	for _, l := range total.Lines() {
		fmt.Fprintln(e.stdout, l)
	}
	for _, l := range speakers.Lines() {
		fmt.Fprintln(e.stdout, l)
	}
	for _, l := range referring.Lines() {
		fmt.Fprintln(e.stdout, l)
	}
	if claims.gold > 0 {
		fmt.Fprintf(e.stdout, "claims   top-%d   %d of %d gold claims fall in the %d top-scored sentences of their text\n",
			claimTop, claims.found, claims.gold, claimTop)
	}
	return nil
}

// loadSuggester loads the models in dir, or the embedded ones when dir is "".
func loadSuggester(dir string) (*suggest.Suggester, error) {
	if dir == "" {
		return suggest.New()
	}
	return suggest.Load(func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) })
}

// firstAnnotators keeps, of the files on each text, the first by name.
func firstAnnotators(files []suggest.GoldFile) []suggest.GoldFile {
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	seen := map[string]bool{}
	var out []suggest.GoldFile
	for _, f := range files {
		if !seen[f.Text] {
			seen[f.Text] = true
			out = append(out, f)
		}
	}
	return out
}

// claimTop is how many top-scored sentences the claims figure looks at: the
// first screenful of suggestions a user reviews.
const claimTop = 20

// claimTally counts gold claims that overlap one of their text's claimTop
// best-scored sentences.
type claimTally struct{ gold, found int }

func (c *claimTally) add(gold []annotate.Claim, sents []suggest.Sentence) {
	if len(gold) == 0 {
		return
	}
	top := append([]suggest.Sentence(nil), sents...)
	sort.SliceStable(top, func(i, j int) bool { return top[i].Score > top[j].Score })
	top = top[:min(claimTop, len(top))]
	for _, g := range gold {
		c.gold++
	hit:
		for _, a := range g.Anchors {
			for _, s := range top {
				if a.Overlaps(s.Anchor) {
					c.found++
					break hit
				}
			}
		}
	}
}

// evalClaims ranks each transcript of a CLEF 2019 task 1 file and prints its
// average precision and the mean. By default each transcript is ranked by a
// model trained, there and then, on the file's other transcripts (leave one
// transcript out), which is honest for the training file the shipped model
// was built from; --shipped ranks with the shipped model instead, for files
// it never saw. With --transcripts, each transcript is also ranked as the
// desk gets it: the article imported from DIR/NAME.txt ("NAME:" turns),
// .srt or .vtt, its sentences suggested with its turns and again as one
// voice's text, each line scored by the sentence it lies in (see
// suggest.RankArticle).
func evalClaims(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval claims", "[--shipped] [--transcripts DIR [--from txt|srt|vtt]] FILE.csv")
	shipped := fs.Bool("shipped", false, "rank with the shipped model instead of leave-one-transcript-out retraining")
	dir := fs.String("transcripts", "", "also rank the transcripts as articles imported from `DIR`/NAME.txt, .srt or .vtt (NAME the CSV's file_name less .tsv)")
	from := fs.String("from", "txt", "with --transcripts, the `kind` of file to import: txt (NAME: turns), srt or vtt")
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("want one FILE.csv: %w", errUsage)
	}
	if *from != "txt" && *from != "srt" && *from != "vtt" {
		return fmt.Errorf("--from %q is not txt, srt or vtt: %w", *from, errUsage)
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot read: %v", unwrapPathError(err))
	}
	defer f.Close()
	ts, err := suggest.ReadCLEF(f)
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "%v", err)
	}
	var arts []transcriptArticle
	if *dir != "" {
		if arts, err = readTranscripts(*dir, *from, ts); err != nil {
			return err
		}
	}
	sg, err := suggest.New()
	if err != nil {
		return err
	}
	how := "shipped model"
	sgs := make([]*suggest.Suggester, len(ts))
	var pools []float64
	if *shipped {
		for i := range sgs {
			sgs[i] = sg
		}
		if *dir != "" {
			how += ", trained on CLEF 2019 train: in-sample for its transcripts"
		}
	} else {
		sgs, pools = sg.LeaveOneOutSuggesters(ts, suggest.ClaimOptions{})
		how = "leave-one-transcript-out: each transcript ranked by a model trained on the others; the average of 9 models over 3 L2 penalties × 3 transcript weightings; pooling chosen per fold by 3-fold cross-validation on the others; word vectors from news text"
	}
	fmt.Fprintf(e.stdout, "%s (%s)\n", filepath.Base(rest[0]), how)
	folds := make([]suggest.FoldAP, len(ts))
	for k := range ts {
		folds[k] = sgs[k].RankTranscript(&ts[k])
		if pools != nil {
			folds[k].Pool = pools[k]
		}
	}
	if *dir != "" {
		return printArticleRanks(ctx, e, ts, folds, arts, sgs, *dir, *from)
	}
	for _, f := range folds {
		chosen := ""
		if !*shipped {
			chosen = fmt.Sprintf("  (pooling %g)", f.Pool)
		}
		fmt.Fprintf(e.stdout, "AP %.4f  %-32s %5d sentences, %3d check-worthy%s\n", f.AP, f.Name, f.Sentences, f.Worthy, chosen)
	}
	fmt.Fprintf(e.stdout, "MAP %.4f over %d transcripts\n", suggest.MeanAP(folds), len(folds))
	printThreshold(e, folds)
	return nil
}

// transcriptArticle is a CLEF transcript as an imported article: its text
// and turns (nil when the import found none).
type transcriptArticle struct {
	file  string
	text  *annotate.Text
	turns []annotate.Turn
}

// readTranscripts imports DIR/NAME.kind for each transcript, as the desk's
// import does: subtitles with transcript.Extract, a plain text with its
// "NAME:" turns found by transcript.DetectTurns.
func readTranscripts(dir, kind string, ts []suggest.Transcript) ([]transcriptArticle, error) {
	out := make([]transcriptArticle, len(ts))
	for i, t := range ts {
		name := strings.TrimSuffix(t.Name, ".tsv") + "." + kind
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: cannot read the transcript of %s: %v (--transcripts needs NAME.%s for every transcript of the CSV)",
				path, t.Name, unwrapPathError(err), kind)
		}
		ex := &annotate.Extracted{}
		if kind == "txt" {
			if ex.Text, err = annotate.NormalizeText(data); err == nil {
				ex.Turns, _ = transcript.DetectTurns(ex.Text)
			}
		} else {
			ex, err = transcript.Extract(name, data)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[i] = transcriptArticle{file: name, text: annotate.NewText(ex.Text), turns: ex.Turns}
	}
	return out, nil
}

// printArticleRanks ranks each transcript as an article with its turns and
// as one voice's text, each by the transcript's suggester (sgs[k]), and
// prints the three average precisions of every transcript (the CSV lines'
// from folds) and their means.
func printArticleRanks(ctx context.Context, e *env, ts []suggest.Transcript, folds []suggest.FoldAP,
	arts []transcriptArticle, sgs []*suggest.Suggester, dir, kind string) error {
	withTurns := make([]suggest.FoldAP, len(ts))
	flat := make([]suggest.FoldAP, len(ts))
	turns, unmatched := 0, 0
	fmt.Fprintf(e.stdout, "AP of the CSV lines | of the %s articles with their turns | without turns\n", kind)
	for k := range ts {
		a := &arts[k]
		var err error
		if withTurns[k], err = sgs[k].RankArticle(ctx, &ts[k], a.text, a.turns); err != nil {
			return fmt.Errorf("%s: %w", a.file, err)
		}
		if flat[k], err = sgs[k].RankArticle(ctx, &ts[k], a.text, nil); err != nil {
			return fmt.Errorf("%s: %w", a.file, err)
		}
		turns += len(a.turns)
		unmatched += withTurns[k].Unmatched
		fmt.Fprintf(e.stdout, "AP %.4f | %.4f | %.4f  %-32s %5d lines, %3d check-worthy, %4d turns, %d lines not found\n",
			folds[k].AP, withTurns[k].AP, flat[k].AP, ts[k].Name, len(ts[k].Lines), folds[k].Worthy, len(a.turns), withTurns[k].Unmatched)
	}
	fmt.Fprintf(e.stdout, "MAP %.4f over %d transcripts: the CSV lines, speakers from the CSV\n", suggest.MeanAP(folds), len(folds))
	fmt.Fprintf(e.stdout, "MAP %.4f over %d transcripts: articles from %s/*.%s with their %d turns (%d lines not found, ranked last)\n",
		suggest.MeanAP(withTurns), len(ts), dir, kind, turns, unmatched)
	fmt.Fprintf(e.stdout, "MAP %.4f over %d transcripts: the same articles without turns (one voice)\n", suggest.MeanAP(flat), len(ts))
	fmt.Fprintln(e.stdout, "thresholds on the articles with turns:")
	printThreshold(e, withTurns)
	return nil
}

// printThreshold says which claim threshold shows suggest.ClaimRecall of the
// check-worthy sentences, pooled over the transcripts, and what the default
// (suggest.MinClaimScore) shows: the figures the default is chosen by.
func printThreshold(e *env, folds []suggest.FoldAP) {
	var scored []suggest.Scored
	for _, f := range folds {
		scored = append(scored, f.Scored...)
	}
	t := suggest.ThresholdFor(scored, suggest.ClaimRecall)
	worthy, all := suggest.ShownAt(scored, t)
	fmt.Fprintf(e.stdout, "threshold %.2f shows %.0f%% of the check-worthy sentences (target %.0f%%) and %.1f%% of all\n",
		t, 100*worthy, 100*suggest.ClaimRecall, 100*all)
	worthy, all = suggest.ShownAt(scored, suggest.MinClaimScore)
	prec, base := suggest.PrecisionAt(scored, suggest.MinClaimScore)
	fmt.Fprintf(e.stdout, "default  %.2f shows %.0f%% of the check-worthy sentences and %.1f%% of all; %.1f%% of those shown are check-worthy (%.1f%% of all sentences are)\n",
		suggest.MinClaimScore, 100*worthy, 100*all, 100*prec, 100*base)
}
