package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/factmark/factmark/annotate"
)

// badCase is one input the command line must refuse, changing nothing.
type badCase struct {
	name string
	// files are written into the case's folder before it runs (FIFO,
	// folder and 0600 make one of those instead of a file).
	files map[string]string
	args  []string // {dir} is the case's folder, {db} the project
	// want are substrings stderr must hold, {dir} and {db} replaced: the
	// file (or flag) named, and the problem.
	want []string
	// nobody runs the case as user nobody, for permission denied.
	nobody bool
}

const (
	fifoFile    = "\x00FIFO"
	folderFile  = "\x00FOLDER"
	privateFile = "\x00PRIVATE:" // a 0600 file owned by root, then this content
	sparseFile  = "\x00SPARSE:"  // a sparse file of this many bytes
)

// sample returns a file of interchange/testdata with the replacements made,
// each of which must apply.
func sample(t *testing.T, name string, replace ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "interchange", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(s, replace[i]) {
			t.Fatalf("%s does not contain %q", name, replace[i])
		}
		s = strings.Replace(s, replace[i], replace[i+1], 1)
	}
	return s
}

func utf16File(s string, order binary.ByteOrder, bom bool) string {
	var b bytes.Buffer
	if bom {
		binary.Write(&b, order, uint16(0xFEFF))
	}
	for _, u := range utf16.Encode([]rune(s)) {
		binary.Write(&b, order, u)
	}
	return b.String()
}

