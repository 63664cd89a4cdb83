package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// annotatedDesk is a desk on the sample with an attribution, a claim and a
// verdict note on the claim.
func annotatedDesk(t *testing.T) *testDesk {
	td := newTestDesk(t, nil)
	td.view.SetSelection(td.rangeOf("“This is the most important decision this council will take in a generation,”"))
	td.createAttribution()
	td.view.SetSelection(td.rangeOf("34 percent over budget"))
	td.createClaim()
	td.tabs.SelectIndex(tabClaims)
	td.createNote()
	id := td.stored().Notes[0].ID
	td.updateNote(id, "", func(n *annotate.Note) { n.Verdict = "Mostly true" })
	return td
}

func TestExportEveryFormatAndReadItBack(t *testing.T) {
	src := annotatedDesk(t)
	want := map[interchange.Format]int{ // annotations each format carries back
		interchange.FormatNative: 3, interchange.FormatW3C: 3, interchange.FormatCSV: 3, interchange.FormatClaimReview: 2,
	}
	for f, n := range want {
		t.Run(f.Label(), func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := src.ExportFormat(&buf, f, src.article.ID); err != nil {
				t.Fatal(err)
			}
			dst := newTestDesk(t, nil) // the same sample text, no annotations
			id, msg, err := dst.ImportData("export"+f.Ext(), buf.Bytes())
			if err != nil {
				t.Fatalf("reading back: %v", err)
			}
			if err := dst.Open(id); err != nil {
				t.Fatal(err)
			}
			if got := dst.ann.Len(); got != n {
				t.Fatalf("read back %d annotations, want %d (%s)", got, n, msg)
			}
		})
	}
}

func TestExportBratToFolderAndImportIt(t *testing.T) {
	src := annotatedDesk(t)
	dir := t.TempDir()
	if _, err := src.ExportBrat(dir, src.article.ID); err != nil {
		t.Fatal(err)
	}
	anns, _ := filepath.Glob(filepath.Join(dir, "*.ann"))
	if len(anns) != 1 {
		t.Fatalf("brat export wrote %v", anns)
	}
	data, err := os.ReadFile(anns[0])
	if err != nil {
		t.Fatal(err)
	}
	dst := newTestDesk(t, []byte("An unrelated article.\n"))
	id, _, err := dst.ImportFile(anns[0], data, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := dst.Open(id); err != nil {
		t.Fatal(err)
	}
	if len(dst.ann.Attributions) != 1 || len(dst.ann.Claims) != 1 || dst.article.Text != src.article.Text {
		t.Fatalf("brat import gave %d attributions, %d claims", len(dst.ann.Attributions), len(dst.ann.Claims))
	}
}

// TestBratExportImportedBackAddsNothing: importing an article's brat export
// back into the project it came from recognises every annotation by its
// spans and adds no copies; an annotation edited since keeps the edit.
func TestBratExportImportedBackAddsNothing(t *testing.T) {
	d := annotatedDesk(t)
	dir := t.TempDir()
	if _, err := d.ExportBrat(dir, d.article.ID); err != nil {
		t.Fatal(err)
	}
	anns, _ := filepath.Glob(filepath.Join(dir, "*.ann"))
	data, err := os.ReadFile(anns[0])
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(anns[0], old, old); err != nil {
		t.Fatal(err)
	}
	before := d.ann
	if _, _, err := d.ImportFile(anns[0], data, os.ReadFile); err != nil {
		t.Fatal(err)
	}
	if err := d.Open(d.article.ID); err != nil {
		t.Fatal(err)
	}
	if len(d.ann.Attributions) != len(before.Attributions) || len(d.ann.Claims) != len(before.Claims) {
		t.Fatalf("after importing its own brat export: %d attributions, %d claims; before %d and %d",
			len(d.ann.Attributions), len(d.ann.Claims), len(before.Attributions), len(before.Claims))
	}
	for i, a := range d.ann.Attributions {
		if a.ID != before.Attributions[i].ID || !a.Created.Equal(before.Attributions[i].Created) {
			t.Errorf("attribution %d is %s created %v, was %s created %v", i, a.ID, a.Created, before.Attributions[i].ID, before.Attributions[i].Created)
		}
	}
}
