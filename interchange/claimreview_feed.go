package interchange

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/internal/input"
)

// ReadCheckFeed reads the published fact-checks of a feed (issue 14): schema.org
// ClaimReview JSON-LD as fact-checkers publish it (one object, a list or an
// @graph, nested in other nodes or not) or the Google Fact Check Tools
// layout ({"claims": [{"text", "claimant", "claimReview": […]}]}). A review
// without claimReviewed or a verdict is an error naming its JSON path; a
// file with no review at all is an error too, so a wrong file is not taken
// for an empty feed. name is the file's name, kept as each check's Feed.
func ReadCheckFeed(name string, data []byte) ([]annotate.KnownCheck, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: %s", name, annotate.ErrorMessage(err))
	}
	r := feedReader{feed: name, seen: map[string]bool{}}
	if err := r.walk("", v); err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s: %s", name, annotate.ErrorMessage(err))
	}
	if len(r.checks) == 0 {
		return nil, annotate.Errorf(annotate.EINVALID, "%s holds no ClaimReview (a fact-check feed is schema.org ClaimReview JSON-LD)", name)
	}
	return r.checks, nil
}

// MaxFeedBytes is the largest feed file ReadCheckFeeds reads.
const MaxFeedBytes = 256 << 20

// ReadCheckFeeds reads a feed file, or every .json and .jsonld file of a
// folder (not its subfolders), in name order.
func ReadCheckFeeds(path string) ([]annotate.KnownCheck, error) {
	info, err := os.Stat(path)
	if err != nil {
		_, err = input.ReadHead(path, 1) // its plain-words error
		return nil, err
	}
	files := []string{path}
	if info.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "%s cannot be read: %s", path, annotate.ErrorMessage(err))
		}
		files = files[:0]
		for _, e := range entries {
			if ext := strings.ToLower(filepath.Ext(e.Name())); e.Type().IsRegular() && (ext == ".json" || ext == ".jsonld") {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
		if len(files) == 0 {
			return nil, annotate.Errorf(annotate.EINVALID, "%s has no .json or .jsonld file", path)
		}
	}
	var all []annotate.KnownCheck
	for _, f := range files {
		data, err := input.ReadFile(f, MaxFeedBytes)
		if err != nil {
			return nil, err
		}
		checks, err := ReadCheckFeed(filepath.Base(f), data)
		if err != nil {
			return nil, err
		}
		all = append(all, checks...)
	}
	return all, nil
}

type feedReader struct {
	feed   string
	checks []annotate.KnownCheck
	seen   map[string]bool
}

// walk finds the reviews anywhere in the JSON: fact-checkers' pages nest
// ClaimReview in WebPage or Article nodes, and the Fact Check Tools layout
// under claims[].claimReview.
func (r *feedReader) walk(path string, v any) error {
	switch v := v.(type) {
	case []any:
		for i, x := range v {
			if err := r.walk(fmt.Sprintf("%s[%d]", path, i), x); err != nil {
				return err
			}
		}
	case map[string]any:
		if hasString(stringsOf(v["@type"]), "ClaimReview") {
			return r.add(path, r.claimReview(v))
		}
		if reviews, ok := v["claimReview"].([]any); ok {
			return r.factCheckTools(path, v, reviews)
		}
		for _, k := range slices.Sorted(mapKeys(v)) {
			if err := r.walk(join(path, k), v[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// claimReview reads a schema.org ClaimReview node.
func (r *feedReader) claimReview(m map[string]any) annotate.KnownCheck {
	k := annotate.KnownCheck{Claim: firstString(m, "claimReviewed"), URL: firstString(m, "url", "@id"),
		Title: firstString(m, "headline", "name"), Publisher: agentName(m["author"]),
		Date: firstString(m, "datePublished", "dateModified"), Feed: r.feed}
	if rating, ok := m["reviewRating"].(map[string]any); ok {
		k.Verdict = firstString(rating, "alternateName", "name")
	}
	if item, ok := m["itemReviewed"].(map[string]any); ok {
		k.Claimant = agentName(item["author"])
		if k.Claim == "" {
			k.Claim = firstString(item, "text", "name")
		}
	}
	return k
}

// factCheckTools reads a claim of the Google Fact Check Tools layout and its
// reviews.
func (r *feedReader) factCheckTools(path string, claim map[string]any, reviews []any) error {
	for i, x := range reviews {
		rv, ok := x.(map[string]any)
		if !ok {
			return annotate.Errorf(annotate.EINVALID, "%s: is not an object", fmt.Sprintf("%s.claimReview[%d]", path, i))
		}
		k := annotate.KnownCheck{Claim: firstString(claim, "text"), Claimant: firstString(claim, "claimant"),
			Verdict: firstString(rv, "textualRating"), Title: firstString(rv, "title"), URL: firstString(rv, "url"),
			Publisher: agentName(rv["publisher"]), Date: firstString(rv, "reviewDate", "claimDate"), Feed: r.feed}
		if err := r.add(fmt.Sprintf("%s.claimReview[%d]", path, i), k); err != nil {
			return err
		}
	}
	return nil
}

func (r *feedReader) add(path string, k annotate.KnownCheck) error {
	k.Claim = strings.Join(strings.Fields(k.Claim), " ")
	k.Verdict, k.Claimant = strings.TrimSpace(k.Verdict), strings.TrimSpace(k.Claimant)
	if !isWebURL(k.URL) {
		k.URL = "" // an @id that is not a web page (urn:uuid:…) links nowhere
	}
	if err := k.Validate(); err != nil {
		return annotate.Errorf(annotate.EINVALID, "%s: %s", pathOr(path, "the review"), annotate.ErrorMessage(err))
	}
	k.ID = annotate.CheckID(k.URL, k.Claim)
	if !r.seen[k.ID] {
		r.seen[k.ID] = true
		r.checks = append(r.checks, k)
	}
	return nil
}
