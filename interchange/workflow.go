package interchange

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/google/uuid"
)

// The fact-check workflow's records (issue 13) as the formats carry them:
// approvals and corrections on claims, comments on annotations, the audit
// log, and evidence withheld for safety. Document.Validate checks the
// annotations; checkWorkflow checks these, with the same JSON paths.

// readStatus is a claim status as a file spells it: the lifecycle's names
// (candidate, verdict_proposed, …) or the first release's (new, in_review,
// checked), which brat, CSV and W3C files written by it carry. Anything
// else is returned as it is, for Claim.Validate to refuse by name.
func readStatus(s string) annotate.Status {
	s = strings.TrimSpace(s)
	if st, ok := annotate.LegacyStatus(s); ok {
		return st
	}
	return annotate.Status(s)
}

// sortWorkflow puts comments and the audit log oldest first, keeping the
// order of those made at the same time (a change's audit entries share its
// time, and the log's order among them is the order they were written).
func sortWorkflow(d *annotate.Document) {
	for i := range d.Articles {
		slices.SortStableFunc(d.Articles[i].Comments, func(a, b annotate.Comment) int { return a.Created.Compare(b.Created) })
	}
	slices.SortStableFunc(d.Audit, func(a, b annotate.AuditEntry) int { return a.At.Compare(b.At) })
}

// checkWorkflow checks the document's approvals, corrections, comments and
// audit log, which Document.Validate leaves alone: each error names the
// field by its JSON path and says what it must be. A factmark/1 document
// may have none of them.
func checkWorkflow(d *annotate.Document) error {
	for i := range d.Articles {
		a := &d.Articles[i]
		if err := checkArticleWorkflow(a); err != nil {
			return prefix(fmt.Sprintf("articles[%d]", i), err)
		}
		if d.Format == annotate.NativeFormatV1 {
			if field := v2Field(a); field != "" {
				return annotate.Errorf(annotate.EINVALID, "articles[%d].%s: a %s document has no such field; the fact-check workflow came with %s",
					i, field, annotate.NativeFormatV1, annotate.NativeFormat)
			}
		}
	}
	ids := map[string]int{}
	for i := range d.Audit {
		if err := checkAuditEntry(&d.Audit[i]); err != nil {
			return prefix(fmt.Sprintf("audit[%d]", i), err)
		}
		if first, dup := ids[d.Audit[i].ID]; dup {
			return annotate.Errorf(annotate.EINVALID, "audit[%d].id: %s appears twice (first at audit[%d])", i, d.Audit[i].ID, first)
		}
		ids[d.Audit[i].ID] = i
	}
	if d.Format == annotate.NativeFormatV1 && len(d.Audit) > 0 {
		return annotate.Errorf(annotate.EINVALID, "audit: a %s document has no audit log; it came with %s", annotate.NativeFormatV1, annotate.NativeFormat)
	}
	return nil
}

// v2Field is the path (within the article) of the first field factmark/1
// cannot hold, or "".
func v2Field(a *annotate.ArticleDoc) string {
	if len(a.Comments) > 0 {
		return "comments"
	}
	for i := range a.Claims {
		c := &a.Claims[i]
		switch _, legacy := c.Status.LegacyName(); {
		case !legacy:
			return fmt.Sprintf("claims[%d].status (%q)", i, c.Status)
		case len(c.Approvals) > 0:
			return fmt.Sprintf("claims[%d].approvals", i)
		case len(c.Corrections) > 0:
			return fmt.Sprintf("claims[%d].corrections", i)
		}
	}
	for i := range a.Notes {
		for j, e := range a.Notes[i].Sources {
			p := fmt.Sprintf("notes[%d].sources[%d].", i, j)
			switch {
			case e.ID != "":
				return p + "id"
			case e.Type != "":
				return p + "type"
			case len(e.Archives) > 0:
				return p + "archives"
			case e.Snapshot != nil:
				return p + "snapshot"
			case e.Withheld:
				return p + "withheld"
			case e.Accessed != "" && !annotate.ValidDate(e.Accessed):
				return p + "accessed (a time, not a date)"
			}
		}
	}
	return ""
}

