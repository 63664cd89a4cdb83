package interchange

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
)

// Hypothesis (https://web.hypothes.is) annotations, as its users have them:
// the client's export ({"export_date", "export_userid", "client_version",
// "annotations": [...]}), the API's search results ({"total", "rows":
// [...]}), a list of annotations, or one. Each annotation names its page by
// URL ("uri", "target[].source", a canonical "document.link") and quotes its
// passage with the W3C selectors (TextPositionSelector, TextQuoteSelector,
// and RangeSelector, which Factmark cannot use: it is an XPath into the
// page's HTML).
//
// A top-level annotation becomes a note on the project's article with that
// URL (compared as normalURL does), or on the article the user chose, on the
// passage it quotes (anchored as W3C annotations are, by anchorSelectors).
// Its text, then its tags ("Tags: a, b"), are the note's rationale: the note
// has no other free-text field, Hypothesis has no verdict, and a tag is not
// one (reading "false" as the verdict False would be a guess). Its author is
// the user's display name, else the name in "acct:name@authority"; its times
// are kept, so that importing the file again changes nothing, and a note
// edited in Factmark since is kept (the store keeps the newer version).
//
// A reply (an annotation with "references": its thread's root first, its
// direct parent last) becomes a comment on the note made from the root, a
// reply to the comment made from its parent when that is a reply too.
//
// What cannot become a note or comment is listed, never dropped: empty
// replies and page notes (Factmark's notes are on a passage or a
// claim) in Imported.Omitted; annotations on a page that is not in the
// project, or whose quote is not in the article's text, in Orphans.

// hypothesisIRI is where Hypothesis publishes an annotation, by its ID. A
// note's ID is derived from it (as uniqueID derives IDs from IRIs), so the
// same annotation always makes the same note, and its W3C JSON-LD from
// Hypothesis, whose id is this IRI, makes that note too.
const hypothesisIRI = "https://hypothes.is/a/"

// maxHypothesisText is the longest text an annotation may have: as long as
// an article's text at most.
const maxHypothesisText = annotate.MaxTextBytes

// Why annotations are left out (Imported.Omitted).
const (
	hypothesisEmptyReply = "a reply without text or tags; a comment needs words"
	hypothesisPageNote   = "a page note, on the whole page rather than a passage; Factmark's notes are on a passage or a claim"
)

// ParseHypothesis reads Hypothesis annotations (see above) into notes on the
// project's articles: in.Article when the user chose one, else the article
// with the annotation's URL, found through in.Lookup, then among
// in.Articles by normalURL. Errors give the JSON path of what is wrong.
func ParseHypothesis(in ImportInput) (*Imported, error) {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	v, err := decodeJSON(in.Data)
	if err != nil {
		return nil, err
	}
	items, err := hypothesisItems(v)
	if err != nil {
		return nil, err
	}
	h := &hypothesisReader{in: in}
	h.b = newImportBuilder(h.lookup, in.Scale, in.Now)
	for _, it := range items {
		if err := h.annotation(it.path, it.m); err != nil {
			return nil, err
		}
	}
	im, err := h.b.finish(FormatHypothesis)
	if err != nil {
		return nil, err
	}
	im.Omitted = h.omitted
	return im, nil
}

// hypothesisItems finds the annotations of a Hypothesis document.
func hypothesisItems(v any) ([]jsonItem, error) {
	switch v := v.(type) {
	case []any:
		return objectItems("", v)
	case map[string]any:
		for _, key := range []string{"annotations", "rows"} {
			if list, ok := v[key]; ok {
				items, isList := list.([]any)
				if !isList {
					return nil, annotate.Errorf(annotate.EINVALID, "%s: must be a list of annotations, not %s", key, jsonKindOf(list))
				}
				return objectItems(key, items)
			}
		}
		if v["uri"] != nil || v["target"] != nil {
			return []jsonItem{{"", v}}, nil
		}
		return nil, annotate.Errorf(annotate.EINVALID, "the document has no annotations: a Hypothesis export has \"annotations\", search results have \"rows\"")
	}
	return nil, annotate.Errorf(annotate.EINVALID, "the document is not Hypothesis annotations: it is %s, not an object or a list", jsonKindOf(v))
}

