package suggest

import "github.com/factmark/factmark/annotate"

// anchorOf returns the anchor of tokens [i, j).
func (d *doc) anchorOf(text *annotate.Text, i, j int) annotate.Anchor {
	a, _ := text.Anchor(d.toks[i].Start, d.toks[j-1].End)
	return a
}
