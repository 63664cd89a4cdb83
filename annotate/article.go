package annotate

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// Article is a text under annotation. Its Text never changes after import:
// every anchor points into it, and SHA256 identifies it, so importing the same
// text again finds this article instead of making a second one. The metadata
// fields may be edited by the user.
type Article struct {
	ID         string    `json:"id"`               // UUID, set on import
	Title      string    `json:"title"`            // from the first line, or given on import
	URL        string    `json:"url,omitempty"`    // where it was published, if known
	Outlet     string    `json:"outlet,omitempty"` // the publication
	Authors    []string  `json:"authors,omitempty"`
	Published  string    `json:"published,omitempty"` // YYYY-MM-DD
	Language   string    `json:"language,omitempty"`  // BCP 47 tag, e.g. "en"
	Text       string    `json:"text"`                // normalised, see NormalizeText
	SHA256     string    `json:"sha256"`              // TextHash(Text)
	ImportedAt time.Time `json:"imported_at"`

	// Where the text came from, when it was derived from a file other than
	// plain text: the pages of a PDF, the turns of a transcript (a plain
	// text's too, when it is one), and the source file itself.
	Pages  []Page      `json:"pages,omitempty"`
	Turns  []Turn      `json:"turns,omitempty"`
	Source *SourceFile `json:"source,omitempty"`
	// SourceData is the source file's bytes on their way into the project:
	// an import sets it for the store to keep with the article. It is never
	// loaded back with the article (the store reads it on demand) nor
	// written to a document.
	SourceData []byte `json:"-"`
}

// ArticleMeta is what the user may say about an article on import.
type ArticleMeta struct {
	Title     string
	URL       string
	Outlet    string
	Authors   []string
	Published string
	Language  string
}

// Trimmed is the meta with white space trimmed from every field and blank
// authors dropped, as it is stored.
func (m ArticleMeta) Trimmed() ArticleMeta {
	var authors []string
	for _, a := range m.Authors {
		if a = tidy(a); a != "" {
			authors = append(authors, a)
		}
	}
	return ArticleMeta{Title: tidy(m.Title), URL: strings.TrimSpace(m.URL), Outlet: tidy(m.Outlet),
		Authors: authors, Published: strings.TrimSpace(m.Published), Language: strings.TrimSpace(m.Language)}
}

// tidy is a name or title trimmed and in NFC, as the text is: "Peña"
// typed in the library's filter finds a title a file gave decomposed.
func tidy(s string) string {
	return norm.NFC.String(strings.TrimSpace(s))
}

// ValidateEdit checks details the user gives an article that exists: as
// Validate does, and the title may not be blank (a new article takes one
// from its text; an edited one keeps what the user gives).
func (m *ArticleMeta) ValidateEdit() error {
	if err := m.Validate(); err != nil {
		return err
	}
	if strings.TrimSpace(m.Title) == "" {
		return fieldError("title", "is empty; give the article a title")
	}
	return nil
}

// Meta is the article's details, as the user edits them.
func (a *Article) Meta() ArticleMeta {
	return ArticleMeta{Title: a.Title, URL: a.URL, Outlet: a.Outlet, Authors: slices.Clone(a.Authors),
		Published: a.Published, Language: a.Language}
}

// SetMeta replaces the article's details with m, trimmed.
func (a *Article) SetMeta(m ArticleMeta) {
	m = m.Trimmed()
	a.Title, a.URL, a.Outlet, a.Authors, a.Published, a.Language = m.Title, m.URL, m.Outlet, m.Authors, m.Published, m.Language
}

