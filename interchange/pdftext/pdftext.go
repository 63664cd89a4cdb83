package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"github.com/ledongthuc/pdf"
)

const maxTitleRunes = 300

// Extract derives an article from the PDF data of the file called name
// (used in messages): its text in reading order, in paragraphs separated by
// a blank line, without running headers, footers and page numbers, with
// the span of every page and the title where the file gives one.
//
// Errors are *annotate.Error with code EINVALID and a message naming the
// file: not a PDF, damaged or cut short, encrypted, without a text layer
// (a scan), or larger than the limits (MaxStreamBytes, MaxPages).
func Extract(name string, data []byte) (ex *annotate.Extracted, err error) {
	if !Sniff(data) {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is not a PDF: it does not start with %%PDF-", name)
	}
	if !checkObjectCounts(data) {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: the PDF says it has more than %d objects; it is damaged or not a document Factmark can read", name, maxObjects)
	}
	if !checkChains(data) {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is damaged: its cross-reference sections or object streams point back at each other in a loop; open it in a PDF viewer and save it as a new PDF", name)
	}
	defer func() {
		if r := recover(); r != nil {
			ex = nil
			err = &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("%s is damaged: its PDF structure cannot be read; open it in a PDF viewer and save or print it as a new PDF", name), Err: fmt.Errorf("pdf library panic: %v", r)}
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, openError(name, data, err)
	}
	pages, err := pageList(r)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: %v", name, err)
	}
	return extract(name, r, pages)
}

func extract(name string, r *pdf.Reader, pages []pdf.Value) (*annotate.Extracted, error) {
	b := newBudget()
	pageRows := make([][]row, len(pages))
	glyphs, textBytes := 0, 0
	for i, p := range pages {
		gs, err := readPage(p, b)
		switch {
		case errors.Is(err, errStreamLimit):
			return nil, annotate.Errorf(annotate.EINVALID, "%s: page %d: the PDF's streams expand past %s; Factmark stops there (a file this large inside is not an article, or is built to exhaust memory)", name, i+1, sizeString(MaxStreamBytes))
		case errors.Is(err, errTooManyGlyphs):
			return nil, annotate.Errorf(annotate.EINVALID, "%s: page %d draws more than %d characters; it is not an article page", name, i+1, maxPageGlyphs)
		case err != nil:
			return nil, &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("%s: page %d cannot be read: the PDF is damaged", name, i+1), Err: err}
		}
		glyphs += len(gs)
		pageRows[i] = rows(gs)
		if textBytes += rowBytes(pageRows[i]); textBytes > annotate.MaxTextBytes {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: its text passes %s by page %d; the limit is %s", name, sizeString(annotate.MaxTextBytes), i+1, sizeString(annotate.MaxTextBytes))
		}
	}
	if glyphs == 0 {
		return nil, annotate.Errorf(annotate.EINVALID, "%s has no text layer: its %d page(s) are images, probably a scan; run it through OCR (for example ocrmypdf) and import the result", name, len(pages))
	}
	body := bodySize(pageRows)
	dropRunning(pageRows, body)
	laid := make([][]line, len(pages))
	for i, pg := range layPages(pageRows) {
		laid[i] = pageLines(pg, i)
	}
	f := newFlow(laid, body)
	if len(f.lines) == 0 {
		return nil, annotate.Errorf(annotate.EINVALID, "%s has no text beyond page headers and numbers", name)
	}
	out := f.build()
	if len(out.text) > annotate.MaxTextBytes {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: its text is %s; the limit is %s", name, sizeString(len(out.text)), sizeString(annotate.MaxTextBytes))
	}
	ex := &annotate.Extracted{Text: out.text, Pages: out.pages}
	ex.Meta.Title = infoTitle(r)
	if ex.Meta.Title == "" {
		ex.Meta.Title = out.title
	}
	if err := ex.Check(); err != nil {
		return nil, &annotate.Error{Code: annotate.EINTERNAL, Message: fmt.Sprintf("%s: the text made of it is inconsistent (a bug in Factmark's PDF reader; please report it)", name), Err: err}
	}
	return ex, nil
}

// rowBytes is the size of the rows' text, as it will be in the article.
func rowBytes(rs []row) int {
	n := 0
	for _, r := range rs {
		for _, w := range r.words {
			n += len(w.text) + 1
		}
	}
	return n
}

// openError explains why the library could not open the file.
func openError(name string, data []byte, err error) error {
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword) || bytes.Contains(data, []byte("/Encrypt")):
		return &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("%s is encrypted (password-protected); open it in a PDF viewer with its password, save an unprotected copy and import that", name), Err: err}
	case !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")):
		return &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("%s is cut short: the PDF has no end (%%%%EOF); download or copy it again", name), Err: err}
	}
	return &annotate.Error{Code: annotate.EINVALID, Message: fmt.Sprintf("%s is damaged: its PDF structure cannot be read; open it in a PDF viewer and save it as a new PDF", name), Err: err}
}

// pageList walks the page tree, breadth bounded and depth bounded, so that
// a crafted tree (a loop, a page count of a billion) costs little.
func pageList(r *pdf.Reader) ([]pdf.Value, error) {
	var pages []pdf.Value
	nodes := 0
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		nodes++
		if depth > maxTreeDepth || nodes > maxTreeNodes {
			return errors.New("its page tree is too deep or loops; it is damaged")
		}
		if v.Key("Type").Name() == "Page" || v.Key("Kids").Kind() == pdf.Null && v.Key("Contents").Kind() != pdf.Null {
			if len(pages) >= MaxPages {
				return fmt.Errorf("it has more than %d pages; split it and import the parts", MaxPages)
			}
			pages = append(pages, v)
			return nil
		}
		kids := v.Key("Kids")
		for i := 0; i < kids.Len(); i++ {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(r.Trailer().Key("Root").Key("Pages"), 0); err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, errors.New("it has no pages")
	}
	return pages, nil
}

// infoTitle is the title in the document information dictionary, unless it
// is one of the placeholders that producers write when nobody gave one.
func infoTitle(r *pdf.Reader) string {
	t := strings.Join(strings.Fields(cleanGlyph(r.Trailer().Key("Info").Key("Title").Text())), " ")
	switch strings.ToLower(t) {
	case "", "untitled", "unknown", "title", "document", "(anonymous)", "anonymous":
		return ""
	}
	if utf8.RuneCountInString(t) > maxTitleRunes || strings.HasPrefix(strings.ToLower(t), "microsoft word - ") {
		return ""
	}
	return t
}

func sizeString(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
