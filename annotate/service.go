package annotate

import "context"

// ArticleService keeps articles. A text never changes once imported; a new
// version of it is a new revision (ReviseArticle), which becomes the
// article's Text while the earlier ones stay readable.
type ArticleService interface {
	// CreateArticle stores a new article, or, when an article with the same
	// text (SHA-256) exists, fills a with that one and reports existed=true.
	CreateArticle(ctx context.Context, a *Article) (existed bool, err error)
	// FindArticleByID returns the article with its text, or ENOTFOUND.
	FindArticleByID(ctx context.Context, id string) (*Article, error)
	// FindArticles lists every article with its annotation counts, the most
	// recently opened first, then the most recently imported.
	FindArticles(ctx context.Context) ([]ArticleSummary, error)
	// FindArticlesPage returns up to limit articles (all when limit <= 0)
	// from offset in FindArticles' order, those whose title or outlet
	// contains every word of filter (all when blank), and how many match.
	FindArticlesPage(ctx context.Context, filter string, offset, limit int) ([]ArticleSummary, int, error)
	// FindArticleCandidates returns the IDs of the articles with the URL
	// (when not blank) or one of the titles, in FindArticles' order, a few
	// at most: those a new text with them may be a revision of.
	FindArticleCandidates(ctx context.Context, url string, titles ...string) ([]string, error)
	// MarkOpened records that the user opened the article now.
	MarkOpened(ctx context.Context, id string) error
	// UpdateArticleMeta replaces the article's details (title, URL, outlet,
	// authors, date, language), trimmed; its text never changes.
	UpdateArticleMeta(ctx context.Context, id string, meta ArticleMeta) error
	// UpdateArticleTurns replaces the article's turns (nil: none), as the
	// user confirms, edits or declines the turns an import found; every
	// turn's SpeakerID, when set, must be a speaker of the project.
	UpdateArticleTurns(ctx context.Context, articleID string, turns []Turn) error
	// FindArticleBySource returns the article that imported annotations
	// point at (see ArticleSource): "urn:sha256:<hex>" of its text, or its
	// URL. ENOTFOUND when there is none; ECONFLICT when several articles
	// have the URL.
	FindArticleBySource(ctx context.Context, source string) (*Article, error)
	// ReviseArticle adds rev as the article's newest revision and makes it
	// current (Article.Text and SHA256; its pages, turns and source file
	// become rev's), and replaces every annotation of the article
	// with its re-anchored version in ann (orphans included: Meta.Orphan,
	// anchors on no text), in one transaction. rev.Number must be one more
	// than the newest stored revision (ECONFLICT otherwise: another import
	// came first); rev.Created zero means now. ENOTFOUND for no article;
	// EINVALID when rev's text is the current one or an annotation does not
	// lie in it; ECONFLICT when another article has that text.
	ReviseArticle(ctx context.Context, articleID string, rev Revision, ann *Annotations) error
	// FindRevisions lists the article's revisions, oldest (1) first, each
	// with its text; the last is the current one. An article imported once
	// has one revision.
	FindRevisions(ctx context.Context, articleID string) ([]Revision, error)
}

// AnnotationService keeps the annotations of articles. Every call that
// changes something is one durable transaction: once it returns nil, the
// change survives the process being killed. Create keeps a given ID and
// Created time, so an undone delete restores the annotation as it was.
// An orphan (Meta.Orphan) is re-attached by UpdateAttribution, UpdateClaim or
// UpdateNote with anchors on the current text and Orphan false, or removed by
// DeleteAnnotation; an update that keeps Orphan true keeps its old anchors.
type AnnotationService interface {
	CreateAttribution(ctx context.Context, a *Attribution) error
	UpdateAttribution(ctx context.Context, a *Attribution) error
	CreateClaim(ctx context.Context, c *Claim) error
	UpdateClaim(ctx context.Context, c *Claim) error
	CreateNote(ctx context.Context, n *Note) error
	UpdateNote(ctx context.Context, n *Note) error
	// DeleteAnnotation deletes the attribution, claim or note with the ID.
	DeleteAnnotation(ctx context.Context, id string) error
	// FindAnnotations returns the article's annotations, each kind in text order.
	FindAnnotations(ctx context.Context, articleID string) (*Annotations, error)
}

// SpeakerService keeps the speaker registry, shared by all articles.
type SpeakerService interface {
	CreateSpeaker(ctx context.Context, s *Speaker) error
	UpdateSpeaker(ctx context.Context, s *Speaker) error
	FindSpeakers(ctx context.Context) ([]Speaker, error)
}

// SettingsService keeps the project's settings.
type SettingsService interface {
	Settings(ctx context.Context) (Settings, error)
	UpdateSettings(ctx context.Context, s Settings) error
}

// DocumentService moves whole projects in and out as native documents.
type DocumentService interface {
	// Export returns the document of the articles with the given IDs, or of
	// every article when none are given.
	Export(ctx context.Context, ids ...string) (*Document, error)
	// Import stores a document in one transaction: on error, nothing.
	Import(ctx context.Context, doc *Document) (ImportResult, error)
}

// ImportResult says what an import did.
type ImportResult struct {
	ArticlesAdded, ArticlesFound int      // new articles, and ones whose text was stored already
	SpeakersAdded, SpeakersFound int      // new speakers, and ones matched by ID or name
	Saved                        int      // annotations added, or updated with newer versions
	Unchanged                    int      // annotations stored already in the same or a newer version
	ArticleIDs                   []string // the stored IDs of the document's articles, in order
}

// Settings are the project-wide choices the user makes once.
type Settings struct {
	Annotator       string // name stamped on new annotations
	Organization    string // the fact-checking organisation, for exports
	OrganizationURL string // its web site, for ClaimReview's author; empty when not given
	// ReviewURL is the pattern of the URL each fact-check is published at,
	// such as https://example.org/fact-check/{slug} (see ReviewURLFields
	// for the placeholders), for ClaimReview's url; a claim's own
	// ReviewURL wins. Empty when not given.
	ReviewURL string
	Scale     Scale // the rating scale of verdicts
	// ApprovalsRequired is how many different reviewers must approve a
	// verdict before its claim is approved (PolitiFact: 2 of 3); 0 means 1.
	ApprovalsRequired int
	// Theme is "light" or "dark", or empty to follow the system; TextSize
	// is the article's text size in points, 0 for the theme's.
	Theme    string
	TextSize float32
}

// Themes are the values Settings.Theme takes besides "" (follow the system).
var Themes = []string{"light", "dark"}

// The article's text sizes the settings allow.
const (
	MinTextSize = 9
	MaxTextSize = 40
)

// Annotations are all the annotations of one article.
type Annotations struct {
	Attributions []Attribution
	Claims       []Claim
	Notes        []Note
}

// Len is the number of annotations.
func (a *Annotations) Len() int { return len(a.Attributions) + len(a.Claims) + len(a.Notes) }
