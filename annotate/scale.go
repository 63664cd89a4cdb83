package annotate

import (
	"strconv"
	"strings"
)

// Verdict is one rating on a scale. Value places it on the scale's numeric
// range (higher is truer) for formats such as ClaimReview; 0 means the verdict
// is off the numeric range, like "Unverifiable".
type Verdict struct {
	Label string `json:"label"`
	Value int    `json:"value"`
}

// Scale is the rating scale of a project's verdicts, stored with the project.
type Scale struct {
	Name     string    `json:"name"`
	Verdicts []Verdict `json:"verdicts"`
}

// DefaultScale is the scale a new project starts with.
func DefaultScale() Scale {
	return Scale{Name: "Factmark default", Verdicts: []Verdict{
		{"True", 5}, {"Mostly true", 4}, {"Half true", 3}, {"Mostly false", 2},
		{"False", 1}, {"Misleading", 0}, {"Unverifiable", 0},
	}}
}

// Has reports whether label is a verdict on the scale.
func (s *Scale) Has(label string) bool {
	_, ok := s.Find(label)
	return ok
}

// Find returns the verdict with the label.
func (s *Scale) Find(label string) (Verdict, bool) {
	for _, v := range s.Verdicts {
		if v.Label == label {
			return v, true
		}
	}
	return Verdict{}, false
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

// Validate checks that the scale has a name and distinct, non-empty labels.
func (s *Scale) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return fieldError("scale.name", "is empty")
	} else if err := CheckLine("scale.name", s.Name); err != nil {
		return err
	}
	if len(s.Verdicts) == 0 {
		return fieldError("scale.verdicts", "is empty")
	}
	seen := map[string]bool{}
	for i, v := range s.Verdicts {
		switch {
		case strings.TrimSpace(v.Label) == "":
			return fieldError(indexed("scale.verdicts", i), "label is empty")
		case CheckLine(indexed("scale.verdicts", i)+".label", v.Label) != nil:
			return CheckLine(indexed("scale.verdicts", i)+".label", v.Label)
		case seen[v.Label]:
			return fieldError(indexed("scale.verdicts", i), "label %q appears twice", v.Label)
		case v.Value < 0:
			return fieldError(indexed("scale.verdicts", i), "value %d is negative", v.Value)
		}
		seen[v.Label] = true
	}
	return nil
}

func itoa(i int) string { return strconv.Itoa(i) }
