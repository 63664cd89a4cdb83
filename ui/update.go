package ui

import (
	"slices"

	"github.com/factmark/factmark/annotate"
)

// update changes the annotation cur through change, saves it, records the
// undo step and redraws. key, when set, names the field a typing edit changes:
// such edits merge into one undo step and leave the editor as it is (the user
// is typing in it); edits without a key rebuild the editor.
func update[T any](d *Desk, label, key string, cur *T, clone func(T) T, save func(*T) error, change func(*T)) bool {
	old, next := clone(*cur), clone(*cur)
	change(&next)
	if err := save(&next); err != nil {
		d.showError(err)
		return false
	}
	put := func(v T) func() error { return func() error { x := clone(v); return save(&x) } }
	d.hist.push(edit{label: label, key: key, undo: put(old), redo: put(next)})
	*cur = next
	d.refresh(key == "")
	return true
}

func (d *Desk) updateAttribution(id, key string, change func(*annotate.Attribution)) bool {
	a := d.findAttribution(id)
	if a == nil {
		return false
	}
	return update(d, "edit attribution", keyed(id, key), a, cloneAttribution,
		func(x *annotate.Attribution) error { return d.svc.Annotations.UpdateAttribution(d.ctx, x) }, change)
}

func (d *Desk) updateClaim(id, key string, change func(*annotate.Claim)) bool {
	c := d.findClaim(id)
	if c == nil {
		return false
	}
	return update(d, "edit claim", keyed(id, key), c, cloneClaim,
		func(x *annotate.Claim) error { return d.svc.Annotations.UpdateClaim(d.ctx, x) }, change)
}

func (d *Desk) updateNote(id, key string, change func(*annotate.Note)) bool {
	n := d.findNote(id)
	if n == nil {
		return false
	}
	return update(d, "edit note", keyed(id, key), n, cloneNote,
		func(x *annotate.Note) error { return d.svc.Annotations.UpdateNote(d.ctx, x) }, change)
}

func keyed(id, key string) string {
	if key == "" {
		return ""
	}
	return id + "/" + key
}

func cloneAnchor(a *annotate.Anchor) *annotate.Anchor {
	if a == nil {
		return nil
	}
	c := *a
	return &c
}

func cloneAttribution(a annotate.Attribution) annotate.Attribution {
	a.Source, a.Cue, a.Content = cloneAnchor(a.Source), cloneAnchor(a.Cue), slices.Clone(a.Content)
	return a
}

func cloneClaim(c annotate.Claim) annotate.Claim {
	c.Anchors, c.Tags = slices.Clone(c.Anchors), slices.Clone(c.Tags)
	if c.Worthiness != nil {
		w := *c.Worthiness
		c.Worthiness = &w
	}
	return c
}

func cloneNote(n annotate.Note) annotate.Note {
	n.Target, n.Sources = cloneAnchor(n.Target), slices.Clone(n.Sources)
	return n
}

func cloneSpeaker(s annotate.Speaker) annotate.Speaker {
	s.Aliases = slices.Clone(s.Aliases)
	return s
}
