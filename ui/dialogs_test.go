package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/factmark/factmark/annotate"
)

func TestImportTextOpensIt(t *testing.T) {
	td := newTestDesk(t, nil)
	id, msg, err := td.ImportData("new.md", []byte("# A new article\nThe minister said so.\n"))
	// The command line's words (interchange.Report.Summary): verb, ID, title.
	if err != nil || msg != "imported "+id+" A new article" {
		t.Fatalf("ImportData: %q, %v", msg, err)
	}
	if err := td.Open(id); err != nil {
		t.Fatal(err)
	}
	if td.win.Title() != "Factmark — A new article" {
		t.Fatalf("title %q", td.win.Title())
	}
	if _, msg, _ := td.ImportData("again.md", []byte("# A new article\nThe minister said so.\n")); !strings.HasPrefix(msg, "already imported") {
		t.Fatalf("second import said %q", msg)
	}
	if td.lib.total != 2 {
		t.Fatalf("library lists %d articles", td.lib.total)
	}
}

func TestImportBadFilesSaysWhy(t *testing.T) {
	td := newTestDesk(t, nil)
	for _, tt := range []struct{ name, data, want string }{
		{"bin.txt", "\x00\x01\x02", "binary content"},
		{"bad.txt", "caf\xe9", "not valid UTF-8"},
		{"broken.json", `{"format": "factmark/1", "articles": [`, "invalid JSON"},
	} {
		_, _, err := td.ImportData(tt.name, []byte(tt.data))
		if err == nil || !strings.Contains(annotate.ErrorMessage(err), tt.want) || !strings.Contains(err.Error(), tt.name) {
			t.Errorf("%s: %v; want an error naming the file and %q", tt.name, err, tt.want)
		}
	}
	if td.lib.total != 1 {
		t.Fatalf("failed imports changed the library: %d articles", td.lib.total)
	}
}

func TestExportThenImportElsewhere(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("€412 million"))
	td.createClaim()
	var buf bytes.Buffer
	n, err := td.ExportTo(&buf, td.article.ID)
	if err != nil || n != 1 {
		t.Fatalf("ExportTo: %d annotations, %v", n, err)
	}
	other := newTestDesk(t, []byte("Something else entirely.\n"))
	id, _, err := other.ImportData("export.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Open(id); err != nil {
		t.Fatal(err)
	}
	if len(other.ann.Claims) != 1 || other.ann.Claims[0].Anchors[0].Exact != "€412 million" {
		t.Fatalf("imported claims %+v", other.ann.Claims)
	}
}

func TestPaletteGoesToAnnotationAndRunsCommands(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("Kanalgade bus terminal"))
	td.createClaim()
	td.view.SetSelection(0, 0)
	td.selected = ""
	td.shortcut(fyne.KeyK, false)
	if td.palette.popup == nil {
		t.Fatal("Ctrl+K did not open the palette")
	}
	td.palette.Choose("Kanalgade")
	if td.findClaim(td.Selected()) == nil {
		t.Fatal("choosing the claim in the palette did not select it")
	}
	if s, e := td.view.Selection(); e-s != len([]rune("Kanalgade bus terminal")) {
		t.Fatalf("palette did not mark the claim's text: %d–%d", s, e)
	}
	td.shortcut(fyne.KeyK, false)
	td.palette.Choose("toggle theme")
	if !td.theme.forced {
		t.Fatal("the palette's theme command did not run")
	}
}

func TestThemeToggleAndTextSize(t *testing.T) {
	td := newTestDesk(t, nil)
	td.app.Settings().SetTheme(theme.DefaultTheme())
	td.theme.Theme = theme.DefaultTheme()
	before := td.theme.variant
	td.toggleTheme()
	first := td.theme.variant
	td.toggleTheme()
	if first == td.theme.variant || !td.theme.forced {
		t.Fatalf("toggle did not switch variants (%v → %v → %v)", before, first, td.theme.variant)
	}
	size := td.theme.textSize
	td.shortcut(fyne.KeyEqual, false)
	if td.theme.textSize != size+1 {
		t.Fatalf("Ctrl+= gave text size %v, want %v", td.theme.textSize, size+1)
	}
	td.shortcut(fyne.KeyMinus, false)
	td.shortcut(fyne.KeyMinus, false)
	if td.theme.textSize != size-1 {
		t.Fatalf("Ctrl+- twice gave text size %v, want %v", td.theme.textSize, size-1)
	}
}

func TestLibraryFilter(t *testing.T) {
	td := newTestDesk(t, nil)
	if _, _, err := td.ImportData("b.txt", []byte("Harbour dredging plan questioned\nText.\n")); err != nil {
		t.Fatal(err)
	}
	td.lib.reload()
	test.Type(td.lib.filter, "harbdredg")
	if len(td.lib.shown()) != 1 || !strings.HasPrefix(td.lib.shown()[0].Title, "Harbour") {
		t.Fatalf("filter shows %d articles", len(td.lib.shown()))
	}
	if td.lib.none.Visible() {
		t.Errorf("with a match the library says %q", td.lib.none.Text)
	}
	test.Type(td.lib.filter, "qqx")
	if len(td.lib.shown()) != 0 || !td.lib.none.Visible() || td.lib.none.Text != "No article matches “harbdredgqqx”." {
		t.Errorf("no match: %d shown, the library says %q (shown %v)", len(td.lib.shown()), td.lib.none.Text, td.lib.none.Visible())
	}
	td.lib.filter.SetText(strings.Repeat("no such headline ", 400))
	td.lib.applyTyped()
	if n := len([]rune(td.lib.none.Text)); !td.lib.none.Visible() || n > noneQuoted+30 {
		t.Errorf("a pasted page: the library says %d characters (shown %v)", n, td.lib.none.Visible())
	}
	td.lib.filter.SetText("")
	td.lib.applyTyped()
	if td.lib.none.Visible() || len(td.lib.shown()) != 2 {
		t.Errorf("filter cleared: %d shown, the library still says %q", len(td.lib.shown()), td.lib.none.Text)
	}
}

func TestEditorsSaveAtOnce(t *testing.T) {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("“This is the most important decision this council will take in a generation,”"))
	td.createAttribution()
	id := td.Selected()
	src, _ := td.text.Anchor(td.rangeOf("Ms. Halvorsen"))
	td.view.SetSelection(src.Start, src.End)
	td.updateAttribution(id, "", func(a *annotate.Attribution) { a.Source = &src })
	spID, err := td.resolveSpeaker("Ingrid Halvorsen")
	if err != nil {
		t.Fatal(err)
	}
	td.updateAttribution(id, "", func(a *annotate.Attribution) { a.SpeakerID = spID })
	td.updateSpeaker(spID, "aliases", func(s *annotate.Speaker) { s.Aliases = []string{"Ms. Halvorsen", "the Mayor"} })
	got := td.stored().Attributions[0]
	if got.Source == nil || got.Source.Exact != "Ms. Halvorsen" || got.SpeakerID != spID {
		t.Fatalf("attribution stored as %+v", got)
	}
	if again, _ := td.resolveSpeaker("Mayor Halvorsen"); again != spID {
		t.Fatal("a title and surname did not find the speaker")
	}
	if len(td.speakerSuggestions("halv")) != 1 {
		t.Fatalf("suggestions for 'halv': %v", td.speakerSuggestions("halv"))
	}
}
