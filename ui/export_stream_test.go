package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/factmark/factmark/interchange"
)

// The dialog's export is made as it is written: checking it writes
// nothing and holds no file, and the file written is the export
// ExportFormatWith makes in memory, for every single-file format.
func TestExportDialogWritesAsItMakes(t *testing.T) {
	td, _ := exportDesk(t)
	dir := t.TempDir()
	protect := td.protectProject()
	for _, f := range interchange.ExportFormats {
		if f == interchange.FormatBrat {
			continue
		}
		p := filepath.Join(dir, "export-"+string(f))
		target, err := checkExportPath(p, f, protect)
		if err != nil {
			t.Fatal(err)
		}
		job, err := td.prepareExport(f, interchange.ExportOptions{}, target, protect)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, err := os.Lstat(p); err == nil || job.export != nil {
			t.Fatalf("%s: checking the export wrote %s or made the export", f, p)
		}
		if err := job.write(protect); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		want, err := interchange.ExportFormatWith(td.ctx, td.store(), f, interchange.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(p)
		if !bytes.Equal(got, want.Files[0].Data) || job.summary != want.Summary(p) || job.count != want.Count() {
			t.Errorf("%s: wrote %d bytes (%q, %d), want %d (%q, %d)", f, len(got), job.summary, job.count,
				len(want.Files[0].Data), want.Summary(p), want.Count())
		}
		if f == interchange.FormatClaimReview && len(job.issues) != len(want.Issues) {
			t.Errorf("ClaimReview: %d issues found before writing, want %d", len(job.issues), len(want.Issues))
		}
	}
}
