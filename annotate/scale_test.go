package annotate

import (
	"reflect"
	"slices"
	"testing"
)

func TestScale(t *testing.T) {
	s := DefaultScale()
	if err := s.Validate(); err != nil {
		t.Fatalf("DefaultScale is invalid: %v", err)
	}
	if worst, best := s.Range(); worst != 1 || best != 5 {
		t.Errorf("Range = %d, %d; want 1, 5", worst, best)
	}
	if v, ok := s.Find("Half true"); !ok || v.Value != 3 {
		t.Errorf("Find(Half true) = %+v, %v", v, ok)
	}
	if s.Has("Pants on fire") {
		t.Error("Has(Pants on fire) on the default scale")
	}
	if !s.Plain() {
		t.Error("the default scale is not plain: projects that never chose a scale would export as factmark/2")
	}
	if s.Explain("Misleading") == "" {
		t.Error("the default scale explains nothing: Explain should find the default preset's explanations")
	}
	v := func(label string, value int) Verdict { return Verdict{Label: label, Value: value} }
	tests := []struct {
		name  string
		scale Scale
		want  string
	}{
		{"no name", Scale{Verdicts: []Verdict{v("True", 1)}}, "scale.name: is empty"},
		{"no verdicts", Scale{Name: "x"}, "scale.verdicts: is empty"},
		{"blank label", Scale{Name: "x", Verdicts: []Verdict{v("True", 1), v(" ", 0)}}, "scale.verdicts[1]: label is empty"},
		{"duplicate label", Scale{Name: "x", Verdicts: []Verdict{v("True", 2), v("True", 1)}}, `scale.verdicts[1]: label "True" appears twice`},
		{"negative value", Scale{Name: "x", Verdicts: []Verdict{v("True", -1)}}, "scale.verdicts[0]: value -1 is negative"},
		{"values in any order (older projects)", Scale{Name: "x", Verdicts: []Verdict{v("False", 1), v("True", 2)}}, ""},
		{"explanation on two lines", Scale{Name: "x", Verdicts: []Verdict{{Label: "True", Value: 1, Explanation: "a\nb"}}}, "scale.verdicts[0].explanation"},
		{"conclusion with labels", Scale{Name: "x", Conclusion: true, Verdicts: []Verdict{v("True", 1)}}, "scale.verdicts: a conclusion scale has no labels"},
		{"conclusion", Scale{Name: "x", Conclusion: true}, ""},
		{"retired twice", Scale{Name: "x", Verdicts: []Verdict{v("True", 1)}, Retired: []Verdict{v("True", 2)}}, `scale.retired[0]: label "True" appears twice`},
		{"retired out of order", Scale{Name: "x", Verdicts: []Verdict{v("True", 1)}, Retired: []Verdict{v("A", 1), v("B", 5)}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkInvalid(t, tt.scale.Validate(), tt.want)
		})
	}
}

func TestScaleCheckOrder(t *testing.T) {
	v := func(label string, value int) Verdict { return Verdict{Label: label, Value: value} }
	tests := []struct {
		name     string
		verdicts []Verdict
		want     string
	}{
		{"out of order", []Verdict{v("True", 3), v("Odd", 0), v("Mostly true", 4)},
			`scale.verdicts[2]: value 4 of "Mostly true" is out of order: verdicts go from the truest down, and "True" before it has 3`},
		{"worst first", []Verdict{v("False", 1), v("True", 2)}, `scale.verdicts[1]: value 2 of "True" is out of order`},
		{"equal values", []Verdict{v("False", 1), v("Altered", 1)}, ""},
		{"unrated anywhere", []Verdict{v("Satire", 0), v("True", 2), v("Odd", 0), v("False", 1)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Scale{Name: "x", Verdicts: tt.verdicts}
			checkInvalid(t, s.CheckOrder(), tt.want)
			_, err := ChangeScale(DefaultScale(), s, nil, nil)
			checkInvalid(t, err, tt.want)
		})
	}
	old := Scale{Name: "x", Verdicts: []Verdict{v("False", 1), v("True", 2)}}
	if ch, err := ChangeScale(old, old, []string{"True"}, nil); err != nil || ch.Scale.Version != 0 {
		t.Errorf("keeping an older project's scale: %v, version %d", err, ch.Scale.Version)
	}
}

