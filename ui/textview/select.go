package textview

// selection is the selected range as the fixed end (anchor) and the moving
// end (caret); anchor == caret means nothing is selected.
type selection struct {
	anchor, caret int
	goalX         float32 // x kept by Shift+Up/Down across short lines
	hasGoal       bool
}

// Selection returns the selected range, start <= end; start == end means none.
func (v *View) Selection() (start, end int) {
	return min(v.sel.anchor, v.sel.caret), max(v.sel.anchor, v.sel.caret)
}

// SetSelection selects [start, end) (clamped and ordered) and scrolls it into view.
func (v *View) SetSelection(start, end int) {
	start, end = clamp(start, 0, v.doc.size), clamp(end, 0, v.doc.size)
	v.setSelection(min(start, end), max(start, end))
	if !v.offsetVisible(min(start, end)) {
		v.ScrollToOffset(min(start, end))
		return
	}
	v.Refresh()
}

// SelectedText returns the selected text.
func (v *View) SelectedText() string {
	return v.doc.slice(v.Selection())
}

// setSelection moves both ends and reports a change to OnSelectionChanged.
func (v *View) setSelection(anchor, caret int) {
	os, oe := v.Selection()
	v.sel = selection{anchor: anchor, caret: caret}
	if s, e := v.Selection(); (s != os || e != oe) && v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// moveCaret moves the caret, keeping the anchor, and keeps the caret visible.
func (v *View) moveCaret(caret int) {
	goal, has := v.sel.goalX, v.sel.hasGoal
	v.setSelection(v.sel.anchor, clamp(caret, 0, v.doc.size))
	v.sel.goalX, v.sel.hasGoal = goal, has
	v.revealLine(v.lineOf(v.sel.caret))
	v.Refresh()
}

// selectWord selects the word (or single character) at offset.
func (v *View) selectWord(off int) {
	if off >= v.doc.size {
		v.setSelection(v.doc.size, v.doc.size)
		return
	}
	if !isWordRune(v.doc.runeAt(off)) {
		v.setSelection(off, v.nextBoundary(off))
		return
	}
	s, e := off, off
	for s > 0 && v.inWord(s-1) {
		s--
	}
	for e < v.doc.size && v.inWord(e) {
		e++
	}
	v.setSelection(s, e)
}

// inWord reports whether the code point at off belongs to a word: a word
// rune, or an apostrophe between word runes.
func (v *View) inWord(off int) bool {
	r := v.doc.runeAt(off)
	if isApostrophe(r) {
		return isWordRune(v.doc.runeAt(off-1)) && isWordRune(v.doc.runeAt(off+1))
	}
	return isWordRune(r)
}

// nextBoundary and prevBoundary step over one user-perceived character.
func (v *View) nextBoundary(off int) int {
	if off >= v.doc.size {
		return v.doc.size
	}
	b := v.doc.byteAt(off)
	return off + runeCount(v.doc.text[b:nextCluster(v.doc.text, b)])
}

func (v *View) prevBoundary(off int) int {
	off = min(off, v.doc.size) - 1
	for off > 0 && extends(v.doc.runeAt(off-1), v.doc.runeAt(off)) {
		off--
	}
	return max(off, 0)
}

// verticalTarget returns the offset one line above (dir < 0) or below the
// caret, at the remembered x.
func (v *View) verticalTarget(dir int) int {
	p, l := v.lineOf(v.sel.caret)
	if !v.sel.hasGoal {
		v.sel.goalX, v.sel.hasGoal = v.xAt(v.wc.lines[p][l], v.sel.caret), true
	}
	tp, tl, clamped := v.stepLines(p, l, dir)
	switch {
	case clamped < 0:
		return 0
	case clamped > 0:
		return v.doc.size
	}
	off, _ := v.hitLine(v.wc.lines[tp][tl], v.sel.goalX)
	return off
}
