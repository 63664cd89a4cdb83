package interchange

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange/pdftext"
	"github.com/factmark/factmark/interchange/transcript"
	"github.com/factmark/factmark/interchange/webpage"
)

// Store is the project an import is stored in and an export read from,
// through the domain's service interfaces (annotate/service.go). The
// command line passes its *store.DB for all of them (see StoreOf); the desk
// its services.
type Store struct {
	Articles    annotate.ArticleService    // new articles, and the articles annotations point at
	Annotations annotate.AnnotationService // stored annotations, which brat and ClaimReview match
	Settings    annotate.SettingsService   // the rating scale
	Documents   annotate.DocumentService   // annotations in, and projects out, in one transaction
	// Speakers is the registry a transcript's turns are matched to (and
	// their new speakers added to, with the article, through Documents);
	// nil leaves turns with their labels only.
	Speakers annotate.SpeakerService
}

// StoreOf is the Store of a project that implements every service itself,
// as *store.DB does.
func StoreOf(s interface {
	annotate.ArticleService
	annotate.AnnotationService
	annotate.SettingsService
	annotate.DocumentService
	annotate.SpeakerService
}) Store {
	return Store{Articles: s, Annotations: s, Settings: s, Documents: s, Speakers: s}
}

// ImportOptions are what an import needs besides the file's name and
// content.
type ImportOptions struct {
	// Meta is what the user says of a new article (its title, URL, …):
	// for an article's text, and for the text beside a brat file. It wins
	// over what the file says of itself.
	Meta annotate.ArticleMeta
	// ArticleID is the article the user chose for a file of annotations
	// that name their page by URL (Hypothesis): every annotation of the file
	// goes on it, whatever URL it names. "" lets the URLs choose.
	ArticleID string
	// ReadFile reads a file beside the imported one (a brat file's text);
	// nil when there are none to read.
	ReadFile func(path string) ([]byte, error)
	// FileTime is when the file was last changed, if known: annotations
	// from a format without times of their own (brat) are stamped with it.
	FileTime time.Time
	// Now is the time of the import; time.Now() when zero.
	Now time.Time
	// RevisionOf is the article a file of article text is a new revision
	// of: its text becomes the article's current revision and every
	// annotation is re-anchored on it (see Report.Revised). "" imports the
	// file as an article of its own.
	RevisionOf string
	// Turns says whether an article keeps speakers' turns: those a plain
	// text's "NAME:" labels show (see transcript.DetectTurns) and a
	// subtitle file's voices. By default it does; the desk asks the user
	// to confirm what was found.
	Turns TurnsMode
}

// TurnsMode is whether an imported article keeps speakers' turns.
type TurnsMode int

const (
	TurnsDetect TurnsMode = iota // keep the turns found (the default)
	TurnsNone                    // keep none: the text is not a transcript
)

// Report says what an import did, for the command line to print and the
// desk to show, the same way (see Lines).
type Report struct {
	Name   string // the file, as given
	Format Format // its format
	// Article is the article made from a file of article text, and Existed
	// says its text was in the project already; nil for annotations.
	Article *annotate.Article
	Existed bool
	// Speakers is how many speakers the article's turns have, and
	// SpeakersAdded how many of them the import added to the registry
	// (the others were there already, or left unmatched).
	Speakers, SpeakersAdded int
	// Stored is what storing a file of annotations did.
	Stored annotate.ImportResult
	// Skipped counts annotations of kinds Factmark does not keep (brat's
	// Discuss, …); Orphans lists the annotations that could not be placed in
	// their article's text, each with where it is in the file and why.
	Skipped int
	Orphans []string
	// Omitted lists the annotations Factmark has no place for yet
	// (Hypothesis page notes and empty replies), each with where and why.
	Omitted []string
	// Revised is what importing a new revision of Article did
	// (ImportOptions.RevisionOf); nil for any other import.
	Revised *Revised
}

// withSource names the file an import reads in the project's log
// (annotate.WithImportSource), unless the caller named it.
func withSource(ctx context.Context, name string) context.Context {
	if name == "" || annotate.ImportSource(ctx) != "" {
		return ctx
	}
	return annotate.WithImportSource(ctx, filepath.Base(name))
}

// MaxOrphansInError is how many orphans the error of an import that placed
// none of its annotations names.
const MaxOrphansInError = 3

