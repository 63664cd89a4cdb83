package suggest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// InputsFile names the list of what the models were trained on, written
// beside them by TrainModels.
const InputsFile = "inputs.txt"

// TrainingInputs lists what training reads, one line an item: each
// attribution example with a digest of its text and of its gold spans as
// parsed, and each CLEF transcript with a digest of its lines. The models
// are a deterministic function of these and of the code, so when `make
// models` stops giving the embedded bytes, comparing this list with the
// embedded one says whether the data (or how it is read) changed, and
// where: it did once, when the importer began refusing a control character
// and one train text dropped out without notice.
func TrainingInputs(exs []Example, ts []Transcript) []byte {
	var b strings.Builder
	b.WriteString("# What the embedded models were trained on (suggest.TrainingInputs); written by cmd/factmark-train.\n")
	fmt.Fprintf(&b, "polnear-train\t%d gold files\n", len(exs))
	for i := range exs {
		ex := &exs[i]
		fmt.Fprintf(&b, "%s\ttext %s\tgold %s\t%d attributions\n", ex.Name, digest(ex.Text.String()), digest(goldSpans(ex)), len(ex.Attributions))
	}
	fmt.Fprintf(&b, "clef2019-checkworthy/train.csv\t%d transcripts\n", len(ts))
	for i := range ts {
		t := &ts[i]
		var lines strings.Builder
		worthy := 0
		for _, l := range t.Lines {
			fmt.Fprintf(&lines, "%d\t%s\t%s\t%v\n", l.Line, l.Speaker, l.Text, l.Worthy)
			if l.Worthy {
				worthy++
			}
		}
		fmt.Fprintf(&b, "%s\tlines %s\t%d lines, %d check-worthy\n", t.Name, digest(lines.String()), len(t.Lines), worthy)
	}
	return []byte(b.String())
}

// goldSpans writes an example's attributions' spans as the taggers learn
// them.
func goldSpans(ex *Example) string {
	var b strings.Builder
	for _, a := range ex.Attributions {
		if a.Source != nil {
			fmt.Fprintf(&b, "s%d-%d ", a.Source.Start, a.Source.End)
		}
		if a.Cue != nil {
			fmt.Fprintf(&b, "c%d-%d ", a.Cue.Start, a.Cue.End)
		}
		for _, c := range a.Content {
			fmt.Fprintf(&b, "t%d-%d ", c.Start, c.End)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// digest is the first 16 hex digits of s's SHA-256.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