// isHypothesisHint reports whether a top-level key and its value suggest
// Hypothesis annotations without settling it (DetectFormat): a list of
// "annotations", or a "user" that is an account, "acct:name@authority" (the
// first key of a list of annotations, or of one).
func isHypothesisHint(key string, v any) bool {
	switch key {
	case "annotations":
		_, ok := v.([]any)
		return ok
	case "user":
		s, _ := v.(string)
		return strings.HasPrefix(s, "acct:")
	}
	return false
}

// hypothesisReader reads the annotations of one file.
type hypothesisReader struct {
	in      ImportInput
	b       *importBuilder
	byURL   map[string][]*annotate.Article // the project's articles by normalURL, read when first needed
	urlErr  error
	omitted []string
}

// lookup finds the article a URL names: the one the user chose, else the
// project's with that URL, else the project's whose URL is the same by
// normalURL.
func (h *hypothesisReader) lookup(source string) (*annotate.Article, error) {
	if h.in.Article != nil {
		return h.in.Article, nil
	}
	if h.in.Lookup != nil {
		a, err := h.in.Lookup(source)
		if err == nil && a != nil || err != nil && annotate.ErrorCode(err) != annotate.ENOTFOUND {
			return a, err
		}
	}
	return h.byNormalURL(source)
}

// byNormalURL finds the article whose URL is source by normalURL.
func (h *hypothesisReader) byNormalURL(source string) (*annotate.Article, error) {
	if h.byURL == nil && h.urlErr == nil && h.in.Articles != nil {
		list, err := h.in.Articles()
		h.byURL, h.urlErr = map[string][]*annotate.Article{}, err
		for _, a := range list {
			if a.URL != "" {
				k := normalURL(a.URL)
				h.byURL[k] = append(h.byURL[k], a)
			}
		}
	}
	if h.urlErr != nil {
		return nil, h.urlErr
	}
	switch found := h.byURL[normalURL(source)]; len(found) {
	case 0:
		return nil, annotate.Errorf(annotate.ENOTFOUND, "no article %s", source)
	case 1:
		return found[0], nil
	default:
		return nil, annotate.Errorf(annotate.ECONFLICT, "%d articles have the URL %s (%s and %s); give each its own URL, or choose the article",
			len(found), clipURL(source), found[0].ID, found[1].ID)
	}
}

// annotation reads the annotation at path: a note, or a line in Omitted or
// Orphans saying why not.
func (h *hypothesisReader) annotation(path string, m map[string]any) error {
	hid, err := optString(m, path, "id")
	if err != nil {
		return err
	}
	refs, err := stringList(m, path, "references")
	if err != nil {
		return err
	}
	if len(refs) > 0 {
		return h.reply(path, hid, m, refs)
	}
	n := annotate.Note{}
	if n.Meta, err = h.meta(path, hid, m); err != nil {
		return err
	}
	if n.Rationale, err = hypothesisRationale(path, m); err != nil {
		return err
	}
	targets, err := hypothesisTargets(path, m)
	if err != nil {
		return err
	}
	if !hasSelector(targets) {
		h.omit(path, hid, hypothesisPageNote)
		return nil
	}
	art, text, why, err := h.article(path, m, targets)
	if err != nil {
		return err
	}
	if why != "" {
		h.b.orphan(path, hypothesisName(hid), why)
		return nil
	}
	anchors, why, err := anchorTargets(text, targets)
	if err != nil {
		return err
	}
	if why != "" {
		h.b.orphan(path, hypothesisName(hid), why)
		return nil
	}
	return h.b.addNote(path, art, n, anchors, "")
}

// reply reads a reply into a comment: on the note made from the thread's
// root (references[0]), with the comment made from its direct parent
// (the last reference) as parent when that is a reply itself. Its text and
// tags are the comment's body, as they are a note's rationale.
func (h *hypothesisReader) reply(path, hid string, m map[string]any, refs []string) error {
	meta, err := h.meta(path, hid, m)
	if err != nil {
		return err
	}
	body, err := hypothesisRationale(path, m)
	if err != nil {
		return err
	}
	if strings.TrimSpace(body) == "" {
		h.omit(path, hid, hypothesisEmptyReply)
		return nil
	}
	c := annotate.Comment{ID: meta.ID, Author: meta.Author, Body: body, Created: meta.Created, Modified: meta.Modified}
	return h.b.addComment(path, hypothesisName(hid), c, hypothesisIRI+refs[len(refs)-1], hypothesisIRI+refs[0])
}

