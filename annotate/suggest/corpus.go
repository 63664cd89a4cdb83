package suggest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// GoldFile pairs a text with one file of gold annotations on it.
type GoldFile struct {
	Name string // the .ann file's name without extension
	Text string // path of the .txt
	Ann  string // path of the .ann
}

// GoldFiles lists the gold annotation files under dir, in two layouts:
// PolNeAR's (text/<slug>.txt with attributions/<slug>_<annotator>.ann, several
// annotators possible) and plain pairs (<name>.txt beside <name>.ann, as in
// the seed). Every annotator's file is listed: evaluation scores each as a
// document of its own, so a text annotated twice counts twice.
func GoldFiles(dir string) ([]GoldFile, error) {
	if st, err := os.Stat(filepath.Join(dir, "attributions")); err == nil && st.IsDir() {
		return polnearFiles(dir)
	}
	anns, err := filepath.Glob(filepath.Join(dir, "*.ann"))
	if err != nil {
		return nil, err
	}
	var out []GoldFile
	for _, ann := range anns {
		txt := strings.TrimSuffix(ann, ".ann") + ".txt"
		if _, err := os.Stat(txt); err == nil {
			out = append(out, GoldFile{Name: strings.TrimSuffix(filepath.Base(ann), ".ann"), Text: txt, Ann: ann})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no .txt/.ann pairs and no attributions/ folder", dir)
	}
	return out, nil
}

func polnearFiles(dir string) ([]GoldFile, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	sort.Strings(anns)
	var out []GoldFile
	for _, ann := range anns {
		name := strings.TrimSuffix(filepath.Base(ann), ".ann")
		slug := name
		if i := strings.LastIndex(name, "_"); i > 0 {
			slug = name[:i]
		}
		txt := filepath.Join(dir, "text", slug+".txt")
		if _, err := os.Stat(txt); err != nil {
			continue
		}
		out = append(out, GoldFile{Name: name, Text: txt, Ann: ann})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no annotation file has its text under text/", dir)
	}
	return out, nil
}

// LoadExample reads a gold file with interchange.ParseBratText: the text is
// normalised and the gold offsets moved with it when normalising changes it.
// A control character the importer refuses (one PolNeAR train text has an
// ESC) becomes a space first: the corpus keeps the file, offsets do not
// move, and what the models learn from no longer depends on the importer's
// rules for what users may import.
func LoadExample(f GoldFile) (Example, error) {
	raw, err := os.ReadFile(f.Text)
	if err != nil {
		return Example{}, err
	}
	raw = blankControls(raw)
	ann, err := os.ReadFile(f.Ann)
	if err != nil {
		return Example{}, err
	}
	text, bd, err := interchange.ParseBratText(raw, annotate.NewID(), ann, time.Unix(0, 0))
	if err != nil {
		return Example{}, fmt.Errorf("%s: %w", f.Ann, err)
	}
	return Example{Name: f.Name, Text: text, Attributions: bd.Attributions, Claims: bd.Claims, Speakers: bd.Speakers}, nil
}

// LoadExamples reads every gold file under dir (see GoldFiles). A file the
// brat reader refuses (a handful of PolNeAR's have an event whose roles point
// at spans of the wrong type) is left out, and its error returned in bad.
func LoadExamples(dir string) (exs []Example, bad []error, err error) {
	files, err := GoldFiles(dir)
	if err != nil {
		return nil, nil, err
	}
	exs = make([]Example, 0, len(files))
	for _, f := range files {
		ex, err := LoadExample(f)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		exs = append(exs, ex)
	}
	return exs, bad, nil
}

// blankControls replaces the C0 control characters other than tab and line
// ends, and DEL, by spaces. They are single bytes in UTF-8, so byte and
// code-point offsets are unchanged.
func blankControls(raw []byte) []byte {
	var out []byte
	for i, c := range raw {
		if c < 0x20 && !strings.ContainsRune("\t\n\r\f\v", rune(c)) || c == 0x7F {
			if out == nil {
				out = append([]byte(nil), raw...)
			}
			out[i] = ' '
		}
	}
	if out == nil {
		return raw
	}
	return out
}
