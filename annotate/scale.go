package annotate

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Verdict is one rating on a scale. Value places it on the scale's numeric
// range (higher is truer) for formats such as ClaimReview (ratingValue, with
// the scale's Range as worstRating and bestRating); 0 means the verdict is
// off the numeric range, like "Unverifiable". Explanation says in one line
// when the rating applies.
type Verdict struct {
	Label       string `json:"label"`
	Value       int    `json:"value"`
	Explanation string `json:"explanation,omitempty"`
}

// Scale is the rating scale of a project's verdicts, stored with the project.
//
// A scale is versioned with the project: Version counts the changes made
// while notes carried verdicts, and
// Retired keeps the labels of earlier versions that notes still carry, so
// that changing the scale never silently relabels a verdict. A note with a
// retired label is valid but flagged (Scale.Flagged) until the user picks a
// verdict of the current scale. Conclusion scales (Full Fact's) have no
// labels: a verdict is a one-sentence conclusion written for each claim.
type Scale struct {
	Name       string    `json:"name"`
	Preset     string    `json:"preset,omitempty"` // the preset's key (ScalePresets), empty for a custom scale
	Version    int       `json:"version,omitempty"`
	Conclusion bool      `json:"conclusion,omitempty"`
	Verdicts   []Verdict `json:"verdicts"`
	Retired    []Verdict `json:"retired,omitempty"`
}

// MarshalJSON writes the scale with its verdicts as an array even when a
// conclusion scale has none: the native document's schema requires one.
func (s Scale) MarshalJSON() ([]byte, error) {
	type plain Scale
	p := plain(s)
	if p.Verdicts == nil {
		p.Verdicts = []Verdict{}
	}
	return json.Marshal(p)
}

// DefaultScale is the scale a new project starts with. It carries no
// explanations, so that a project that never chose a scale exports it as
// older Factmarks wrote it; Explain finds them in the "default" preset.
func DefaultScale() Scale {
	return Scale{Name: "Factmark default", Verdicts: []Verdict{
		{Label: "True", Value: 5}, {Label: "Mostly true", Value: 4}, {Label: "Half true", Value: 3},
		{Label: "Mostly false", Value: 2}, {Label: "False", Value: 1},
		{Label: "Misleading"}, {Label: "Unverifiable"},
	}}
}

// Has reports whether label is a verdict a note may carry: one of the
// current scale, a retired one, or, on a conclusion scale, any conclusion.
func (s *Scale) Has(label string) bool {
	if s.Conclusion && label != "" {
		return true
	}
	if _, ok := s.Find(label); ok {
		return true
	}
	return slices.ContainsFunc(s.Retired, func(v Verdict) bool { return v.Label == label })
}

// Flagged reports whether a note with the verdict label needs the user's
// attention: the label is not on the current scale (it was retired when the
// scale changed). No verdict is never flagged.
func (s *Scale) Flagged(label string) bool {
	if label == "" || s.Conclusion {
		return false
	}
	_, ok := s.Find(label)
	return !ok
}

// Find returns the verdict of the current scale with the label.
func (s *Scale) Find(label string) (Verdict, bool) {
	for _, v := range s.Verdicts {
		if v.Label == label {
			return v, true
		}
	}
	return Verdict{}, false
}

// Explain returns the explanation of the verdict label: its own, or the
// one of a preset of the same name (the default scale stores none).
func (s *Scale) Explain(label string) string {
	for _, list := range [][]Verdict{s.Verdicts, s.Retired} {
		for _, v := range list {
			if v.Label == label && v.Explanation != "" {
				return v.Explanation
			}
		}
	}
	for _, p := range ScalePresets() {
		if p.Scale.Name == s.Name {
			if v, ok := p.Scale.Find(label); ok {
				return v.Explanation
			}
		}
	}
	return ""
}

// Labels returns the labels of the current scale, in order.
func (s *Scale) Labels() []string {
	labels := make([]string, len(s.Verdicts))
	for i, v := range s.Verdicts {
		labels[i] = v.Label
	}
	return labels
}

// Range returns the worst and best numeric values on the scale.
func (s *Scale) Range() (worst, best int) {
	for _, v := range s.Verdicts {
		if v.Value == 0 {
			continue
		}
		if worst == 0 || v.Value < worst {
			worst = v.Value
		}
		best = max(best, v.Value)
	}
	return worst, best
}

// Plain reports whether the scale has only what factmark/1 documents hold:
// a name and labels with values.
func (s *Scale) Plain() bool {
	if s.Preset != "" || s.Version != 0 || s.Conclusion || len(s.Retired) > 0 {
		return false
	}
	return !slices.ContainsFunc(s.Verdicts, func(v Verdict) bool { return v.Explanation != "" })
}

// SameRatings reports whether the two scales offer the same verdicts, with
// the same values and explanations: a change between them relabels nothing.
func (s *Scale) SameRatings(o *Scale) bool {
	return s.Name == o.Name && s.Preset == o.Preset && s.Conclusion == o.Conclusion && slices.Equal(s.Verdicts, o.Verdicts)
}

