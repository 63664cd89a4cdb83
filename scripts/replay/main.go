// Command replay annotates the seed article completely in the real desk,
// the way a fact-checker would, and counts every key chord, click and drag
// it takes: once by hand and once starting from the suggestions. It drives
// the window with xdotool (under Xvfb, see scripts/replay.sh), learns where
// each character is drawn from the file the desk writes when
// FACTMARK_GEOMETRY is set, quits with Ctrl+Q, and scores what the project
// holds against the gold with the rules of `factmark eval attributions`
// (every source, cue and content exact), plus every speaker, kind and claim.
// It exits non-zero when the result differs from the gold.
//
//	go run ./scripts/replay -bin bin/factmark -seed ../shared/corpus/seed -mode hand
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	bin := flag.String("bin", "bin/factmark", "the factmark binary")
	seed := flag.String("seed", "../shared/corpus/seed", "the folder with article.txt and its gold article.ann")
	mode := flag.String("mode", "hand", "hand: every annotation made by hand; suggest: review the suggestions, then make what they miss")
	out := flag.String("out", "", "folder for the project, logs and screenshots (default: a new temporary one)")
	flag.Parse()
	if *mode != "hand" && *mode != "suggest" {
		log.Fatalf("replay: -mode %q is not hand or suggest", *mode)
	}
	dir := *out
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "factmark-replay-"); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	g, err := loadGold(filepath.Join(*seed, "article.txt"), filepath.Join(*seed, "article.ann"))
	if err != nil {
		log.Fatalf("replay: %v", err)
	}
	r := &replay{bin: *bin, dir: dir, db: filepath.Join(dir, "replay.db"), geoPath: filepath.Join(dir, "geometry.json"),
		text: filepath.Join(*seed, "article.txt"), gold: g, known: map[string]bool{}}
	if err := r.run(*mode); err != nil {
		r.screenshot("fail")
		log.Fatalf("replay %s: FAIL: %v (project, logs and screenshots in %s)", *mode, err, dir)
	}
	problems, err := r.score()
	if err != nil {
		log.Fatalf("replay %s: %v", *mode, err)
	}
	r.report(*mode, problems)
	if len(problems) > 0 {
		log.Fatalf("replay %s: FAIL: the project differs from the gold:\n  %s", *mode, strings.Join(problems, "\n  "))
	}
}

// report prints the counts and the targets of issue 10.
func (r *replay) report(mode string, problems []string) {
	c := r.count
	attrs, claims := len(r.gold.attrs), len(r.gold.claims)
	fmt.Printf("replay %s: %d attributions, %d claims, matching the gold: %v\n", mode, attrs, claims, len(problems) == 0)
	fmt.Printf("  actions %d = %d key chords + %d clicks + %d drags (and %d characters typed, %d wheel steps)\n",
		c.actions(), c.keys, c.clicks, c.drags, c.typed, c.scrolls)
	target := map[string]int{"hand": 220, "suggest": 100}[mode]
	verdict := "met"
	if c.actions() > target {
		verdict = "MISSED"
	}
	fmt.Printf("  target ≤ %d actions: %s\n", target, verdict)
	if mode == "hand" && r.manualAttrs > 0 {
		per := float64(r.attrActions) / float64(r.manualAttrs)
		verdict := "met"
		if per > 6 || r.attrTyped > 0 {
			verdict = "MISSED"
		}
		fmt.Printf("  per manual attribution: %.2f actions, %d characters typed for speakers (target ≤ 6 and none typed: %s)\n", per, r.attrTyped, verdict)
	}
	var kinds []string
	for k := range r.decisions {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		d := r.decisions[k]
		fmt.Printf("  %-58s %3d, %3d actions\n", k+":", d[0], d[1])
	}
	for _, l := range r.notes {
		fmt.Println("  note:", l)
	}
}