// anchorTargets places the targets that have selectors in the text, as
// W3C targets are placed (anchorSelectors: by the quote, with the position
// as hint, else by the position). It returns why it cannot when one cannot
// be placed.
func anchorTargets(text *annotate.Text, targets []hypothesisTarget) ([]annotate.Anchor, string, error) {
	var anchors []annotate.Anchor
	for _, t := range targets {
		if t.selector == nil {
			continue
		}
		a, why, err := anchorSelectors(text, t.path, t.selector)
		if err != nil || why != "" {
			return nil, why, err
		}
		anchors = append(anchors, a)
	}
	return anchors, "", nil
}

// omit lists an annotation left out on purpose.
func (h *hypothesisReader) omit(path, hid, why string) {
	h.omitted = append(h.omitted, fmt.Sprintf("%s (%s): %s", pathOr(path, "the annotation"), hypothesisName(hid), why))
}

// hypothesisName is how the report names an annotation: by its Hypothesis
// ID, which the user can find it by.
func hypothesisName(hid string) string {
	if hid == "" {
		return "no ID"
	}
	return "Hypothesis " + annotate.Clip(hid)
}

// meta reads the ID, author and times of an annotation.
func (h *hypothesisReader) meta(path, hid string, m map[string]any) (annotate.Meta, error) {
	meta := annotate.Meta{Origin: annotate.Manual}
	var iri string
	if hid != "" {
		iri = hypothesisIRI + hid
	}
	var err error
	if meta.ID, err = h.b.uniqueID(join(path, "id"), iri, m); err != nil {
		return meta, err
	}
	if meta.Author, err = hypothesisAuthor(path, m); err != nil {
		return meta, err
	}
	if meta.Created, err = optTime(m, path, "created", h.b.now); err != nil {
		return meta, err
	}
	if meta.Modified, err = optTime(m, path, "updated", meta.Created); err != nil {
		return meta, err
	}
	if meta.Modified.Before(meta.Created) {
		return meta, annotate.Errorf(annotate.EINVALID, "%s: %s is before created", join(path, "updated"), timeString(meta.Modified))
	}
	return meta, nil
}

// hypothesisAuthor is the display name of the annotation's user, else the
// name of the account: "rk" of "acct:rk@hypothes.is".
func hypothesisAuthor(path string, m map[string]any) (string, error) {
	if info, ok := m["user_info"].(map[string]any); ok {
		name, err := optString(info, join(path, "user_info"), "display_name")
		if err != nil || strings.TrimSpace(name) != "" {
			return strings.TrimSpace(name), err
		}
	}
	user, err := optString(m, path, "user")
	if err != nil {
		return "", err
	}
	if acct, ok := strings.CutPrefix(user, "acct:"); ok {
		user, _, _ = strings.Cut(acct, "@")
	}
	return strings.TrimSpace(user), nil
}

// hypothesisRationale is the note's text: the annotation's text, then its
// tags.
func hypothesisRationale(path string, m map[string]any) (string, error) {
	text, err := optString(m, path, "text")
	if err != nil {
		return "", err
	}
	if len(text) > maxHypothesisText {
		return "", annotate.Errorf(annotate.EINVALID, "%s: is %s long; an annotation's text can be at most %s",
			join(path, "text"), annotate.SizeString(len(text)), annotate.SizeString(maxHypothesisText))
	}
	tags, err := stringList(m, path, "tags")
	if err != nil {
		return "", err
	}
	parts := []string{}
	if t := strings.TrimSpace(text); t != "" {
		parts = append(parts, t)
	}
	var kept []string
	for _, tag := range tags {
		if tag = strings.TrimSpace(tag); tag != "" {
			kept = append(kept, tag)
		}
	}
	if len(kept) > 0 {
		parts = append(parts, "Tags: "+strings.Join(kept, ", "))
	}
	return strings.Join(parts, "\n\n"), nil
}

// stringList returns m[key], a list of strings, or nil when it is missing.
func stringList(m map[string]any, path, key string) ([]string, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: must be a list of strings, not %s", join(path, key), jsonKindOf(v))
	}
	out := make([]string, 0, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "%s[%d]: must be a string, not %s", join(path, key), i, jsonKindOf(x))
		}
		out = append(out, s)
	}
	return out, nil
}