func checkArticleWorkflow(a *annotate.ArticleDoc) error {
	for i := range a.Claims {
		c := &a.Claims[i]
		for j := range c.Approvals {
			if err := checkApproval(&c.Approvals[j]); err != nil {
				return prefix(fmt.Sprintf("claims[%d].approvals[%d]", i, j), err)
			}
		}
		for j := range c.Corrections {
			if err := checkCorrection(&c.Corrections[j]); err != nil {
				return prefix(fmt.Sprintf("claims[%d].corrections[%d]", i, j), err)
			}
		}
	}
	return checkComments(a)
}

func checkApproval(ap *annotate.Approval) error {
	switch {
	case strings.TrimSpace(ap.Reviewer) == "":
		return fieldErr("reviewer", "is empty; an approval names its reviewer")
	case ap.At.IsZero():
		return fieldErr("at", "is not set; an approval has the time it was given")
	case !isHash(ap.Hash):
		return fieldErr("hash", "%q is not a SHA-256 in hex (the hash of what was approved)", annotate.Clip(ap.Hash))
	case ap.Withdrawn != nil && ap.Withdrawn.Before(ap.At):
		return fieldErr("withdrawn", "%s is before the approval (%s)", timeString(*ap.Withdrawn), timeString(ap.At))
	case ap.Withdrawn == nil && ap.WithdrawnWhy != "":
		return fieldErr("withdrawn_why", "is given but the approval was not withdrawn (no withdrawn time)")
	}
	return firstError(annotate.CheckLine("reviewer", ap.Reviewer), annotate.CheckText("withdrawn_why", ap.WithdrawnWhy))
}

func checkCorrection(c *annotate.Correction) error {
	switch {
	case c.At.IsZero():
		return fieldErr("at", "is not set; a correction has the time it was made")
	case strings.TrimSpace(c.What) == "":
		return fieldErr("what", "is empty; a correction says what changed")
	case strings.TrimSpace(c.Why) == "":
		return fieldErr("why", "is empty; a correction says why")
	}
	return firstError(annotate.CheckLine("author", c.Author), annotate.CheckText("what", c.What), annotate.CheckText("why", c.Why))
}

// checkComments checks the article's comments: each on one of its
// annotations, a reply on a comment of the same annotation, no thread
// that loops.
func checkComments(a *annotate.ArticleDoc) error {
	annotations := map[string]bool{}
	for _, x := range a.Attributions {
		annotations[x.ID] = true
	}
	for _, x := range a.Claims {
		annotations[x.ID] = true
	}
	for _, x := range a.Notes {
		annotations[x.ID] = true
	}
	byID := make(map[string]*annotate.Comment, len(a.Comments))
	for i := range a.Comments {
		c := &a.Comments[i]
		if err := checkComment(c, annotations); err != nil {
			return prefix(fmt.Sprintf("comments[%d]", i), err)
		}
		if byID[c.ID] != nil || annotations[c.ID] {
			return annotate.Errorf(annotate.EINVALID, "comments[%d].id: %s appears twice", i, c.ID)
		}
		byID[c.ID] = c
		c.ArticleID = a.ID
	}
	for i := range a.Comments {
		c := &a.Comments[i]
		for p, steps := c, 0; p.ParentID != ""; steps++ {
			parent := byID[p.ParentID]
			switch {
			case parent == nil:
				return annotate.Errorf(annotate.EINVALID, "comments[%d].parent: no comment %s in this article", i, p.ParentID)
			case parent.AnnotationID != c.AnnotationID:
				return annotate.Errorf(annotate.EINVALID, "comments[%d].parent: comment %s is on another annotation; a reply is on its parent's", i, p.ParentID)
			case steps > len(a.Comments):
				return annotate.Errorf(annotate.EINVALID, "comments[%d].parent: the thread loops back on itself", i)
			}
			p = parent
		}
	}
	return nil
}

func checkComment(c *annotate.Comment, annotations map[string]bool) error {
	switch {
	case !isUUID(c.ID):
		return fieldErr("id", "%q is not a UUID", annotate.Clip(c.ID))
	case !annotations[c.AnnotationID]:
		return fieldErr("annotation", "%q is not an annotation of this article", annotate.Clip(c.AnnotationID))
	case c.ParentID == c.ID:
		return fieldErr("parent", "is the comment itself")
	case strings.TrimSpace(c.Body) == "":
		return fieldErr("body", "is empty; a comment needs words")
	case c.Created.IsZero():
		return fieldErr("created", "is not set")
	case c.Modified.Before(c.Created):
		return fieldErr("modified", "%s is before created", timeString(c.Modified))
	}
	return firstError(annotate.CheckLine("author", c.Author), annotate.CheckText("body", c.Body))
}