// Import imports one file in the format its content shows (see
// DetectFormat): an article's text becomes an article; annotations, in any
// format Factmark reads, are placed in the project's articles and stored in
// one transaction. On error nothing is stored, and the error says why
// (without the file's name, which the caller adds).
func Import(ctx context.Context, s Store, name string, data []byte, opts ImportOptions) (*Report, error) {
	ctx = withSource(ctx, name)
	f := DetectFormat(name, data)
	if opts.ArticleID != "" && f != FormatHypothesis {
		return nil, annotate.Errorf(annotate.EINVALID, "an article is chosen only for Hypothesis annotations, which name their page by URL; this is %s", f.Label())
	}
	if opts.RevisionOf != "" {
		if !isArticleFormat(f) {
			return nil, annotate.Errorf(annotate.EINVALID, "a new revision is a file of article text (plain text, a web page, a PDF, subtitles); this is %s", f.Label())
		}
		return importRevision(ctx, s, f, name, data, opts)
	}
	if isArticleFormat(f) {
		return importArticle(ctx, s, f, name, data, opts)
	}
	return importAnnotations(ctx, s, f, name, data, opts)
}

// Extract derives an article's text and details from a file of article
// text (any format that holds an article: text, a web page, a PDF,
// subtitles), as Import would before storing it; a file of annotations is
// refused. The desk uses it to see whether a file is a new version of an
// article it has (ProposeRevisionOf).
func Extract(name string, data []byte) (*annotate.Extracted, error) {
	f := DetectFormat(name, data)
	if !isArticleFormat(f) {
		return nil, annotate.Errorf(annotate.EINVALID, "%s holds %s, not an article", name, f.Label())
	}
	return extractChecked(f, name, data)
}

// extractChecked is extractArticle, with what the reader made checked: a
// wrong article is the reader's bug, not the file's.
func extractChecked(kind Format, name string, data []byte) (*annotate.Extracted, error) {
	ex, err := extractArticle(kind, name, data)
	if err != nil {
		return nil, err
	}
	if err := ex.Check(); err != nil {
		return nil, annotate.Errorf(annotate.EINTERNAL, "the %s reader made a wrong article: %s", kind.Label(), annotate.ErrorMessage(err))
	}
	return ex, nil
}

// ImportArticle imports a file as an article's text, whatever it looks
// like (`factmark open FILE`).
func ImportArticle(ctx context.Context, s Store, name string, data []byte, opts ImportOptions) (*Report, error) {
	return importArticle(ctx, s, FormatText, name, data, opts)
}

// isArticleFormat reports whether files of format f hold an article rather
// than annotations on one.
func isArticleFormat(f Format) bool {
	return f == FormatText || f == FormatSRT || f == FormatVTT || f == FormatHTML || f == FormatPDF
}

// ReadLimit is the most bytes a file of format f may have: an article's
// text has a smaller limit than a document of annotations, so a caller that
// has read the start of a file can refuse a 300 MB text before reading it.
// Subtitles are larger than their text (see transcript.MaxFileBytes).
func ReadLimit(f Format) int64 {
	switch {
	case f == FormatSRT || f == FormatVTT:
		return transcript.MaxFileBytes
	case f == FormatHTML:
		return webpage.MaxPageBytes
	case f == FormatPDF:
		return pdftext.MaxStreamBytes
	case isArticleFormat(f):
		return annotate.MaxTextBytes
	}
	return MaxDocumentBytes
}

// extractArticle derives an article's text and details from a file of a
// format that holds an article. This is where each importer of article text
// plugs in, with one case here, one Format (with its detection in
// DetectFormat and its isArticleFormat) and nothing else: the packages
// interchange/webpage (HTML), interchange/pdftext (PDF) and
// interchange/transcript (SRT, WebVTT, NAME: transcripts) each return an
// *annotate.Extracted, and must not import interchange (it imports them).
func extractArticle(kind Format, name string, data []byte) (*annotate.Extracted, error) {
	switch kind {
	case FormatText:
		text, err := annotate.NormalizeText(data)
		if err != nil {
			return nil, err
		}
		return &annotate.Extracted{Text: text}, nil
	case FormatSRT, FormatVTT:
		return transcript.Extract(name, data)
	case FormatHTML:
		return webpage.Extract(name, data)
	case FormatPDF:
		return pdftext.Extract(name, data)
	}
	return nil, annotate.Errorf(annotate.EINVALID, "%s is not a format of article text", kind.Label())
}

