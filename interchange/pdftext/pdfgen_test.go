package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// A small PDF writer for the tests: pages of text in two fonts (a regular
// and a bold monospace face, every glyph 600/1000 em wide, WinAnsi), so that
// tests can build the layouts they need without any tool outside Go.

// draw is one string drawn on a page.
type draw struct {
	bold    bool
	size    float64
	x, y, s string
}

// run is a string drawn at (x, y) in the regular or bold face.
func run(bold bool, size, x, y float64, s string) draw {
	return draw{bold: bold, size: size, x: num(x), y: num(y), s: s}
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

// pdfDoc is the document to write: its pages' draws, or raw content streams
// for pages that need operators of their own.
type pdfDoc struct {
	pages    [][]draw
	raw      []string // used instead of pages when set
	compress bool
	title    string // the info dictionary's Title, when set
	extra    string // a trailer entry added as it is (e.g. "/Encrypt 99 0 R")
	form     string // the content of a form XObject /Fm1 every page may draw
}

func (d pdfDoc) contents() []string {
	if d.raw != nil {
		return d.raw
	}
	var out []string
	for _, p := range d.pages {
		var b strings.Builder
		for _, r := range p {
			font := "/F1"
			if r.bold {
				font = "/F2"
			}
			fmt.Fprintf(&b, "BT %s %s Tf %s %s Td (%s) Tj ET\n", font, num(r.size), r.x, r.y, escapePDF(r.s))
		}
		out = append(out, b.String())
	}
	return out
}

func escapePDF(s string) string {
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
}

// bytes writes the PDF with a correct cross-reference table.
func (d pdfDoc) bytes() []byte {
	contents := d.contents()
	widths := strings.TrimSpace(strings.Repeat("600 ", 95))
	font := func(base string) string {
		return "<< /Type /Font /Subtype /Type1 /BaseFont /" + base + " /FirstChar 32 /LastChar 126 /Widths [" + widths + "] /ToUnicode 5 0 R >>"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, below, once the page objects are numbered
		font("Courier"),
		font("Courier-Bold"),
		stream(toUnicode, d.compress),
	}
	xobject := ""
	if d.form != "" {
		objs = append(objs, strings.Replace(stream(d.form, d.compress), "<< ", "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 0] ", 1))
		xobject = fmt.Sprintf(" /XObject << /Fm1 %d 0 R >>", len(objs))
	}
	var kids []string
	for _, c := range contents {
		page := len(objs) + 1
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >>%s >> /Contents %d 0 R >>", xobject, page+1),
			stream(c, d.compress))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	info := ""
	if d.title != "" {
		objs = append(objs, fmt.Sprintf("<< /Title (%s) >>", escapePDF(d.title)))
		info = fmt.Sprintf(" /Info %d 0 R", len(objs))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, info, d.extra, xref)
	return b.Bytes()
}

// toUnicode maps the printable ASCII codes to themselves, as producers that
// subset fonts write for every font.
const toUnicode = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Test-ASCII def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <7E> <0020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

// stream is a stream object holding data, deflated when compress is set.
func stream(data string, compress bool) string {
	if !compress {
		return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(data))
	w.Close()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String())
}

// textColumn lays lines out top down from y in the regular face at size 10
// (leading 12); an empty string leaves a paragraph gap of half a line.
func textColumn(x, y float64, lines ...string) []draw {
	var out []draw
	for _, l := range lines {
		if l == "" {
			y -= 6
			continue
		}
		out = append(out, run(false, 10, x, y, l))
		y -= 12
	}
	return out
}
