package pdftext

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDumpTmp(t *testing.T) {
	for _, c := range devCases(t) {
		ex, err := Extract(c.name, c.pdf)
		if err != nil {
			continue
		}
		os.WriteFile(filepath.Join("/tmp/pdfdump", c.name+".txt"), []byte(ex.Text), 0o644)
		os.WriteFile(filepath.Join("/tmp/pdfdump", c.name+".title"), []byte(ex.Meta.Title), 0o644)
	}
}