// importArticle makes an article of a file of article text and stores it,
// or finds the article with the same text already stored.
func importArticle(ctx context.Context, s Store, kind Format, name string, data []byte, opts ImportOptions) (*Report, error) {
	// What the user said is checked before the file, as NewArticle does.
	if err := opts.Meta.Validate(); err != nil {
		return nil, err
	}
	ex, err := extractChecked(kind, name, data)
	if err != nil {
		return nil, err
	}
	if kind == FormatText && opts.Turns == TurnsDetect {
		ex.Turns, _ = transcript.DetectTurns(ex.Text)
	}
	if opts.Turns == TurnsNone {
		ex.Turns = nil
	}
	a, err := annotate.NewArticle([]byte(ex.Text), mergeMeta(opts.Meta, ex.Meta), now(opts))
	if err != nil {
		return nil, err
	}
	a.Pages, a.Turns = ex.Pages, ex.Turns
	a.Source, a.SourceData = sourceFile(kind, name, data)
	if len(a.Turns) > 0 && s.Speakers != nil {
		return importTranscript(ctx, s, kind, name, a)
	}
	existed, err := s.Articles.CreateArticle(ctx, a)
	if err != nil {
		return nil, err
	}
	a.SourceData = nil // stored: the report need not hold the file
	r := &Report{Name: name, Format: kind, Article: a, Existed: existed}
	r.Speakers = len(turnSpeakers(a.Turns))
	return r, nil
}

// sourceFile describes the file an article is made from, and gives its bytes
// for the store to keep: for every format but plain text, whose file is
// its text (normalised), so that keeping it too would double what each
// plain article takes for nothing the user could see.
func sourceFile(kind Format, name string, data []byte) (*annotate.SourceFile, []byte) {
	typ := mediaType(kind)
	if typ == "" {
		return nil, nil
	}
	return &annotate.SourceFile{Name: filepath.Base(name), Type: typ, SHA256: annotate.FileHash(data)}, data
}

// mediaType is the media type of an article format's files, "" for plain
// text.
func mediaType(kind Format) string {
	switch kind {
	case FormatSRT:
		return transcript.MediaType(transcript.KindSRT)
	case FormatVTT:
		return transcript.MediaType(transcript.KindVTT)
	case FormatHTML:
		return webpage.MediaType
	case FormatPDF:
		return "application/pdf"
	}
	return ""
}

// mergeMeta is what the user said of an article, completed by what its
// file says where the user said nothing.
func mergeMeta(user, file annotate.ArticleMeta) annotate.ArticleMeta {
	m := user
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&m.Title, file.Title}, {&m.URL, file.URL}, {&m.Outlet, file.Outlet},
		{&m.Published, file.Published}, {&m.Language, file.Language},
	} {
		if strings.TrimSpace(*f.dst) == "" {
			*f.dst = f.src
		}
	}
	if len(m.Authors) == 0 {
		m.Authors = file.Authors
	}
	return m
}

// importAnnotations reads a file of annotations in format f and stores
// them. Formats that point at articles (W3C, ClaimReview, CSV) find them in
// the project; brat reads its text beside the file.
func importAnnotations(ctx context.Context, s Store, f Format, name string, data []byte, opts ImportOptions) (*Report, error) {
	settings, err := s.Settings.Settings(ctx)
	if err != nil {
		return nil, err
	}
	chosen, err := chosenArticle(ctx, s, opts.ArticleID)
	if err != nil {
		return nil, err
	}
	im, err := ParseImport(f, ImportInput{
		Name: name, Data: data, ReadFile: opts.ReadFile, Meta: opts.Meta, Scale: settings.Scale,
		Now: now(opts), FileTime: opts.FileTime,
		Article: chosen, Articles: func() ([]*annotate.Article, error) { return projectArticles(ctx, s.Articles) },
		Lookup: func(source string) (*annotate.Article, error) { return s.Articles.FindArticleBySource(ctx, source) },
		Stored: func(id string) (*annotate.Annotations, error) { return s.Annotations.FindAnnotations(ctx, id) },
	})
	if err != nil {
		return nil, err
	}
	if im.Count() == 0 && len(im.Orphans) > 0 {
		return nil, &NonePlacedError{annotate.Errorf(annotate.EINVALID, "none of its %d annotations could be placed in an article of the project: %s",
			len(im.Orphans), strings.Join(capped(im.Orphans, MaxOrphansInError, "and %d more"), "; "))}
	}
	res, err := s.Documents.Import(ctx, im.Doc)
	if err != nil {
		return nil, err
	}
	return &Report{Name: name, Format: f, Stored: res, Skipped: im.Skipped, Orphans: im.Orphans, Omitted: im.Omitted}, nil
}