// TestScalePresets: every preset is valid, has the labels the organisation
// publishes, an explanation for each, and the values ClaimReview needs.
func TestScalePresets(t *testing.T) {
	tests := []struct {
		key         string
		labels      []string
		worst, best int
	}{
		{"default", []string{"True", "Mostly true", "Half true", "Mostly false", "False", "Misleading", "Unverifiable"}, 1, 5},
		{"politifact", []string{"True", "Mostly True", "Half True", "Mostly False", "False", "Pants on Fire"}, 1, 6},
		{"snopes", []string{"True", "Mostly True", "Mixture", "Mostly False", "False", "Unproven", "Unfounded", "Outdated",
			"Miscaptioned", "Correct Attribution", "Misattributed", "Scam", "Legend", "Labeled Satire"}, 1, 5},
		{"afp", []string{"True", "Missing context", "Partly false", "False", "Altered", "Satire"}, 1, 4},
		{"aap", []string{"True", "Mostly True", "Mixture", "Mostly False", "False", "Misleading", "Unproven"}, 1, 5},
		{"fullfact", nil, 0, 0},
	}
	if got, want := len(ScalePresets()), len(tests); got != want {
		t.Errorf("%d presets, %d tested", got, want)
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			s, ok := FindScalePreset(tt.key)
			if !ok {
				t.Fatalf("no preset %q", tt.key)
			}
			if err := firstError(s.Validate(), s.CheckOrder()); err != nil {
				t.Fatal(err)
			}
			if got := s.Labels(); !slices.Equal(got, tt.labels) && len(tt.labels)+len(got) > 0 {
				t.Errorf("labels %q, want %q", got, tt.labels)
			}
			if w, b := s.Range(); w != tt.worst || b != tt.best {
				t.Errorf("range %d–%d, want %d–%d", w, b, tt.worst, tt.best)
			}
			for _, v := range s.Verdicts {
				if v.Explanation == "" {
					t.Errorf("%q has no explanation", v.Label)
				}
			}
			if s.Preset != tt.key || s.PresetOf() != tt.key {
				t.Errorf("preset %q, PresetOf %q", s.Preset, s.PresetOf())
			}
		})
	}
	if _, ok := FindScalePreset("nope"); ok {
		t.Error("FindScalePreset(nope) found one")
	}
	d := DefaultScale()
	if d.PresetOf() != "default" {
		t.Errorf("DefaultScale().PresetOf() = %q", d.PresetOf())
	}
}

// TestConclusionScale: on Full Fact's scale any one-line conclusion is a
// verdict, none is flagged, and none has a value.
func TestConclusionScale(t *testing.T) {
	s, _ := FindScalePreset("fullfact")
	if !s.Has("The figure is for England only, not the UK.") || s.Has("") {
		t.Error("Has on a conclusion scale")
	}
	if s.Flagged("Anything") {
		t.Error("a conclusion is flagged")
	}
	if _, ok := s.Find("Anything"); ok {
		t.Error("a conclusion has a value")
	}
	n := Note{Meta: Meta{ID: "00000000-0000-4000-8000-000000000001", ArticleID: "00000000-0000-4000-8000-000000000002"},
		ClaimID: "00000000-0000-4000-8000-000000000003", Verdict: "Two lines\nare not a conclusion."}
	if err := n.Validate(NewText("x"), &s); err == nil {
		t.Error("a two-line conclusion is valid")
	}
}

