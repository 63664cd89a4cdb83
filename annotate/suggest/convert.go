package suggest

import "github.com/factmark/factmark/annotate"

// anchorOf returns the anchor of tokens [i, j).
func (d *doc) anchorOf(text *annotate.Text, i, j int) annotate.Anchor {
	a, _ := text.Anchor(d.toks[i].Start, d.toks[j-1].End)
	return a
}

// toAttribution turns a raw attribution into an annotation's spans.
func (d *doc) toAttribution(text *annotate.Text, r rawAttr) annotate.Attribution {
	var a annotate.Attribution
	c := d.anchorOf(text, r.cue[0], r.cue[1])
	a.Cue = &c
	if r.source[1] > r.source[0] {
		s := d.anchorOf(text, r.source[0], r.source[1])
		a.Source = &s
	}
	for _, f := range r.content {
		a.Content = append(a.Content, d.anchorOf(text, f[0], f[1]))
	}
	return a
}
