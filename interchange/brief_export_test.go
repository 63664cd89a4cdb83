package interchange

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestExportBrief: the brief's formats are export formats, each export
// holds the bytes WriteFormatBy writes with the project's organisation,
// and says how many claims it holds; with approvedOnly, claims without
// the approvals the project requires are left out.
func TestExportBrief(t *testing.T) {
	s := exportProject(t)
	for _, tt := range []struct {
		f          Format
		ext, magic string
	}{{FormatBriefHTML, ".html", "<!DOCTYPE html>"}, {FormatBriefMD, ".md", "# "}, {FormatBriefPDF, ".pdf", "%PDF-"}} {
		t.Run(string(tt.f), func(t *testing.T) {
			if f, ok := ParseFormat(string(tt.f)); !ok || f != tt.f || tt.f.Ext() != tt.ext || !IsBrief(tt.f) {
				t.Errorf("ParseFormat(%q) = %q, %v; Ext %q", tt.f, f, ok, tt.f.Ext())
			}
			ex, err := ExportFormat(context.Background(), s.store(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := WriteFormatBy(&want, tt.f, crTestDocument(t), Organization{Name: "Desk & Co", URL: "https://desk.example/"}); err != nil {
				t.Fatal(err)
			}
			if len(ex.Files) != 1 || !bytes.Equal(ex.Files[0].Data, want.Bytes()) || !bytes.HasPrefix(want.Bytes(), []byte(tt.magic)) {
				t.Errorf("the export is not WriteFormatBy's %s", tt.f)
			}
			if tt.f != FormatBriefPDF && !bytes.Contains(want.Bytes(), []byte("Desk")) {
				t.Errorf("the brief does not name the organisation")
			}
			wantSummary := "exported the fact-check brief of 2 claims on 1 article as " + tt.f.Label() + " to out"
			if ex.Count() != 2 || ex.Summary("out") != wantSummary {
				t.Errorf("Count %d, Summary %q; want 2, %q", ex.Count(), ex.Summary("out"), wantSummary)
			}
			approved, err := ExportBrief(context.Background(), s.store(), tt.f, true)
			if err != nil {
				t.Fatal(err)
			}
			if approved.Count() != 0 || !strings.Contains(approved.Summary("out"), "approvals the project requires") {
				t.Errorf("approved only: Count %d, Summary %q; the test document has no approvals", approved.Count(), approved.Summary("out"))
			}
		})
	}
	if _, err := ExportBrief(context.Background(), s.store(), FormatCSV, false); err == nil {
		t.Error("ExportBrief made a CSV")
	}
}

// TestParseBriefNames: the command line's short names of the brief.
func TestParseBriefNames(t *testing.T) {
	for name, want := range map[string]Format{"html": FormatBriefHTML, "md": FormatBriefMD, "pdf": FormatBriefPDF,
		"brief-pdf": FormatBriefPDF, "csv": FormatCSV} {
		if f, ok := ParseFormat(name); !ok || f != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", name, f, ok, want)
		}
	}
	if _, ok := ParseFormat("docx"); ok {
		t.Error("docx parses")
	}
}