// TestChangeScale: a change of scale relabels what the map says, keeps the
// other labels in use as retired (flagged), drops the unused, and refuses a
// map whose labels are not the project's or not on the new scale.
func TestChangeScale(t *testing.T) {
	politifact, _ := FindScalePreset("politifact")
	afp, _ := FindScalePreset("afp")
	fullfact, _ := FindScalePreset("fullfact")
	tests := []struct {
		name     string
		old      Scale
		next     Scale
		inUse    []string
		mapping  map[string]string
		relabel  map[string]string
		retained []string
		version  int
		err      string
	}{
		{"no verdicts in use", DefaultScale(), politifact, nil, nil, map[string]string{}, nil, 0, ""},
		{"unused labels are dropped", DefaultScale(), politifact, []string{"", "True"}, nil, map[string]string{}, nil, 1, ""},
		{"labels in use kept", DefaultScale(), politifact, []string{"Mostly true", "True", "Misleading"}, nil,
			map[string]string{}, []string{"Misleading", "Mostly true"}, 1, ""},
		{"mapped", DefaultScale(), politifact, []string{"Mostly true", "True", "Misleading"},
			map[string]string{"Mostly true": "Mostly True", "Misleading": "Half True"},
			map[string]string{"Mostly true": "Mostly True", "Misleading": "Half True"}, nil, 1, ""},
		{"partly mapped", DefaultScale(), afp, []string{"Mostly true", "Misleading"}, map[string]string{"Misleading": "Missing context"},
			map[string]string{"Misleading": "Missing context"}, []string{"Mostly true"}, 1, ""},
		{"to conclusions", politifact, fullfact, []string{"Pants on Fire"}, nil, map[string]string{}, nil, 1, ""},
		{"same scale", DefaultScale(), DefaultScale(), []string{"True"}, nil, nil, nil, 0, ""},
		{"map from a label not in use", DefaultScale(), politifact, []string{"True"}, map[string]string{"Fake": "True"},
			nil, nil, 0, `map: "Fake" is not a verdict of this project`},
		{"map to a label not on the new scale", DefaultScale(), politifact, []string{"Mostly true"}, map[string]string{"Mostly true": "Mostly true"},
			nil, nil, 0, `map: "Mostly true" is not on the new scale "PolitiFact Truth-O-Meter" (its verdicts: "True", "Mostly True"`},
		{"invalid new scale", DefaultScale(), Scale{Name: "x"}, nil, nil, nil, nil, 0, "scale.verdicts: is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := ChangeScale(tt.old, tt.next, tt.inUse, tt.mapping)
			checkInvalid(t, err, tt.err)
			if err != nil {
				return
			}
			if !reflect.DeepEqual(ch.Relabel, tt.relabel) || !slices.Equal(ch.Retained, tt.retained) || ch.Scale.Version != tt.version {
				t.Errorf("relabel %v retained %q version %d; want %v %q %d", ch.Relabel, ch.Retained, ch.Scale.Version, tt.relabel, tt.retained, tt.version)
			}
			for _, label := range tt.retained {
				if !ch.Scale.Has(label) || !ch.Scale.Flagged(label) {
					t.Errorf("%q: Has %v Flagged %v; want a retired label", label, ch.Scale.Has(label), ch.Scale.Flagged(label))
				}
				if ch.Scale.Explain(label) == "" {
					t.Errorf("retired %q lost its explanation", label)
				}
			}
			if err := ch.Scale.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestChangeScaleTwice: a label retired by one change is dropped by the next
// once no note uses it, and stays while one does.
func TestChangeScaleTwice(t *testing.T) {
	politifact, _ := FindScalePreset("politifact")
	snopes, _ := FindScalePreset("snopes")
	first, err := ChangeScale(DefaultScale(), politifact, []string{"Misleading", "Unverifiable"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	second, err := ChangeScale(first.Scale, snopes, []string{"Misleading"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.Scale.Version != 2 || !second.Scale.Has("Misleading") || second.Scale.Has("Unverifiable") {
		t.Errorf("version %d, retired %+v", second.Scale.Version, second.Scale.Retired)
	}
}