func checkAuditEntry(e *annotate.AuditEntry) error {
	switch {
	case !isUUID(e.ID):
		return fieldErr("id", "%q is not a UUID", annotate.Clip(e.ID))
	case e.At.IsZero():
		return fieldErr("at", "is not set")
	case strings.TrimSpace(e.Action) == "":
		return fieldErr("action", "is empty; an entry says what was done (create, update, …)")
	case strings.TrimSpace(e.Kind) == "":
		return fieldErr("kind", "is empty; an entry says what kind of record changed")
	case e.Old != "" && !json.Valid([]byte(e.Old)):
		return fieldErr("old", "is not a JSON value")
	case e.New != "" && !json.Valid([]byte(e.New)):
		return fieldErr("new", "is not a JSON value")
	}
	return firstError(annotate.CheckLine("who", e.Who), annotate.CheckLine("action", e.Action), annotate.CheckLine("kind", e.Kind),
		annotate.CheckLine("entity", e.EntityID), annotate.CheckLine("article", e.ArticleID), annotate.CheckLine("field", e.Field))
}

func isUUID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

func isHash(s string) bool {
	return len(s) == 64 && strings.Trim(s, "0123456789abcdef") == ""
}

func fieldErr(field, format string, args ...any) error {
	return annotate.Errorf(annotate.EINVALID, "%s: %s", field, fmt.Sprintf(format, args...))
}

// prefix puts a JSON path in front of an error's message.
func prefix(path string, err error) error {
	if e, ok := err.(*annotate.Error); ok {
		return &annotate.Error{Code: e.Code, Message: path + "." + e.Message, Err: e.Err}
	}
	return err
}

// WithoutWithheld is doc without the evidence withheld for safety (IFCN
// principle 2: a source may be kept from readers when naming it would put
// someone at risk): what every public export (W3C, ClaimReview, CSV, brat,
// the to-archive list) is made from. The native document keeps them: it is
// the project's own lossless copy, moved between the newsroom's machines,
// and a project restored from it must still have the sources its verdicts
// rest on. doc itself is not changed; a document without withheld sources
// is returned as it is.
func WithoutWithheld(doc *annotate.Document) *annotate.Document {
	if !hasWithheld(doc) {
		return doc
	}
	out := *doc
	out.Articles = make([]annotate.ArticleDoc, len(doc.Articles))
	for i := range doc.Articles {
		a := doc.Articles[i]
		a.Notes = make([]annotate.Note, len(a.Notes))
		for j, n := range doc.Articles[i].Notes {
			n.Sources = slices.DeleteFunc(slices.Clone(n.Sources), func(e annotate.Evidence) bool { return e.Withheld })
			if len(n.Sources) == 0 {
				n.Sources = nil
			}
			a.Notes[j] = n
		}
		out.Articles[i] = a
	}
	return &out
}

func hasWithheld(doc *annotate.Document) bool {
	for i := range doc.Articles {
		for _, n := range doc.Articles[i].Notes {
			for _, e := range n.Sources {
				if e.Withheld {
					return true
				}
			}
		}
	}
	return false
}

// lastCorrection is the time of the claim's latest correction, or zero.
func lastCorrection(c *annotate.Claim) time.Time {
	var last time.Time
	for _, x := range c.Corrections {
		if x.At.After(last) {
			last = x.At
		}
	}
	return last
}

