package ui

import (
	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/ui/deskstate"
)

// update changes the value cur through change, commits the change (applied at
// once, saved in the background), records the undo step and redraws. key,
// when set, names the field a typing edit changes: such edits merge into one
// undo step and one pending write, and leave the editor as it is (the user is
// typing in it); edits without a key rebuild the editor.
// label names the edit from the value before and after it.
func update[T any](d *Desk, label func(old, next *T) string, key string, cur *T, clone func(T) T, op func(T) deskstate.Op, change func(*T)) bool {
	old, next := clone(*cur), clone(*cur)
	change(&next)
	return commitUpdate(d, label(&old, &next), key, old, next, op)
}

// commitUpdate commits next, records the undo step back to old and redraws.
func commitUpdate[T any](d *Desk, label, key string, old, next T, op func(T) deskstate.Op) bool {
	redo := deskstate.Change{Label: label, Key: key, Ops: []deskstate.Op{op(next)}}
	seq := d.commit(redo)
	if seq == 0 {
		return false
	}
	undo := deskstate.Change{Label: "undo " + label, Ops: []deskstate.Op{op(old)}}
	d.hist.push(edit{label: label, key: key, undo: undo, redo: redo, seq: seq})
	d.refresh(key == "")
	return true
}

func (d *Desk) updateAttribution(id, key string, change func(*annotate.Attribution)) bool {
	a := d.findAttribution(id)
	if a == nil {
		return false
	}
	return update(d, editLabel(attributionFields, d.describe(id)), keyed(id, key), a, cloneAttribution, deskstate.UpdateAttribution, change)
}

func (d *Desk) updateClaim(id, key string, change func(*annotate.Claim)) bool {
	c := d.findClaim(id)
	if c == nil {
		return false
	}
	return update(d, editLabel(claimFields, d.describe(id)), keyed(id, key), c, cloneClaim, deskstate.UpdateClaim, change)
}

func (d *Desk) updateNote(id, key string, change func(*annotate.Note)) bool {
	n := d.findNote(id)
	if n == nil {
		return false
	}
	return update(d, editLabel(noteFields, d.describe(id)), keyed(id, key), n, cloneNote, deskstate.UpdateNote, change)
}

func keyed(id, key string) string {
	if key == "" {
		return ""
	}
	return id + "/" + key
}

var (
	cloneAttribution = deskstate.CloneAttribution
	cloneClaim       = deskstate.CloneClaim
	cloneNote        = deskstate.CloneNote
	cloneSpeaker     = deskstate.CloneSpeaker
)