// NewArticle normalises raw file content into a new article. The title is
// meta.Title, or else the first non-empty line of the text (without Markdown
// heading marks), cut to 200 code points.
func NewArticle(raw []byte, meta ArticleMeta, now time.Time) (*Article, error) {
	if err := meta.Validate(); err != nil {
		return nil, err
	}
	text, err := NormalizeText(raw)
	if err != nil {
		return nil, err
	}
	a := &Article{
		ID:         uuid.NewString(),
		Title:      tidy(meta.Title),
		URL:        strings.TrimSpace(meta.URL),
		Outlet:     tidy(meta.Outlet),
		Authors:    meta.Authors,
		Published:  strings.TrimSpace(meta.Published),
		Language:   strings.TrimSpace(meta.Language),
		Text:       text,
		SHA256:     TextHash(text),
		ImportedAt: now.UTC(),
	}
	if a.Title == "" {
		a.Title = TitleFromText(text)
	}
	if a.Language == "" {
		a.Language = "en"
	}
	return a, a.Validate()
}

// TitleFromText returns the first non-empty line of text, without Markdown
// heading marks, cut to 200 code points.
func TitleFromText(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(dropControls(line), "# "))
		if line == "" {
			continue
		}
		if r := []rune(line); len(r) > 200 {
			line = string(r[:199]) + "…"
		}
		return line
	}
	return "Untitled"
}

// dropControls removes the control characters a title may not have (see
// CheckLine) and makes tabs spaces: a text's first line may hold the C1 code
// points of a mis-decoded text.
func dropControls(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

// Validate checks the article's fields, naming the first one that is wrong.
func (a *Article) Validate() error {
	if err := validateArticleFields(a.Title, a.URL, a.Outlet, a.Authors, a.Published, a.Language); err != nil {
		return err
	}
	if i, r := textControlAt(a.Text); i >= 0 {
		return fieldError("text", "has the control character %s at %s", runeName(r), textPosition(a.Text, i))
	}
	switch {
	case !validID(a.ID):
		return fieldError("id", "%q is not a UUID", a.ID)
	case strings.TrimSpace(a.Title) == "":
		return fieldError("title", "is empty")
	case !IsNormalized(a.Text):
		return fieldError("text", "is not normalised (UTF-8, NFC, \\n line ends)")
	case strings.TrimSpace(a.Text) == "":
		return fieldError("text", "is empty")
	case len(a.Text) > MaxTextBytes:
		return fieldError("text", "is %s; the limit is %s", SizeString(len(a.Text)), SizeString(MaxTextBytes))
	case a.SHA256 != TextHash(a.Text):
		return fieldError("sha256", "does not match the text")
	case a.URL != "" && !ValidURL(a.URL):
		return fieldError("url", "%q is not an http(s) URL", a.URL)
	case a.Published != "" && !ValidDate(a.Published):
		return fieldError("published", "%q is not a date (YYYY-MM-DD)", a.Published)
	case a.ImportedAt.IsZero():
		return fieldError("imported_at", "is not set")
	}
	n := utf8.RuneCountInString(a.Text)
	if err := checkPages(a.Pages, n); err != nil {
		return err
	}
	if err := checkTurns(a.Turns, n); err != nil {
		return err
	}
	return a.checkSource()
}

// checkSource checks the source file's description, and that the bytes to
// keep, if any, are that file's.
func (a *Article) checkSource() error {
	switch {
	case a.Source == nil && a.SourceData != nil:
		return fieldError("source", "is missing, though the file's bytes are given")
	case a.Source == nil:
		return nil
	}
	if err := a.Source.validate(); err != nil {
		return err
	}
	if a.SourceData != nil && FileHash(a.SourceData) != a.Source.SHA256 {
		return fieldError("source.sha256", "does not match the file's bytes")
	}
	return nil
}

// ArticleSummary is an article as the library lists it: no text, with counts.
type ArticleSummary struct {
	ID           string
	Title        string
	Outlet       string
	Published    string
	ImportedAt   time.Time
	OpenedAt     time.Time // zero if never opened
	Attributions int
	Claims       int
	Notes        int
}

// Annotations is the total number of annotations on the article.
func (s ArticleSummary) Annotations() int { return s.Attributions + s.Claims + s.Notes }
