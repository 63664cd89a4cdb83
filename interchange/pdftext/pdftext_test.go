package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// layoutDoc is a two-page document with what the importer must undo: a
// running header and page numbers, a bold title across both columns, two
// columns, a word hyphenated at a line end, a compound broken after its
// hyphen, and a paragraph that goes on from a column onto the next page.
func layoutDoc() pdfDoc {
	header := run(false, 7, 50, 760, "Daily Planet | May 1, 2026")
	page1 := []draw{header, run(true, 18, 50, 720, "A Test of Columns and Pages")}
	page1 = append(page1, textColumn(50, 690,
		"The city council met on Tuesday to",
		"discuss the new adminis-",
		"trative rules for the harbour.",
		"",
		"A 43-year-",
		"old resident asked why the rules",
		"changed.")...)
	page1 = append(page1, textColumn(322, 690,
		"The mayor said the rules would",
		"come into force in June, after a")...)
	page1 = append(page1, run(false, 7, 290, 40, "Page 1"))
	page2 := []draw{header}
	page2 = append(page2, textColumn(50, 690, "vote by the council next month.")...)
	page2 = append(page2, run(false, 7, 290, 40, "Page 2"))
	return pdfDoc{pages: [][]draw{page1, page2}, compress: true}
}

const layoutText = "A Test of Columns and Pages\n\n" +
	"The city council met on Tuesday to discuss the new administrative rules for the harbour.\n\n" +
	"A 43-year-old resident asked why the rules changed.\n\n" +
	"The mayor said the rules would come into force in June, after a vote by the council next month."

func TestExtractLayout(t *testing.T) {
	for _, compress := range []bool{false, true} {
		d := layoutDoc()
		d.compress = compress
		ex, err := Extract("planet.pdf", d.bytes())
		if err != nil {
			t.Fatal(err)
		}
		if ex.Text != layoutText {
			t.Errorf("compress %v: text\n%q\nwant\n%q", compress, ex.Text, layoutText)
		}
		p2 := utf8.RuneCountInString(layoutText[:strings.Index(layoutText, "vote by")])
		want := []annotate.Page{{Number: 1, Start: 0, End: p2}, {Number: 2, Start: p2, End: utf8.RuneCountInString(layoutText)}}
		if fmt.Sprint(ex.Pages) != fmt.Sprint(want) {
			t.Errorf("pages %v, want %v", ex.Pages, want)
		}
		if ex.Meta.Title != "A Test of Columns and Pages" {
			t.Errorf("title %q", ex.Meta.Title)
		}
		if err := ex.Check(); err != nil {
			t.Error(err)
		}
	}
}

func TestExtractInfoTitle(t *testing.T) {
	for _, tc := range []struct{ info, want string }{
		{"Harbour Rules: The Council's Report", "Harbour Rules: The Council's Report"},
		{"untitled", "A Test of Columns and Pages"}, // a producer's placeholder
		{"", "A Test of Columns and Pages"},
	} {
		d := layoutDoc()
		d.title = tc.info
		ex, err := Extract("planet.pdf", d.bytes())
		if err != nil {
			t.Fatal(err)
		}
		if ex.Meta.Title != tc.want {
			t.Errorf("info title %q: title %q, want %q", tc.info, ex.Meta.Title, tc.want)
		}
	}
}