// Validate checks the scale: a name; distinct, non-blank one-line labels;
// values that are not negative; one-line explanations. A conclusion scale
// has no labels. The order of values is CheckOrder's, for new scales only:
// projects and documents of older Factmarks may list theirs in any order.
func (s *Scale) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return fieldError("scale.name", "is empty")
	} else if err := CheckLine("scale.name", s.Name); err != nil {
		return err
	}
	switch {
	case s.Conclusion && len(s.Verdicts) > 0:
		return fieldError("scale.verdicts", "a conclusion scale has no labels: each verdict is a sentence (remove the verdicts, or conclusion)")
	case !s.Conclusion && len(s.Verdicts) == 0:
		return fieldError("scale.verdicts", "is empty: give at least one verdict")
	case s.Version < 0:
		return fieldError("scale.version", "%d is negative", s.Version)
	}
	if err := checkVerdicts("scale.verdicts", s.Verdicts, nil); err != nil {
		return err
	}
	return checkVerdicts("scale.retired", s.Retired, s.Verdicts)
}

// CheckOrder checks that the values never rise down the list: verdicts go
// from the truest to the least true, with unrated ones (value 0) anywhere.
// A scale the user sets must pass it.
func (s *Scale) CheckOrder() error {
	last, lastLabel := 0, ""
	for i, v := range s.Verdicts {
		if v.Value <= 0 {
			continue
		}
		if last > 0 && v.Value > last {
			return fieldError(indexed("scale.verdicts", i), "value %d of %q is out of order: verdicts go from the truest down, and %q before it has %d", v.Value, v.Label, lastLabel, last)
		}
		last, lastLabel = v.Value, v.Label
	}
	return nil
}

// checkVerdicts checks a list of verdicts, none of which may have a label of
// others.
func checkVerdicts(field string, list []Verdict, others []Verdict) error {
	seen := map[string]bool{}
	for _, v := range others {
		seen[v.Label] = true
	}
	for i, v := range list {
		f := indexed(field, i)
		switch {
		case strings.TrimSpace(v.Label) == "":
			return fieldError(f, "label is empty")
		case CheckLine(f+".label", v.Label) != nil:
			return CheckLine(f+".label", v.Label)
		case CheckLine(f+".explanation", v.Explanation) != nil:
			return CheckLine(f+".explanation", v.Explanation)
		case seen[v.Label]:
			return fieldError(f, "label %q appears twice", v.Label)
		case v.Value < 0:
			return fieldError(f, "value %d is negative", v.Value)
		}
		seen[v.Label] = true
	}
	return nil
}

// ScaleChange is what changing a project's scale does to its verdicts.
type ScaleChange struct {
	Scale    Scale             // the new scale, with its version and retired labels
	Relabel  map[string]string // old label → new label, for the notes to relabel
	Retained []string          // labels in use kept as retired: their notes are flagged
}

// ChangeScale moves a project from scale old to next (valid, and in order
// when its ratings are new), whose notes use the
// labels inUse: each label of mapping is relabelled to its new label, which
// must be on next; any other label in use that next lacks is kept as retired
// (its notes flagged). Retired labels no note uses are dropped. The version
// is old's plus one when the ratings change while notes carry verdicts (a
// project that has rated nothing yet is still choosing its scale); the same
// ratings and no mapping keep old as it is.
func ChangeScale(old, next Scale, inUse []string, mapping map[string]string) (ScaleChange, error) {
	if err := next.Validate(); err != nil {
		return ScaleChange{}, err
	}
	if old.SameRatings(&next) && len(mapping) == 0 {
		return ScaleChange{Scale: old}, nil
	}
	if err := firstError(next.CheckOrder(), checkMapping(&old, &next, inUse, mapping)); err != nil {
		return ScaleChange{}, err
	}
	ch := ScaleChange{Relabel: map[string]string{}}
	next.Version, next.Retired = old.Version, nil
	if slices.ContainsFunc(inUse, func(l string) bool { return l != "" }) {
		next.Version++
	}
	for _, label := range slices.Sorted(slices.Values(inUse)) {
		if to, ok := mapping[label]; ok {
			if to != label {
				ch.Relabel[label] = to
			}
			continue
		}
		if label == "" || !next.Flagged(label) {
			continue
		}
		v := Verdict{Label: label}
		if w, ok := old.Find(label); ok {
			v = w
		} else if i := slices.IndexFunc(old.Retired, func(w Verdict) bool { return w.Label == label }); i >= 0 {
			v = old.Retired[i]
		}
		v.Explanation = firstNonEmpty(v.Explanation, old.Explain(label))
		next.Retired = append(next.Retired, v)
		ch.Retained = append(ch.Retained, label)
	}
	ch.Scale = next
	return ch, next.Validate()
}

// checkMapping checks that every old label of mapping is in use or on the
// old scale, and every new one on the new scale.
func checkMapping(old, next *Scale, inUse []string, mapping map[string]string) error {
	for _, from := range slices.Sorted(maps.Keys(mapping)) {
		to := mapping[from]
		switch {
		case !slices.Contains(inUse, from) && !old.Has(from):
			return fieldError("map", "%q is not a verdict of this project (its notes use %s)", from, quoteList(inUse))
		case next.Conclusion && strings.TrimSpace(to) == "":
			return fieldError("map", "%q maps to an empty conclusion", from)
		case !next.Conclusion && !next.Has(to) || next.Flagged(to):
			return fieldError("map", "%q is not on the new scale %q (its verdicts: %s)", to, next.Name, quoteList(next.Labels()))
		}
	}
	return nil
}

func quoteList(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func itoa(i int) string { return strconv.Itoa(i) }