// ApprovedClaims is doc with only the claims signed off for publication:
// approved, published or corrected, with the approvals the project requires
// standing (Claim.Approved). What hangs on the others goes with them: their
// notes, the attributions no approved claim comes from, notes on spans, and
// the comments on what is left out. doc itself is not changed.
func ApprovedClaims(doc *annotate.Document, required int) *annotate.Document {
	out := *doc
	out.Articles = make([]annotate.ArticleDoc, len(doc.Articles))
	for i := range doc.Articles {
		a := doc.Articles[i]
		kept, from := map[string]bool{}, map[string]bool{}
		a.Claims = slices.DeleteFunc(slices.Clone(a.Claims), func(c annotate.Claim) bool {
			ok := signedOff(&c, required)
			kept[c.ID], from[c.AttributionID] = ok, from[c.AttributionID] || ok
			return !ok
		})
		a.Attributions = slices.DeleteFunc(slices.Clone(a.Attributions), func(x annotate.Attribution) bool {
			kept[x.ID] = from[x.ID]
			return !from[x.ID]
		})
		a.Notes = slices.DeleteFunc(slices.Clone(a.Notes), func(n annotate.Note) bool {
			kept[n.ID] = kept[n.ClaimID]
			return !kept[n.ID]
		})
		a.Comments = slices.DeleteFunc(slices.Clone(a.Comments), func(c annotate.Comment) bool { return !kept[c.AnnotationID] })
		a.Attributions, a.Claims, a.Notes = nonNilList(a.Attributions), nonNilList(a.Claims), nonNilList(a.Notes)
		out.Articles[i] = a
	}
	return &out
}

// signedOff reports whether the claim may be published: its status is
// approved, published or corrected and its approvals stand.
func signedOff(c *annotate.Claim, required int) bool { return c.SignedOff(required) }

// WriteArchiveQueue writes the to-archive list: the URL of every source of
// doc's notes that has no archive copy yet (annotate.ArchiveQueue), one a
// line, each once, in the document's order, for whoever archives them when
// the machine is online. Withheld sources are never listed: the list is
// meant to be pasted into public archive services (the Wayback Machine,
// archive.today, perma.cc), and sending a withheld URL there would publish
// it.
func WriteArchiveQueue(w io.Writer, doc *annotate.Document) error {
	doc = WithoutWithheld(doc)
	doc.Sort() // the articles too, as the store hands them out
	_, err := writeArchiveQueueFrom(w, documentPasses(doc))
	return err
}

// writeArchiveQueueFrom writes the to-archive list of the articles src
// hands out, one article at a time: the first pass gathers the URLs that
// have an archive copy in some record (those are never listed), the second
// lists the others, each once. It returns how many it listed. Memory
// holds the URLs, not the articles.
func writeArchiveQueueFrom(w io.Writer, src articlePasses) (int, error) {
	bw := bufio.NewWriter(w)
	seen := map[string]bool{} // listed, or archived in another record of the same URL
	n := 0
	article := func(pass int, a *annotate.ArticleDoc) error {
		a = &WithoutWithheld(oneArticle(a)).Articles[0]
		if pass == 0 {
			for _, note := range a.Notes {
				for _, e := range note.Sources {
					if len(e.Archives) > 0 {
						seen[e.URL] = true
					}
				}
			}
			return nil
		}
		for _, u := range archiveURLsOf(a, seen) {
			n++
			bw.WriteString(u)
			if err := bw.WriteByte('\n'); err != nil {
				return err
			}
		}
		return nil
	}
	if err := src(2, func(*annotate.Document) error { return nil }, article); err != nil {
		return 0, err
	}
	return n, bw.Flush()
}

// archiveURLs are the URLs of the to-archive list (see WriteArchiveQueue).
func archiveURLs(doc *annotate.Document) []string {
	var urls []string
	doc = WithoutWithheld(doc)
	doc.Sort()
	seen := map[string]bool{}
	for i := range doc.Articles {
		for _, n := range doc.Articles[i].Notes {
			for _, e := range n.Sources {
				if len(e.Archives) > 0 {
					seen[e.URL] = true
				}
			}
		}
	}
	for i := range doc.Articles {
		urls = append(urls, archiveURLsOf(&doc.Articles[i], seen)...)
	}
	return urls
}

// archiveURLsOf are the article's URLs of the to-archive list: those of
// its notes' sources (in the document's order) that have no archive copy
// and are not in seen, which they are added to.
func archiveURLsOf(a *annotate.ArticleDoc, seen map[string]bool) []string {
	d := oneArticle(a)
	d.Sort()
	var records []annotate.Evidence
	for _, n := range d.Articles[0].Notes {
		records = append(records, n.Sources...)
	}
	var urls []string
	for _, e := range annotate.ArchiveQueue(records) {
		if !seen[e.URL] && annotate.ValidURL(e.URL) && !strings.ContainsAny(e.URL, "\r\n") {
			seen[e.URL] = true
			urls = append(urls, e.URL)
		}
	}
	return urls
}
