package ui

// maxHistory is how many edits can be undone in a session.
const maxHistory = 500

// edit is one undoable change: undo and redo each make it or take it back in
// the store. key names the field a text edit changes, so that typing in one
// field makes one undo step, not one per keystroke.
type edit struct {
	label string
	key   string
	undo  func() error
	redo  func() error
}

// history is the undo and redo stacks of a session.
type history struct {
	done, undone []edit
}

// push records an edit that has been made. An edit with the same non-empty key
// as the last one extends it: undo goes back to before the first.
func (h *history) push(e edit) {
	h.undone = nil
	if n := len(h.done); n > 0 && e.key != "" && h.done[n-1].key == e.key {
		h.done[n-1].redo = e.redo
		return
	}
	h.done = append(h.done, e)
	if len(h.done) > maxHistory {
		h.done = h.done[len(h.done)-maxHistory:]
	}
}

// seal stops the last edit from being extended by the next.
func (h *history) seal() {
	if n := len(h.done); n > 0 {
		h.done[n-1].key = ""
	}
}

// undo takes back the last edit and returns its label.
func (h *history) undo() (string, bool, error) {
	n := len(h.done)
	if n == 0 {
		return "", false, nil
	}
	e := h.done[n-1]
	if err := e.undo(); err != nil {
		return e.label, true, err
	}
	h.done = h.done[:n-1]
	e.key = ""
	h.undone = append(h.undone, e)
	return e.label, true, nil
}

// redo makes the last undone edit again.
func (h *history) redo() (string, bool, error) {
	n := len(h.undone)
	if n == 0 {
		return "", false, nil
	}
	e := h.undone[n-1]
	if err := e.redo(); err != nil {
		return e.label, true, err
	}
	h.undone = h.undone[:n-1]
	h.done = append(h.done, e)
	return e.label, true, nil
}