// badCases is the table: every importer and the command line's flags.
func badCases(t *testing.T) []badCase {
	text := annotate.SampleArticle(time.Now()).Text
	native := func(replace ...string) map[string]string {
		return map[string]string{"in.json": sample(t, "sample.factmark.json", replace...)}
	}
	// w3cOne is the sample's first annotation alone, so that its failing to
	// be placed fails the import.
	w3cOne := func(replace ...string) map[string]string {
		all := sample(t, "sample.w3c.jsonld")
		for _, line := range strings.Split(all, "\n") {
			if strings.Contains(line, `"id":"urn:uuid:a7000000-0000-4000-8000-000000000001"`) {
				s := strings.TrimSuffix(strings.TrimSpace(line), ",")
				for i := 0; i+1 < len(replace); i += 2 {
					if !strings.Contains(s, replace[i]) {
						t.Fatalf("the first W3C annotation lacks %q", replace[i])
					}
					s = strings.Replace(s, replace[i], replace[i+1], 1)
				}
				return map[string]string{"in.jsonld": s}
			}
		}
		t.Fatal("no first annotation in the W3C sample")
		return nil
	}
	review := func(replace ...string) map[string]string {
		return map[string]string{"in.jsonld": sample(t, "sample.claimreview.jsonld", replace...)}
	}
	csvFile := func(replace ...string) map[string]string {
		return map[string]string{"in.csv": sample(t, "sample.csv", replace...)}
	}
	brat := func(replace ...string) map[string]string {
		return map[string]string{"in.ann": sample(t, "sample.ann", replace...), "in.txt": text}
	}
	ann := func(lines string) map[string]string {
		return map[string]string{"in.ann": lines, "in.txt": text}
	}
	one := func(name, content string) map[string]string { return map[string]string{name: content} }
	importArgs := func(name string) []string { return []string{"--db", "{db}", "import", "{dir}/" + name} }
	const longPNG = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
	return []badCase{
		// Articles: .txt and .md.
		{name: "binary .txt", files: one("a.txt", longPNG), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "binary content, not text"}},
		{name: "binary .md", files: one("a.md", "PK\x03\x04\x00\x00zip"), args: importArgs("a.md"), want: []string{"{dir}/a.md", "binary content, not text"}},
		{name: "NUL in the middle", files: one("a.txt", "Title\n\nText\x00more\n"), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "NUL byte"}},
		{name: "invalid UTF-8", files: one("a.txt", "Title\n\nCaf\xe9 au lait\n"), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "UTF-8"}},
		{name: "Latin-1 text", files: one("a.md", "# Na\xefve\n\nd\xe9j\xe0 vu\n"), args: importArgs("a.md"), want: []string{"{dir}/a.md", "UTF-8"}},
		// UTF-16 with a byte-order mark is converted; without one it is refused.
		{name: "UTF-16 LE without BOM", files: one("a.txt", utf16File("Title\n\nSome text.\n", binary.LittleEndian, false)), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "UTF-16"}},
		{name: "UTF-16 BE without BOM", files: one("a.md", utf16File("# Title\n\nSome text.\n", binary.BigEndian, false)), args: importArgs("a.md"), want: []string{"{dir}/a.md", "UTF-16"}},
		{name: "UTF-16 with BOM, binary inside", files: one("a.txt", utf16File("Title\n\nSome\x00text.\n", binary.LittleEndian, true)), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "NUL"}},
		{name: "empty .txt", files: one("a.txt", ""), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "empty"}},
		{name: "blank .txt", files: one("a.txt", " \n\t\n   \n"), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "empty"}},
		{name: "only a BOM", files: one("a.txt", "\uFEFF"), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "empty"}},
		{name: "300 MB file", files: one("a.txt", sparseFile+"314572800"), args: importArgs("a.txt"), want: []string{"{dir}/a.txt is 300 MB; the limit is 16 MB"}},
		{name: "text over the article limit", files: one("a.txt", "Title\n\n"+strings.Repeat("word ", 17<<20/5)), args: importArgs("a.txt"), want: []string{"{dir}/a.txt is 17.0 MB; the limit is 16 MB"}},
		{name: "FIFO", files: one("f.txt", fifoFile), args: importArgs("f.txt"), want: []string{"{dir}/f.txt is a named pipe (FIFO), not a file"}},
		{name: "/dev/zero", args: []string{"--db", "{db}", "import", "/dev/zero"}, want: []string{"/dev/zero is a character device, not a file"}},
		{name: "/dev/null", args: []string{"--db", "{db}", "import", "/dev/null"}, want: []string{"/dev/null is a character device, not a file"}},
		{name: "folder", files: one("sub.txt", folderFile), args: importArgs("sub.txt"), want: []string{"{dir}/sub.txt is a folder, not a file"}},
		{name: "missing file", args: importArgs("nope.txt"), want: []string{"cannot read {dir}/nope.txt: there is no such file"}},
		{name: "second of two files missing", files: one("a.txt", "Fine\n\nText.\n"), args: []string{"--db", "{db}", "import", "{dir}/nope.txt", "{dir}/a.txt"}, want: []string{"cannot read {dir}/nope.txt"}},
		{name: "permission denied", files: one("a.txt", privateFile+"Title\n\nPrivate.\n"), args: importArgs("a.txt"), want: []string{"cannot read {dir}/a.txt: permission denied"}, nobody: true},
		{name: "--title with ESC[2J and BEL", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--title", "Clear\x1b[2J\a", "{dir}/a.txt"}, want: []string{"title", "control character"}},
		{name: "--title with a C1 control", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--title", "Title\u009b31m", "{dir}/a.txt"}, want: []string{"title", "control character"}},
		{name: "--outlet with a control character", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--outlet", "Ledger\x07", "{dir}/a.txt"}, want: []string{"outlet", "control character"}},
		{name: "--author with a control character", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--author", "Ana\x1b]0;x\x07", "{dir}/a.txt"}, want: []string{"author", "control character"}},
		{name: "title line with ESC", files: one("a.txt", "Title \x1b[31mred\n\nText.\n"), args: importArgs("a.txt"), want: []string{"{dir}/a.txt", "control character"}},
		{name: "--date not a date", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--date", "yesterday", "{dir}/a.txt"}, want: []string{"yesterday", "YYYY-MM-DD"}},
		{name: "--date 2026-13-45", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--date", "2026-13-45", "{dir}/a.txt"}, want: []string{"2026-13-45"}},
		{name: "--date with a time", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--date", "2026-03-04T10:00:00Z", "{dir}/a.txt"}, want: []string{"2026-03-04T10:00:00Z"}},
		{name: "--date 30 February", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"--db", "{db}", "import", "--date", "2026-02-30", "{dir}/a.txt"}, want: []string{"2026-02-30"}},

		// Native JSON.
		{name: "native: truncated", files: one("in.json", sample(t, "sample.factmark.json")[:3000]), args: importArgs("in.json"), want: []string{"{dir}/in.json", "JSON"}},
		{name: "native: not JSON", files: one("in.json", "{oops, not json}"), args: importArgs("in.json"), want: []string{"{dir}/in.json", "JSON"}},
		{name: "native: unknown format version", files: native(`"format": "factmark/1"`, `"format": "factmark/9"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "factmark/9"}},
		{name: "native: empty object", files: one("in.json", "{}"), args: importArgs("in.json"), want: []string{"{dir}/in.json", "format"}},
		{name: "native: null", files: one("in.json", "null"), args: importArgs("in.json"), want: []string{"{dir}/in.json"}},
		{name: "native: empty .json", files: one("in.json", ""), args: importArgs("in.json"), want: []string{"{dir}/in.json"}},
		{name: "native: trailing garbage", files: one("in.json", sample(t, "sample.factmark.json")+"\n{\"more\": 1}"), args: importArgs("in.json"), want: []string{"{dir}/in.json"}},
		{name: "native: invalid UTF-8", files: native(`"Ingrid Halvorsen"`, "\"Ingrid \xff Halvorsen\""), args: importArgs("in.json"), want: []string{"{dir}/in.json", "UTF-8"}},
		{name: "native: UTF-16 without BOM", files: one("in.json", utf16File(sample(t, "sample.factmark.json"), binary.LittleEndian, false)), args: importArgs("in.json"), want: []string{"{dir}/in.json", "UTF-16"}},
		{name: "native: nested arrays 100k deep", files: one("in.json", `{"format":"factmark/1","articles":`+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"}"), args: importArgs("in.json"), want: []string{"{dir}/in.json"}},
		{name: "native: text changed, hash kept", files: native("ending a dispute", "ending a quarrel"), args: importArgs("in.json"), want: []string{"{dir}/in.json", "sha256"}},
		{name: "native: offset past the text", files: native(`"start": 924`, `"start": 99924`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "99924"}},
		{name: "native: end before start", files: native(`"end": 937`, `"end": 900`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "end"}},
		{name: "native: negative offset", files: native(`"start": 924`, `"start": -5`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "-5"}},
		{name: "native: offset 1e999", files: native(`"start": 924`, `"start": 1e999`), args: importArgs("in.json"), want: []string{"{dir}/in.json"}},
		{name: "native: quote does not match the text", files: native(`"exact": "Ms. Halvorsen"`, `"exact": "Mr. Halvorsen"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "Mr. Halvorsen"}},
		{name: "native: blank span", files: native(`"start": 924,
            "end": 937,
            "exact": "Ms. Halvorsen",
            "prefix": "cil will take in a generation,” ",
            "suffix": " said. “Forty thousand people li"`, `"start": 937,
            "end": 938,
            "exact": " ",
            "prefix": "",
            "suffix": ""`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "only white space"}},
		{name: "native: title with ESC", files: native(`"title": "Brennport council`, `"title": "\u001b[2JBrennport council`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "title", "control character"}},
		{name: "native: speaker name with BEL", files: native(`"name": "Ingrid Halvorsen"`, `"name": "Ingrid\u0007 Halvorsen"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "name", "control character"}},
		{name: "native: outlet with C1", files: native(`"outlet": "The Brennport Ledger (sample)"`, `"outlet": "The \u009b Ledger"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "outlet", "control character"}},
		{name: "native: verdict not on the scale", files: native(`"verdict": "Mostly true"`, `"verdict": "Pants on fire"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "Pants on fire"}},
		{name: "native: unknown speaker", files: native(`"speaker": "5b000000-0000-4000-8000-000000000001"`, `"speaker": "5b000000-0000-4000-8000-0000000000ff"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "5b000000-0000-4000-8000-0000000000ff"}},
		{name: "native: note on an unknown claim", files: native(`"claim": "c1000000-0000-4000-8000-000000000001"`, `"claim": "c1000000-0000-4000-8000-0000000000ff"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "c1000000-0000-4000-8000-0000000000ff"}},
		{name: "native: annotation ID not a UUID", files: native(`"id": "a7000000-0000-4000-8000-000000000001"`, `"id": "not-a-uuid"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "not-a-uuid"}},
		{name: "native: unknown attribution kind", files: native(`"kind": "direct"`, `"kind": "telepathic"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "telepathic"}},
		{name: "native: worthiness 2.5", files: native(`"worthiness": 0.9`, `"worthiness": 2.5`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "worthiness"}},
		{name: "native: malformed time", files: native(`"created": "2026-03-01T12:00:00Z"`, `"created": "yesterday"`), args: importArgs("in.json"), want: []string{"{dir}/in.json", "yesterday"}},
		{name: "native: article ID of another article", files: native(`"id": "a1c2e3f4-0000-4000-8000-000000000001"`, `"id": "{other}"`, "ending a dispute", "ending a quarrel"), args: importArgs("in.json"), want: []string{"{dir}/in.json"}},

		// W3C Web Annotation.
		{name: "W3C: truncated", files: one("in.jsonld", sample(t, "sample.w3c.jsonld")[:2000]), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld"}},
		{name: "W3C: position past the text, quote not in it", files: w3cOne(`"exact":"Ms. Halvorsen"`, `"exact":"Mr. Nobody"`, `{"type":"TextPositionSelector","start":924,"end":937}`, `{"type":"TextPositionSelector","start":99924,"end":99937}`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "none of its 1 annotations could be placed"}},
		{name: "W3C: end before start", files: w3cOne(`"exact":"Ms. Halvorsen"`, `"exact":"Mr. Nobody"`, `{"type":"TextPositionSelector","start":924,"end":937}`, `{"type":"TextPositionSelector","start":937,"end":924}`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "could be placed"}},
		{name: "W3C: source not in the project", files: one("in.jsonld", strings.ReplaceAll(sample(t, "sample.w3c.jsonld"), "https://ledger.example/tram", "https://elsewhere.example/none")), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "https://elsewhere.example/none is not in the project"}},
		{name: "W3C: annotation without body", files: one("in.jsonld", `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","id":"urn:uuid:a7000000-0000-4000-8000-0000000000aa","target":"https://ledger.example/tram"}`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld"}},
		{name: "W3C: items not a list", files: one("in.jsonld", `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":42}}`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld"}},
		{name: "W3C: blank quote", files: w3cOne(`"exact":"Ms. Halvorsen","prefix":"cil will take in a generation,” ","suffix":" said. “Forty thousand people li"},{"type":"TextPositionSelector","start":924,"end":937}`, `"exact":" "},{"type":"TextPositionSelector","start":937,"end":938}`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "only white space"}},

		// ClaimReview.
		{name: "ClaimReview: ratingValue 1e308", files: review(`"ratingValue": 4`, `"ratingValue": 1e308`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "ratingValue"}},
		{name: "ClaimReview: worstRating NaN", files: review(`"worstRating": 1`, `"worstRating": "NaN"`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "worstRating", "not a finite number"}},
		{name: "ClaimReview: bestRating Infinity", files: review(`"bestRating": 5`, `"bestRating": "Infinity"`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "bestRating", "not a finite number"}},
		{name: "ClaimReview: malformed", files: one("in.jsonld", `{"@context":"https://schema.org","@graph":[{"@type":"ClaimReview",`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld"}},
		{name: "ClaimReview: empty claimReviewed", files: review(`"claimReviewed": "cut the journey between Holmvik and the city centre from 41 minutes by bus to 19 minutes by tram"`, `"claimReviewed": ""`), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "claimReviewed"}},
		{name: "ClaimReview: article not in the project", files: one("in.jsonld", strings.ReplaceAll(sample(t, "sample.claimreview.jsonld"), "https://ledger.example/tram", "https://elsewhere.example/none")), args: importArgs("in.jsonld"), want: []string{"{dir}/in.jsonld", "https://elsewhere.example/none is not in the project"}},

		// brat.
		{name: "brat: event's source an undefined T99", files: brat("E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3", "E1\tAttribution:T4 Source:T99 Cue:T2 Content:T3"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "line 6: E1", "T99"}},
		{name: "brat: extra event on an undefined T99", files: map[string]string{"in.ann": sample(t, "sample.ann") + "E9\tAttribution:T4 Source:T99\n", "in.txt": text}, args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "E9 refers to T99"}},
		{name: "brat: note on an undefined T77", files: brat("#1\tAnnotatorNotes T1\t", "#1\tAnnotatorNotes T77\t"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "T77"}},
		{name: "brat: span past the text", files: brat("T1\tSource 924 937", "T1\tSource 924 99937"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "99937"}},
		{name: "brat: end before start", files: brat("T1\tSource 924 937", "T1\tSource 937 924"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "line 1"}},
		{name: "brat: span without offsets", files: ann("T1\tSource\tMs. Halvorsen\n"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "line 1"}},
		{name: "brat: offsets not numbers", files: ann("T1\tSource abc def\tMs. Halvorsen\n"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "line 1"}},
		{name: "brat: quoted text differs", files: brat("T1\tSource 924 937\tMs. Halvorsen", "T1\tSource 924 937\tMr. Somebody"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "Mr. Somebody"}},
		{name: "brat: blank span", files: ann("T1\tClaim 937 938\t \n"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "only white space"}},
		{name: "brat: text not beside", files: one("in.ann", "T1\tClaim 0 9\tBrennport\n"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "not beside"}},
		{name: "brat: text beside is a FIFO", files: map[string]string{"in.ann": "T1\tClaim 0 9\tBrennport\n", "in.txt": fifoFile}, args: importArgs("in.ann"), want: []string{"{dir}/in.txt is a named pipe (FIFO)"}},
		{name: "brat: text beside unreadable", files: map[string]string{"in.ann": "T1\tClaim 0 9\tBrennport\n", "in.txt": privateFile + text}, args: importArgs("in.ann"), want: []string{"cannot read {dir}/in.txt: permission denied"}, nobody: true},
		{name: "brat: binary .ann", files: map[string]string{"in.ann": "T1\tClaim 0 9\x00\x01\x02", "in.txt": text}, args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "line 1: T1"}},
		{name: "brat: invalid UTF-8", files: ann("T1\tClaim 0 9\tBrenn\xffport\n"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", `"Brenn\xffport" does not match the article`}},
		{name: "brat: malformed line", files: ann("this is not brat\n"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "line 1"}},
		{name: "brat: speaker note with ESC", files: brat("speaker=Ingrid Halvorsen", "speaker=Ingrid\x1b[2J Halvorsen"), args: importArgs("in.ann"), want: []string{"{dir}/in.ann", "control character"}},

		// Factmark CSV.
		{name: "CSV: unterminated quote", files: one("in.csv", sample(t, "sample.csv")[:600]+"\"unterminated\n"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv"}},
		{name: "CSV: wrong header", files: one("in.csv", "a,b,c\n1,2,3\n"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv"}},
		{name: "CSV: start not a number", files: csvFile(",attribution,846,923,", ",attribution,eight,923,"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv", "eight"}},
		{name: "CSV: offset past the text", files: csvFile(",attribution,846,923,", ",attribution,846,99923,"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv", "99923"}},
		{name: "CSV: unknown article", files: csvFile("d862d0984424482f53867ff2f8d4e3602ab18b0dead8b30458bc4cb911d8ef3b", "0000000000000000000000000000000000000000000000000000000000000000"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv"}},
		{name: "CSV: unknown kind", files: csvFile(",attribution,846,923,", ",gossip,846,923,"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv", "gossip"}},
		{name: "CSV: row with too few fields", files: one("in.csv", strings.SplitAfter(sample(t, "sample.csv"), "\n")[0]+"d862d0984424482f53867ff2f8d4e3602ab18b0dead8b30458bc4cb911d8ef3b,x,y\n"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv"}},
		{name: "CSV: binary", files: one("in.csv", "article_sha256,article,id\x00\x00\x01"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv"}},
		{name: "CSV: worthiness not a number", files: csvFile(",0.9,manual,", ",very,manual,"), args: importArgs("in.csv"), want: []string{"{dir}/in.csv", "very"}},

		// The project flag and the other commands' flags.
		{name: "--db on a FIFO", files: one("p.db", fifoFile), args: []string{"--db", "{dir}/p.db", "list"}, want: []string{"{dir}/p.db is a named pipe (FIFO), not a database file"}},
		{name: "--db on a folder", files: one("p.db", folderFile), args: []string{"--db", "{dir}/p.db", "import", "{dir}/p.db"}, want: []string{"{dir}/p.db is a folder"}},
		{name: "--db on /dev/null", args: []string{"--db", "/dev/null", "export"}, want: []string{"/dev/null is a character device, not a database file"}},
		{name: "--db on a text file", files: one("p.db", "my notes\n"), args: []string{"--db", "{dir}/p.db", "list"}, want: []string{"{dir}/p.db is not a Factmark database"}},
		{name: "--db missing for list", args: []string{"--db", "{dir}/no/such/x.db", "list"}, want: []string{"there is no Factmark project at {dir}/no/such/x.db"}},
		{name: "--db missing for export", args: []string{"--db", "{dir}/x.db", "export", "-o", "{dir}/out.json"}, want: []string{"there is no Factmark project at {dir}/x.db"}},
		{name: "--db unreadable", files: one("p.db", privateFile+"SQLite format 3\x00"), args: []string{"--db", "{dir}/p.db", "list"}, want: []string{"cannot open {dir}/p.db: permission denied"}, nobody: true},
		{name: "export --format yaml", args: []string{"--db", "{db}", "export", "--format", "yaml"}, want: []string{`unknown format "yaml"`}},
		{name: "export -o the project", args: []string{"--db", "{db}", "export", "-o", "{db}"}, want: []string{"{db} is the open project's database"}},
		{name: "export -o the project's -wal", args: []string{"--db", "{db}", "export", "--format", "csv", "-o", "{db}-wal"}, want: []string{"{db}-wal is the open project's database"}},
		{name: "export -o /dev/null", args: []string{"--db", "{db}", "export", "-o", "/dev/null"}, want: []string{"/dev/null is a character device, not a regular file"}},
		{name: "export -o a FIFO", files: one("out.json", fifoFile), args: []string{"--db", "{db}", "export", "-o", "{dir}/out.json"}, want: []string{"{dir}/out.json is a named pipe (FIFO)"}},
		{name: "export -o a folder", files: one("out.json", folderFile), args: []string{"--db", "{db}", "export", "-o", "{dir}/out.json"}, want: []string{"{dir}/out.json is a folder"}},
		{name: "export -o into a missing folder", args: []string{"--db", "{db}", "export", "-o", "{dir}/no/such/out.json"}, want: []string{"cannot write {dir}/no/such/out.json"}},
		{name: "export brat -o a file", files: one("out", "a file\n"), args: []string{"--db", "{db}", "export", "--format", "brat", "-o", "{dir}/out"}, want: []string{"cannot write {dir}/out"}},
		{name: "export brat without -o", args: []string{"--db", "{db}", "export", "--format", "brat"}, want: []string{"give -o DIR"}},
		{name: "export --article unknown", args: []string{"--db", "{db}", "export", "--article", "00000000-0000-0000-0000-000000000000"}, want: []string{"no article 00000000-0000-0000-0000-000000000000"}},
		{name: "export --article with ESC", args: []string{"--db", "{db}", "export", "--article", "\x1b[2J"}, want: []string{`no article \x1b[2J`}},
		{name: "import without a file", args: []string{"--db", "{db}", "import"}, want: []string{"no FILE given"}},
		{name: "unknown flag", args: []string{"--db", "{db}", "import", "--frobnicate", "x"}, want: []string{"flag provided but not defined: -frobnicate"}},
		{name: "list with an argument", args: []string{"--db", "{db}", "list", "extra"}, want: []string{`unexpected argument "extra"`}},
		{name: "suggest --min-score 2", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"suggest", "--min-score", "2", "{dir}/a.txt"}, want: []string{"--min-score 2 is not between 0 and 1"}},
		{name: "suggest on a FIFO", files: one("f.txt", fifoFile), args: []string{"suggest", "{dir}/f.txt"}, want: []string{"{dir}/f.txt is a named pipe (FIFO)"}},
		{name: "suggest --format xml", files: one("a.txt", "Plain\n\nText.\n"), args: []string{"suggest", "--format", "xml", "{dir}/a.txt"}, want: []string{`unknown format "xml"`}},
	}
}

// TestBadInputRefusedAndNothingChanges runs every bad input against a
// project that holds the sample: each fails with exit 1 or 2 and a message
// naming the file or flag and the problem, and the project's every row is
// as it was.
func TestBadInputRefusedAndNothingChanges(t *testing.T) {
	root, binary := nobodyDir(t)
	db := filepath.Join(root, "project", "p.db")
	os.Mkdir(filepath.Dir(db), 0o755)
	// The sample, with the URL the other formats' samples name its article by.
	withURL := sample(t, "sample.factmark.json", `"outlet": "The Brennport Ledger (sample)"`,
		`"url": "https://ledger.example/tram", "outlet": "The Brennport Ledger (sample)"`)
	mustRun(t, "--db", db, "import", writeFile(t, root, "sample.json", []byte(withURL)))
	other := writeFile(t, root, "other.txt", []byte("Another article\n\nWith a text of its own.\n"))
	mustRun(t, "--db", db, "import", other)
	otherID := exportDoc(t, db).Articles[1].ID
	if binary != "" {
		os.Chown(filepath.Dir(db), nobodyUID, nobodyUID)
		os.Chown(db, nobodyUID, nobodyUID)
	}
	cases := badCases(t)
	if len(cases) < 80 {
		t.Errorf("only %d bad inputs", len(cases))
	}
	pristine, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	before := dumpProject(t, db)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(root, fmt.Sprintf("case%03d", i))
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, content := range tc.files {
				makeInput(t, filepath.Join(dir, name), strings.ReplaceAll(content, "{other}", otherID))
			}
			expand := strings.NewReplacer("{dir}", dir, "{db}", db).Replace
			args := make([]string, len(tc.args))
			for j, a := range tc.args {
				args[j] = expand(a)
			}
			var code int
			var stderr string
			if tc.nobody {
				if binary == "" {
					t.Skip("needs root, to run as user nobody")
				}
				code, stderr = runAsNobody(t, binary, args)
			} else {
				code, _, stderr = factmark(t, args...)
			}
			if code != 1 && code != 2 {
				t.Errorf("exit %d, want 1 or 2; stderr:\n%s", code, stderr)
			}
			for _, w := range tc.want {
				if w = expand(w); !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "internal error") || strings.Contains(stderr, "cause:") {
				t.Errorf("stderr shows internal detail:\n%s", stderr)
			}
			if after := dumpProject(t, db); after != before {
				t.Errorf("the project changed")
				// Put it back, so that the next case starts from the same rows.
				if err := os.WriteFile(db, pristine, 0o600); err != nil {
					t.Fatal(err)
				}
				os.Chown(db, nobodyUID, nobodyUID)
			}
		})
	}
}

// makeInput makes the case's input: a file with content, or what the
// special content asks for.
func makeInput(t *testing.T, path, content string) {
	t.Helper()
	var err error
	switch {
	case content == fifoFile:
		err = syscall.Mkfifo(path, 0o644)
	case content == folderFile:
		err = os.Mkdir(path, 0o755)
	case strings.HasPrefix(content, privateFile):
		err = os.WriteFile(path, []byte(strings.TrimPrefix(content, privateFile)), 0o600)
	case strings.HasPrefix(content, sparseFile):
		var size int64
		fmt.Sscan(strings.TrimPrefix(content, sparseFile), &size)
		if err = os.WriteFile(path, nil, 0o644); err == nil {
			err = os.Truncate(path, size)
		}
	default:
		err = os.WriteFile(path, []byte(content), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

const (
	nobodyUID       = 65534
	badInputEnv     = "FACTMARK_BADINPUT_ARGS"
	argsSeparator   = "\x1f"
	outputSeparator = "\x1e" // between the child's stderr and its stdout
)

// TestBadInputChild runs the command line as user nobody, in the child
// process of runAsNobody, and prints its stderr after the exit code.
func TestBadInputChild(t *testing.T) {
	args := os.Getenv(badInputEnv)
	if args == "" {
		t.Skip("the child process of runAsNobody")
	}
	var stdout, stderr bytes.Buffer
	code := run(strings.Split(args, argsSeparator), &stdout, &stderr)
	fmt.Printf("%d\n%s%s%s", code, stderr.String(), outputSeparator, stdout.String())
	os.Exit(0)
}

// nobodyDir is a folder user nobody can reach, with a copy of the test
// binary in it (the go build folder is private to root); binary is "" when
// the test does not run as root.
func nobodyDir(t *testing.T) (dir, binary string) {
	dir, err := os.MkdirTemp("", "factmark-badinput-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	if os.Geteuid() != 0 {
		return dir, ""
	}
	binary = filepath.Join(dir, "factmark.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(binary, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, binary
}

func runAsNobody(t *testing.T, binary string, args []string) (code int, stderr string) {
	code, stderr, _ = runAsNobodyOutput(t, binary, args)
	return code, stderr
}

// runAsNobodyOutput runs the command line as user nobody and returns its
// exit code, stderr and stdout.
func runAsNobodyOutput(t *testing.T, binary string, args []string) (code int, stderr, stdout string) {
	t.Helper()
	cmd := exec.Command(binary, "-test.run=^TestBadInputChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), badInputEnv+"="+strings.Join(args, argsSeparator), "HOME=/nonexistent")
	cmd.Dir = filepath.Dir(binary)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobodyUID, Gid: nobodyUID}}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child as nobody: %v\n%s", err, out)
	}
	first, rest, _ := strings.Cut(string(out), "\n")
	fmt.Sscan(first, &code)
	stderr, stdout, _ = strings.Cut(rest, outputSeparator)
	return code, stderr, stdout
}
