package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
)

// TestKeysOnABlankSelectionSaveNothing: a double-click on a space selects
// one blank character; A, C and N on it say what to select and save
// nothing (A panicked, and C and N saved a blank annotation that then
// crashed the desk at every start).
func TestKeysOnABlankSelectionSaveNothing(t *testing.T) {
	for _, key := range []string{"a", "c", "n"} {
		t.Run(key, func(t *testing.T) {
			td := newTestDesk(t, nil)
			start, _ := td.rangeOf(" by bus")
			td.view.SetSelection(start, start+1)
			test.Type(td.view, key)
			if !strings.Contains(td.status.Text, blankSelection) {
				t.Errorf("status %q, want %q", td.status.Text, blankSelection)
			}
			if n := td.ann.Len() + td.stored().Len(); n != 0 {
				t.Fatalf("%d annotations made of a blank selection", n)
			}
		})
	}
}

func TestLabelHelpersOnEmptyAndBlankText(t *testing.T) {
	tests := []struct {
		in        string
		quote     string
		guessKind annotate.Kind
	}{
		{"", "“ ”", annotate.Indirect},
		{" ", "“ ”", annotate.Indirect},
		{"\n\t", "“ ”", annotate.Indirect},
		{"“Yes,”", "“Yes,”", annotate.Direct},
		{"\"No\"", "\"No\"", annotate.Direct},
		{"it was “fine” then", "“it was “fine” then”", annotate.Mixed},
		{"a  b", "“a b”", annotate.Indirect},
	}
	for _, tt := range tests {
		if got := quote(tt.in); got != tt.quote {
			t.Errorf("quote(%q) = %q, want %q", tt.in, got, tt.quote)
		}
		if got := guessKind(tt.in); got != tt.guessKind {
			t.Errorf("guessKind(%q) = %q, want %q", tt.in, got, tt.guessKind)
		}
	}
}

// TestPanelsShowBlankAnnotations: a project written before blank anchors
// were refused may hold them; the panels list them without a panic.
func TestPanelsShowBlankAnnotations(t *testing.T) {
	td := newTestDesk(t, nil)
	blank := annotate.Anchor{Start: 3, End: 4, Exact: " "}
	meta := annotate.Meta{ID: annotate.NewID(), ArticleID: td.article.ID}
	td.ann.Attributions = []annotate.Attribution{{Meta: meta, Content: []annotate.Anchor{blank}, Kind: annotate.Indirect}}
	td.ann.Claims = []annotate.Claim{{Meta: meta, Anchors: []annotate.Anchor{blank}}, {Meta: meta}}
	td.ann.Notes = []annotate.Note{{Meta: meta, Target: &blank}}
	td.refresh(true)
	if rows := td.claims.Rows(); len(rows) != 2 || !strings.HasPrefix(rows[0], "“ ”") {
		t.Fatalf("claim rows %q", rows)
	}
}

// TestCOrAOnAnExistingSpanSelectsIt: C on the span of a claim, or A on the
// content of an attribution, selects that one instead of making a duplicate.
func TestCOrAOnAnExistingSpanSelectsIt(t *testing.T) {
	tests := []struct {
		key, phrase, says string
		kind              annKind
	}{
		{"c", "€230 million", "a claim already", kindClaim},
		{"a", "“The budget is sound on paper,”", "an attribution's content already", kindAttribution},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			td := newTestDesk(t, nil)
			td.view.SetSelection(td.rangeOf(tt.phrase))
			test.Type(td.view, tt.key)
			first := td.Selected()
			td.view.SetSelection(0, 0)
			td.selected = ""
			td.view.SetSelection(td.rangeOf(tt.phrase))
			test.Type(td.view, tt.key)
			if got := td.stored().Len(); got != 1 {
				t.Fatalf("%d annotations after pressing %s twice on one span", got, tt.key)
			}
			if td.Selected() != first || td.findKind(first) != tt.kind {
				t.Fatalf("selected %q, want the existing %s %q", td.Selected(), tt.kind, first)
			}
			if !strings.Contains(td.status.Text, tt.says) {
				t.Fatalf("status %q does not say it is %s", td.status.Text, tt.says)
			}
		})
	}
}

// TestClaimInsideAnAttributionIsNoDuplicate: C on an attribution's content
// makes a claim (the kinds differ), linked to the attribution.
func TestClaimInsideAnAttributionIsNoDuplicate(t *testing.T) {
	td := newTestDesk(t, nil)
	phrase := "“The budget is sound on paper,”"
	td.view.SetSelection(td.rangeOf(phrase))
	test.Type(td.view, "a")
	attr := td.Selected()
	td.view.SetSelection(td.rangeOf(phrase))
	test.Type(td.view, "c")
	all := td.stored()
	if len(all.Claims) != 1 || all.Claims[0].AttributionID != attr {
		t.Fatalf("claims %+v, want one from attribution %s", all.Claims, attr)
	}
}