// hypothesisTarget is one target of an annotation as read.
type hypothesisTarget struct {
	path     string
	source   string
	selector any // the selectors, nil for none (a page note)
}

// hypothesisTargets reads an annotation's targets: a list of objects with a
// source and selectors (one object is taken as a list of one).
func hypothesisTargets(path string, m map[string]any) ([]hypothesisTarget, error) {
	v := m["target"]
	var out []hypothesisTarget
	for i, t := range listOf(v) {
		p := join(path, "target")
		if _, many := v.([]any); many {
			p = fmt.Sprintf("%s[%d]", p, i)
		}
		tm, ok := t.(map[string]any)
		if !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: must be an object with a source and selectors, not %s", p, jsonKindOf(t))
		}
		source, err := optString(tm, p, "source")
		if err != nil {
			return nil, err
		}
		sel := tm["selector"]
		if list, isList := sel.([]any); isList && len(list) == 0 {
			sel = nil
		}
		out = append(out, hypothesisTarget{path: p, source: source, selector: sel})
	}
	return out, nil
}

func hasSelector(targets []hypothesisTarget) bool {
	for _, t := range targets {
		if t.selector != nil {
			return true
		}
	}
	return false
}

// article finds the annotation's article by the URLs it gives, in turn: its
// uri, its targets' sources and its document's canonical link. It returns
// why it cannot when no article has them, and an error when the project
// cannot be read.
func (h *hypothesisReader) article(path string, m map[string]any, targets []hypothesisTarget) (*annotate.Article, *annotate.Text, string, error) {
	uri, err := optString(m, path, "uri")
	if err != nil {
		return nil, nil, "", err
	}
	urls := []string{uri}
	for _, t := range targets {
		urls = append(urls, t.source)
	}
	urls = append(urls, canonicalLinks(m["document"])...)
	why := ""
	for _, u := range urls {
		if strings.TrimSpace(u) == "" {
			continue
		}
		art, text, err := h.b.article(u)
		switch annotate.ErrorCode(err) {
		case "":
			return art, text, "", nil
		case annotate.ENOTFOUND:
			if why == "" {
				why = fmt.Sprintf("its page %s is not an article of the project; import the page first, or choose the article it is on", clipURL(u))
			}
		case annotate.ECONFLICT, annotate.EINVALID:
			if why == "" {
				why = annotate.ErrorMessage(err)
			}
		default:
			return nil, nil, "", err
		}
	}
	if why == "" {
		why = "it names no page: it has no uri and its targets no source"
	}
	return nil, nil, why, nil
}

// canonicalLinks returns the canonical URLs of a Hypothesis document's
// metadata ("link": [{"href", "rel": "canonical"}]). The metadata comes from
// the page, not the annotator, so what is not in that shape is passed over.
func canonicalLinks(doc any) []string {
	d, _ := doc.(map[string]any)
	links, _ := d["link"].([]any)
	var out []string
	for _, l := range links {
		lm, _ := l.(map[string]any)
		href, _ := lm["href"].(string)
		if rel, _ := lm["rel"].(string); strings.EqualFold(rel, "canonical") && href != "" {
			out = append(out, href)
		}
	}
	return out
}

// projectArticles returns the project's articles (with their texts), for
// matching URLs by normalURL. The service lists articles without their
// URLs, so each is read: this is done only once per import, and only when
// an annotation's URL is not an article's as it is.
func projectArticles(ctx context.Context, s annotate.ArticleService) ([]*annotate.Article, error) {
	list, err := s.FindArticles(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*annotate.Article, 0, len(list))
	for _, sum := range list {
		a, err := s.FindArticleByID(ctx, sum.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// chosenArticle is the article with the ID the user chose, or nil for "".
func chosenArticle(ctx context.Context, s Store, id string) (*annotate.Article, error) {
	if id == "" {
		return nil, nil
	}
	a, err := s.Articles.FindArticleByID(ctx, id)
	if annotate.ErrorCode(err) == annotate.ENOTFOUND {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "the chosen article %s is not in the project", annotate.Clip(id))
	}
	return a, err
}
