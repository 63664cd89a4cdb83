package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// overlayText is the text of every label in the topmost dialog.
func (td *testDesk) overlayText() string {
	var b strings.Builder
	if top := td.win.Canvas().Overlays().Top(); top != nil {
		walkTree(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				b.WriteString(l.Text + "\n")
			}
		})
	}
	return b.String()
}

// TestExportClaimReviewCheckList: before a ClaimReview export is written,
// the desk lists what its reviews lack; Cancel writes nothing and leaves the
// export dialog open, "Export anyway" writes. Once the settings give the
// organisation and the review URL pattern, the required ones are gone.
func TestExportClaimReviewCheckList(t *testing.T) {
	td, _ := exportDesk(t)
	p := filepath.Join(t.TempDir(), "reviews.jsonld")
	e := td.openExport()
	e.exportFormat(interchange.FormatClaimReview)
	td.tapExport(e, p)
	td.pumpUntil(func() bool { return strings.Contains(td.overlayText(), "url (required)") }, 10*time.Second)
	text := td.overlayText()
	for _, want := range []string{"1 claim lacks what ClaimReview consumers require", "• “34 percent over budget”: url (required): no review URL",
		"author (recommended)", "itemReviewed.author (recommended)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the list lacks %q:\n%s", want, text)
		}
	}
	if i, j := strings.Index(text, "(required)"), strings.Index(text, "(recommended)"); i < 0 || j < i {
		t.Errorf("the required come first:\n%s", text)
	}
	td.tapOverlayButton("Cancel")
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Fatalf("Cancel wrote %s (%v)", p, err)
	}
	if top := td.win.Canvas().Overlays().Top(); top == nil || e.path.Text != p {
		t.Fatal("Cancel closed the export dialog")
	}

	s := deskSettings(td)
	s.Organization, s.ReviewURL = "Brennport Fact Desk", "https://factdesk.example/fact-check/{slug}"
	if !td.saveSettings(s, nil) {
		t.Fatal("the settings were not saved")
	}
	td.flush()
	test.Tap(e.export)
	td.pumpUntil(func() bool { return strings.Contains(td.overlayText(), "Export anyway") }, 10*time.Second)
	if text := td.overlayText(); strings.Contains(text, "(required)") || !strings.Contains(text, "have what consumers require") {
		t.Errorf("with the settings, the list is:\n%s", text)
	}
	td.tapOverlayButton("Export anyway")
	td.waitStatus("exported 1 ClaimReview review of 1 article to " + p)
	if b, err := os.ReadFile(p); err != nil || !strings.Contains(string(b), `"url": "https://factdesk.example/fact-check/34-percent-over-budget"`) {
		t.Errorf("the file (%v):\n%s", err, b)
	}
}

func deskSettings(td *testDesk) annotate.Settings {
	s, err := td.db.Settings(context.Background())
	if err != nil {
		td.t.Fatal(err)
	}
	return s
}

// TestIssuesTextIsShort: a long list shows the first few and says how
// many more the command line lists.
func TestIssuesTextIsShort(t *testing.T) {
	var issues []interchange.ClaimReviewIssue
	for i := 0; i < 20; i++ {
		issues = append(issues, interchange.ClaimReviewIssue{ClaimID: "c", Claim: "x", Field: "author", Message: "m"})
	}
	text := issuesText(issues)
	if strings.Count(text, "• ") != maxIssuesShown || !strings.Contains(text, "… and 12 more (factmark export --format claimreview lists them all)") {
		t.Errorf("%s", text)
	}
}

// TestSettingsDialogReviewURL: the review URL pattern is saved from the
// settings dialog; one the settings refuse keeps Save disabled.
func TestSettingsDialogReviewURL(t *testing.T) {
	for _, tt := range []struct {
		value string
		ok    bool
	}{
		{"https://factdesk.example/fact-check/{year}/{slug}", true},
		{"  https://factdesk.example/{id}  ", true},
		{"https://factdesk.example/fact-check/", false},
		{"https://factdesk.example/{title}", false},
		{"javascript:alert(1)//{slug}", false},
	} {
		td := newTestDesk(t, nil)
		td.showSettings()
		f := td.dialogFields()
		set(f.entry(reviewURLPlaceholder), tt.value)
		save := f.button("Save")
		if save.Disabled() == tt.ok {
			t.Errorf("%q: Save disabled %v", tt.value, save.Disabled())
			continue
		}
		if !tt.ok {
			continue
		}
		test.Tap(save)
		td.flush()
		if got := deskSettings(td).ReviewURL; got != strings.TrimSpace(tt.value) || td.settings.ReviewURL != got {
			t.Errorf("%q: stored %q, desk %q", tt.value, got, td.settings.ReviewURL)
		}
	}
}

// TestClaimEditorReviewURL: the claim's own review URL is typed in its
// editor and saved once it is an http(s) URL, as one undo step; a
// half-typed or javascript: URL is never saved.
func TestClaimEditorReviewURL(t *testing.T) {
	td := newTestDesk(t, nil)
	id := td.claimOn("34 percent over budget")
	entry := find(td, func(e *widget.Entry) bool { return e.PlaceHolder == "https://example.org/fact-check/…" })
	for _, r := range "https://factdesk.example/checks/budget" {
		test.Type(entry, string(r))
	}
	td.flush()
	if got := td.stored().Claims[0].ReviewURL; got != "https://factdesk.example/checks/budget" {
		t.Fatalf("stored review URL %q", got)
	}
	entry.SetText("javascript:alert(1)")
	td.flush()
	if got := td.findClaim(id).ReviewURL; got != "https://factdesk.example/checks/budget" || entry.Validate() == nil {
		t.Errorf("after javascript: the claim has %q (entry valid: %v)", got, entry.Validate() == nil)
	}
	td.undo()
	td.flush()
	if all := td.stored(); len(all.Claims) != 1 || all.Claims[0].ReviewURL != "" {
		t.Fatalf("undo: %d claims, review URL %+v; want the claim without its URL: the typing is one step", len(all.Claims), all.Claims)
	}
	td.redo()
	td.flush()
	entry = find(td, func(e *widget.Entry) bool { return e.PlaceHolder == "https://example.org/fact-check/…" })
	if got := td.stored().Claims[0].ReviewURL; got != "https://factdesk.example/checks/budget" || entry.Text != got {
		t.Fatalf("redo: stored %q, the editor shows %q", got, entry.Text)
	}
	entry.SetText("")
	td.flush()
	if got := td.stored().Claims[0].ReviewURL; got != "" {
		t.Errorf("clearing it left %q", got)
	}
}