func now(opts ImportOptions) time.Time {
	if opts.Now.IsZero() {
		return time.Now()
	}
	return opts.Now
}

// ArticleID is the article to open after the import: the one made, or the
// first the annotations are on; "" when there is none.
func (r *Report) ArticleID() string {
	if r.Article != nil {
		return r.Article.ID
	}
	if len(r.Stored.ArticleIDs) > 0 {
		return r.Stored.ArticleIDs[0]
	}
	return ""
}

// Lines is the report as people read it: first what was imported, then the
// turns the article has (TurnsLine), then, each on its own line, what was
// left out and why. Orphans follow their
// line indented by two spaces, at most max of them (then "and N more");
// max ≤ 0 lists them all. The lines may hold text from the file: a
// terminal should escape them.
func (r *Report) Lines(max int) []string {
	if r.Revised != nil {
		return r.Revised.lines(r.Article)
	}
	lines := []string{r.Summary()}
	if t := r.TurnsLine(); t != "" {
		lines = append(lines, t)
	}
	if r.Skipped > 0 {
		lines = append(lines, "skipped "+howMany(r.Skipped, "annotation")+pick(r.Skipped, " that is not an attribution, claim or review", " that are not attributions, claims or reviews"))
	}
	if len(r.Orphans) > 0 {
		lines = append(lines, "left out "+howMany(len(r.Orphans), "annotation")+pick(len(r.Orphans), " that could not be placed in its article's text:", " that could not be placed in their article's text:"))
		for _, o := range capped(r.Orphans, max, "and %d more") {
			lines = append(lines, "  "+o)
		}
	}
	if len(r.Omitted) > 0 {
		lines = append(lines, "left out "+howMany(len(r.Omitted), "annotation")+" Factmark has no place for yet:")
		for _, o := range capped(r.Omitted, max, "and %d more") {
			lines = append(lines, "  "+o)
		}
	}
	return lines
}

// String is the whole report, every orphan listed.
func (r *Report) String() string { return strings.Join(r.Lines(0), "\n") }

// Summary is the report's first line: what was imported.
func (r *Report) Summary() string {
	if r.Revised != nil {
		return r.Revised.lines(r.Article)[0]
	}
	if r.Article != nil {
		verb := "imported"
		if r.Existed {
			verb = "already imported"
		}
		return fmt.Sprintf("%s %s %s", verb, r.Article.ID, r.Article.Title)
	}
	s := r.Stored
	return fmt.Sprintf("imported %s: %s (%s already there), %s (%s already there), %s saved, %s unchanged",
		r.Format.Label(), howMany(s.ArticlesAdded, "article"), grouped(s.ArticlesFound), howMany(s.SpeakersAdded, "speaker"),
		grouped(s.SpeakersFound), howMany(s.Saved, "annotation"), grouped(s.Unchanged))
}

// LeftOut reports whether the import left annotations out.
func (r *Report) LeftOut() bool {
	return r.Skipped > 0 || len(r.Orphans) > 0 || len(r.Omitted) > 0 ||
		r.Revised != nil && (len(r.Revised.Orphans) > 0 || len(r.Revised.Lost) > 0)
}

// capped returns the first max items and, if there are more, more (a
// format with %d) saying how many; all of them when max ≤ 0.
func capped(items []string, max int, more string) []string {
	if max <= 0 || len(items) <= max {
		return items
	}
	return append(items[:max:max], fmt.Sprintf(more, len(items)-max))
}

// NonePlacedError is an import that found no article for any of its
// annotations: the desk offers to put Hypothesis annotations on the open
// article instead (ImportOptions.ArticleID).
type NonePlacedError struct{ Err *annotate.Error }

func (e *NonePlacedError) Error() string { return e.Err.Error() }
func (e *NonePlacedError) Unwrap() error { return e.Err }

// pick is one when n is 1, else many: the words that agree with a count.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