// TestExtractIndentedParagraphs: paragraphs told only by a first-line
// indent, with no gap, in one justified column drawn word by word.
func TestExtractIndentedParagraphs(t *testing.T) {
	lines := [][]string{
		{"First", "paragraph", "opens", "here", "and"}, {"it", "goes", "on."},
		{"Second", "one", "starts", "with", "an"}, {"indent", "too."},
	}
	var page []draw
	y := 700.0
	for i, words := range lines {
		x := 50.0
		if i%2 == 0 {
			x += 18 // the first line of each paragraph
		}
		for _, w := range words {
			page = append(page, run(false, 10, x, y, w))
			x += float64(len(w))*6 + 9 // justified: wider than a space
		}
		y -= 12
	}
	ex, err := Extract("indent.pdf", pdfDoc{pages: [][]draw{page}}.bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := "First paragraph opens here and it goes on.\n\nSecond one starts with an indent too."
	if ex.Text != want {
		t.Errorf("text %q, want %q", ex.Text, want)
	}
}

// TestExtractForms: text drawn inside a form XObject is on the page, placed
// by the form's and the page's matrices; a form that draws itself is
// followed only so deep.
func TestExtractForms(t *testing.T) {
	for _, tc := range []struct{ page, form, want string }{
		{"BT /F1 10 Tf 50 720 Td (On the page.) Tj ET q 1 0 0 1 80 0 cm /Fm1 Do Q\n",
			"BT /F1 10 Tf 50 720 Td (Inside a form.) Tj ET", "On the page. Inside a form."},
		{"/Fm1 Do\n", "BT /F1 10 Tf 50 720 Td (Loop) Tj ET /Fm1 Do", "Loop"},
	} {
		ex, err := Extract("form.pdf", pdfDoc{raw: []string{tc.page}, form: tc.form}.bytes())
		if err != nil {
			t.Fatal(err)
		}
		if ex.Text != tc.want {
			t.Errorf("text %q, want %q", ex.Text, tc.want)
		}
	}
}

// TestExtractFootnoteMark: a raised, smaller footnote mark stays on its
// line instead of making a paragraph of its own.
func TestExtractFootnoteMark(t *testing.T) {
	page := []draw{
		run(false, 10, 50, 700, "The court held."), run(false, 6, 140, 703.5, "3"),
		run(false, 10, 50, 688, "It then ruled."),
	}
	ex, err := Extract("note.pdf", pdfDoc{pages: [][]draw{page}}.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if want := "The court held.3 It then ruled."; ex.Text != want {
		t.Errorf("text %q, want %q", ex.Text, want)
	}
}

func TestJoinHyphen(t *testing.T) {
	for _, tc := range []struct {
		word, next string
		drop       bool
	}{
		{"adminis-", "trative", true},
		{"43-year-", "old", false},   // a compound that was already one
		{"anti-", "American", false}, // before a capital: a real hyphen
		{"co\u00ADop-", "erate", true},
		{"co\u00AD", "operate", true}, // a soft hyphen is only ever a break
	} {
		if got := joinHyphen(tc.word, tc.next); got != tc.drop {
			t.Errorf("joinHyphen(%q, %q) = %v, want %v", tc.word, tc.next, got, tc.drop)
		}
	}
	for w, want := range map[string]bool{"adminis-": true, "-": false, "43-": false, "—": false, "word": false} {
		if hyphenated(w) != want {
			t.Errorf("hyphenated(%q) = %v", w, !want)
		}
	}
}

func TestPageNumberPattern(t *testing.T) {
	for s, want := range map[string]bool{
		"7": true, "Page 7": true, "– 7 –": true, "7 / 12": true, "Page 7 of 12": true, "p. 7": true, "- vii -": true,
		"Table 7 shows": false, "5:55 p.m.": false, "The end": false, "1984 was a year": false,
	} {
		if got := pageNumberRe.MatchString(s); got != want {
			t.Errorf("page number %q: %v, want %v", s, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	for s, want := range map[string]bool{"%PDF-1.7\n": true, "%PDF-2.0": true, "hello": false, "": false, "%PD": false, "<html>%PDF-": false} {
		if Sniff([]byte(s)) != want {
			t.Errorf("Sniff(%q) = %v", s, !want)
		}
	}
}

// bombDoc is a small file one of whose streams (the page's content, or the
// font's ToUnicode map when font is set) inflates to n bytes of spaces: the
// deflate bomb that a size limit must stop.
func bombDoc(tb testing.TB, n int64, font bool) []byte {
	tb.Helper()
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if _, err := io.Copy(w, io.LimitReader(spaces{}, n)); err != nil {
		tb.Fatal(err)
	}
	w.Close()
	d := layoutDoc()
	d.raw = []string{"BT /F1 10 Tf 50 700 Td (bomb) Tj ET\n"}
	pdf := string(d.bytes())
	// Swap the page's stream for the compressed spaces, fixing the offsets
	// by rebuilding the file around it.
	i := strings.LastIndex(pdf, "<< /Length")
	if font {
		i = strings.Index(pdf, "<< /Length")
	}
	j := strings.Index(pdf[i:], "endstream") + i
	obj := fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\n", z.Len(), z.String())
	return rebuild(tb, pdf[:i]+obj+pdf[j:])
}

type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// rebuild rewrites the cross-reference table of a one-section PDF after its
// objects have been edited.
func rebuild(tb testing.TB, pdf string) []byte {
	tb.Helper()
	body := pdf[:strings.Index(pdf, "xref\n")]
	trailer := pdf[strings.Index(pdf, "trailer\n"):strings.Index(pdf, "startxref")]
	var offs []int
	for k := 1; ; k++ {
		i := strings.Index(body, fmt.Sprintf("\n%d 0 obj\n", k))
		if i < 0 {
			break
		}
		offs = append(offs, i+1)
	}
	var b strings.Builder
	b.WriteString(body)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "%sstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return []byte(b.String())
}

func TestExtractRefuses(t *testing.T) {
	good := layoutDoc().bytes()
	encrypted := pdfDoc{pages: layoutDoc().pages, extra: "/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /P -4 >> /ID [<01> <01>]"}.bytes()
	scan := pdfDoc{raw: []string{"q 612 0 0 792 0 0 cm /Im1 Do Q\n", "q 612 0 0 792 0 0 cm /Im1 Do Q\n"}}.bytes()
	content := "BT /F1 10 Tf 50 700 Td (x) Tj ET"
	length := fmt.Sprintf("<< /Length %d >>", len(content))
	lzw := rebuild(t, strings.Replace(string(pdfDoc{raw: []string{content}}.bytes()), length, strings.TrimSuffix(length, ">>")+"/Filter /LZWDecode >>", 1))
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "is not a PDF"},
		{"text", []byte("Dear council,\nthe harbour rules..."), "is not a PDF"},
		{"html", []byte("<!doctype html><p>%PDF-1.4</p>"), "is not a PDF"},
		{"truncated", good[:len(good)/2], "cut short"},
		{"no xref", []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"), "damaged"},
		{"encrypted", encrypted, "encrypted"},
		{"scan", scan, "no text layer"},
		{"unknown filter", lzw, "damaged"}, // the library panics; recovered
		{"huge xref", []byte(strings.Replace(string(good), "/Size ", "/Size 99999999999", 1)), "objects"},
		{"page count", rebuild(t, strings.Replace(string(pdfDoc{raw: []string{}}.bytes()), "/Count 0", "/Count 1000000000", 1)), "no pages"},
		{"xref loop", xrefLoop(good), "loop"},
		{"object stream loop", []byte(strings.Replace(string(good), "%PDF-1.4\n", "%PDF-1.5\n8 0 obj << /Type /ObjStm /N 0 /First 1 /Extends 9 0 R >> endobj\n9 0 obj << /Type /ObjStm /N 0 /First 1 /Extends 8 0 R >> endobj\n", 1)), "loop"},
		{"headers only", pdfDoc{pages: [][]draw{{run(false, 10, 300, 40, "1")}}}.bytes(), "no text beyond"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := Extract(tc.name+".pdf", tc.data)
			if err == nil {
				t.Fatalf("accepted: %q", ex.Text)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %q: %v", annotate.ErrorCode(err), err)
			}
			msg := annotate.ErrorMessage(err)
			if !strings.Contains(msg, tc.name+".pdf") || !strings.Contains(msg, tc.want) {
				t.Errorf("message %q: want the file's name and %q", msg, tc.want)
			}
		})
	}
}

// TestExtractStreamBomb: a file of a few hundred KB whose content stream,
// or font map, inflates past MaxStreamBytes is stopped there, without
// holding the stream.
func TestExtractStreamBomb(t *testing.T) {
	for _, font := range []bool{false, true} {
		data := bombDoc(t, MaxStreamBytes+1<<20, font)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Extract("bomb.pdf", data)
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("font map %v: %d KB on disk, %d MB inflated: %d KB allocated; %v", font, len(data)>>10, (MaxStreamBytes+1<<20)>>20, alloc>>10, err)
		if err == nil || !strings.Contains(err.Error(), "expand past") || !strings.Contains(err.Error(), "bomb.pdf") {
			t.Fatalf("error %v, want the stream limit", err)
		}
		if alloc > 8<<20 {
			t.Errorf("allocated %d MB on the way to refusing it", alloc>>20)
		}
	}
}

// TestExtractSmallBomb: a stream of blank space under the limit is read
// through, and has no text.
func TestExtractSmallBomb(t *testing.T) {
	_, err := Extract("blank.pdf", bombDoc(t, 1<<20, false))
	if err == nil || !strings.Contains(err.Error(), "no text layer") {
		t.Fatalf("error %v, want no text layer", err)
	}
}

// xrefLoop gives a PDF's trailer a /Prev that points at its own
// cross-reference table: a reader that follows it naively never ends.
func xrefLoop(pdf []byte) []byte {
	s := string(pdf)
	i := strings.LastIndex(s, "startxref\n")
	off := strings.TrimSpace(s[i+len("startxref\n") : strings.LastIndex(s, "%%EOF")])
	return []byte(strings.Replace(s, "/Root 1 0 R", "/Root 1 0 R /Prev "+off, 1))
}
