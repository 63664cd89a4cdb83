package ui

import "github.com/factmark/factmark/ui/deskstate"

// maxHistory is how many edits can be undone in a session.
const maxHistory = 500

// edit is one undoable change: undo and redo are changes, values made from
// the desk's state when the edit was made, so they stay right while writes
// are pending. afterUndo and afterRedo, when set, do what the change does
// outside the annotations (the Suggestions list). key names the field a text
// edit changes, so that typing in one field makes one undo step, not one per
// keystroke. seq is the sequence number of the last change made for the
// edit, so that a change the store refuses takes its edit out of history.
type edit struct {
	label                string
	key                  string
	undo, redo           deskstate.Change
	afterUndo, afterRedo func()
	seq                  int
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
		h.done[n-1].redo, h.done[n-1].seq = e.redo, e.seq
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

// undo takes back the last edit through do, which returns the sequence
// number of the change it made, or 0 when it was refused (and nothing
// moves). It returns the edit, and whether there was one and it was undone.
func (h *history) undo(do func(e edit) int) (e edit, found, done bool) {
	n := len(h.done)
	if n == 0 {
		return edit{}, false, false
	}
	e = h.done[n-1]
	if e.seq = do(e); e.seq == 0 {
		return e, true, false
	}
	h.done = h.done[:n-1]
	e.key = ""
	h.undone = append(h.undone, e)
	return e, true, true
}

// redo makes the last undone edit again through do, as undo does.
func (h *history) redo(do func(e edit) int) (e edit, found, done bool) {
	n := len(h.undone)
	if n == 0 {
		return edit{}, false, false
	}
	e = h.undone[n-1]
	if e.seq = do(e); e.seq == 0 {
		return e, true, false
	}
	h.undone = h.undone[:n-1]
	h.done = append(h.done, e)
	return e, true, true
}

// forget drops the edit whose last change, seq, the store refused: the desk
// is back to what the store holds, so undoing or redoing it means nothing.
func (h *history) forget(seq int) {
	drop := func(es []edit) []edit {
		out := es[:0]
		for _, e := range es {
			if e.seq != seq {
				out = append(out, e)
			}
		}
		return out
	}
	h.done, h.undone = drop(h.done), drop(h.undone)
}
