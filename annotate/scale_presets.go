package annotate

import "slices"

// ScalePreset is a rating scale a newsroom uses, by a plain key for the
// command line ("politifact").
type ScalePreset struct {
	Key   string
	Scale Scale
}

// ScalePresets returns the preset scales, the default first. The labels are
// the organisations' own (as they publish them); the explanations are short
// paraphrases of their definitions, and the values rank the labels that sit
// on a true–false line (1 is the least true), the others being off it (0).
//
// Sources: PolitiFact's Truth-O-Meter principles; snopes.com/fact-check-ratings;
// Meta's "Content ratings fact-checkers use" (used by AFP and Meta's other
// partners); aap.com.au/factcheck-verdicts; Full Fact publishes a one-sentence
// conclusion for each claim and no rating.
func ScalePresets() []ScalePreset {
	return []ScalePreset{
		{"default", explained(DefaultScale(), []string{
			"The claim is accurate.",
			"The claim is accurate but needs clarification or context.",
			"The claim is partly accurate and leaves out important details.",
			"The claim has an element of truth but ignores facts that change the picture.",
			"The claim is not accurate.",
			"The facts are right but presented so as to give a wrong impression.",
			"The evidence available cannot settle the claim.",
		})},
		{"politifact", preset("politifact", Scale{Name: "PolitiFact Truth-O-Meter"}, []Verdict{
			{"True", 6, "The statement is accurate and nothing significant is missing."},
			{"Mostly True", 5, "The statement is accurate but needs clarification or additional information."},
			{"Half True", 4, "The statement is partially accurate but leaves out important details or takes things out of context."},
			{"Mostly False", 3, "The statement contains an element of truth but ignores critical facts that would give a different impression."},
			{"False", 2, "The statement is not accurate."},
			{"Pants on Fire", 1, "The statement is not accurate and makes a ridiculous claim."},
		})},
		{"snopes", preset("snopes", Scale{Name: "Snopes"}, []Verdict{
			{"True", 5, "The primary elements of the claim are demonstrably true."},
			{"Mostly True", 4, "The primary elements are true, but some ancillary details may be inaccurate."},
			{"Mixture", 3, "The claim has significant elements of both truth and falsity."},
			{"Mostly False", 2, "The primary elements are false, but some ancillary details may be accurate."},
			{"False", 1, "The primary elements of the claim are demonstrably false."},
			{"Unproven", 0, "The evidence is insufficient or contradictory: the claim can be neither proved nor disproved."},
			{"Unfounded", 0, "No demonstrable evidence supports the claim; it rests on hearsay, speculation or rumour."},
			{"Outdated", 0, "Later events have made the claim's original rating irrelevant."},
			{"Miscaptioned", 0, "Real photographs or videos presented with a false description of what they show."},
			{"Correct Attribution", 0, "The quotation is correctly attributed to its speaker or writer."},
			{"Misattributed", 0, "The quotation is attributed to the wrong person."},
			{"Scam", 0, "A scheme to take people's money or personal information."},
			{"Legend", 0, "A tale that cannot be proved or disproved, told as true."},
			{"Labeled Satire", 0, "Content from a source that identifies itself as satire."},
		})},
		{"afp", preset("afp", Scale{Name: "AFP / Meta partner ratings"}, []Verdict{
			{"True", 4, "The content is accurate."},
			{"Missing context", 3, "The content may mislead without additional context."},
			{"Partly false", 2, "The content has some factual inaccuracies, or mixes true and false information."},
			{"False", 1, "The content has no basis in fact."},
			{"Altered", 1, "Images, audio or video edited or synthesised in ways that could mislead."},
			{"Satire", 0, "Humour, irony or exaggeration that could be taken for fact."},
		})},
		{"aap", preset("aap", Scale{Name: "AAP FactCheck"}, []Verdict{
			{"True", 5, "The claim is accurate."},
			{"Mostly True", 4, "The claim is largely accurate but has minor errors or problems."},
			{"Mixture", 3, "The claim has accurate information but also significant errors or problems."},
			{"Mostly False", 2, "The claim is mostly inaccurate but has minor elements of truth."},
			{"False", 1, "The claim is inaccurate."},
			{"Misleading", 0, "Accurate in parts, but with information presented incorrectly, out of context or left out."},
			{"Unproven", 0, "There is not enough evidence to determine the claim's accuracy."},
		})},
		{"fullfact", preset("fullfact", Scale{Name: "Full Fact conclusions", Conclusion: true}, nil)},
	}
}

// preset is s with its key and verdicts.
func preset(key string, s Scale, verdicts []Verdict) Scale {
	s.Preset, s.Verdicts = key, verdicts
	return s
}

// explained is the default scale as a preset, with the explanations of its
// verdicts in order.
func explained(s Scale, explanations []string) Scale {
	s.Preset = "default"
	s.Verdicts = slices.Clone(s.Verdicts)
	for i := range s.Verdicts {
		s.Verdicts[i].Explanation = explanations[i]
	}
	return s
}

// FindScalePreset returns the preset with the key.
func FindScalePreset(key string) (Scale, bool) {
	for _, p := range ScalePresets() {
		if p.Key == key {
			return p.Scale, true
		}
	}
	return Scale{}, false
}

// ScalePresetKeys are the presets' keys, in order.
func ScalePresetKeys() []string {
	var keys []string
	for _, p := range ScalePresets() {
		keys = append(keys, p.Key)
	}
	return keys
}

// PresetOf returns the key of the preset that s is (same ratings), or "".
func (s *Scale) PresetOf() string {
	for _, p := range ScalePresets() {
		if p.Scale.SameRatings(s) {
			return p.Key
		}
	}
	if d := DefaultScale(); d.SameRatings(s) {
		return "default"
	}
	return ""
}
