package interchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// IDs of the workflow test document's records.
const (
	evTimetable = "e5000000-0000-4000-8000-000000000001"
	evMemo      = "e5000000-0000-4000-8000-000000000002"
	cmRoot      = "c0000000-0000-4000-8000-000000000001"
	cmReply     = "c0000000-0000-4000-8000-000000000002"
	cmReply2    = "c0000000-0000-4000-8000-000000000003"
	cmOnOrtiz   = "c0000000-0000-4000-8000-000000000004"
)

// The withheld source of the workflow document: none of these may appear
// in a public export.
const (
	withheldURL     = "https://whistle.example/leak/tram-costs-7"
	withheldTitle   = "Insider memo on the tram's running costs"
	withheldExcerpt = "the figures were revised twice before the vote"
)

// testDocumentWorkflow is testDocument with every record the fact-check
// workflow adds: statuses without a first-release name, approvals (one
// withdrawn), a correction, evidence records with IDs, types, archive
// URLs, a snapshot, a time of access and a withheld source, comment
// threads (a reply, a reply to the reply, a resolved one) and an audit log.
func testDocumentWorkflow(t testing.TB) *annotate.Document {
	t.Helper()
	d := testDocument(t)
	a := &d.Articles[0]
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }
	for i := range a.Notes {
		if n := &a.Notes[i]; n.ID == noJourney {
			n.Sources[0].ID, n.Sources[0].Type = evTimetable, annotate.SourceOfficialData
			n.Sources[0].Accessed = "2026-03-05T14:30:00+01:00"
			n.Sources[0].Archives = []string{"https://web.archive.org/web/20260305133000/https://example.org/brennport/tram?route=east&lang=en"}
			n.Sources[0].Snapshot = &annotate.Snapshot{Name: "timetable.pdf", MediaType: "application/pdf", Size: 48213,
				SHA256: annotate.FileHash([]byte("timetable snapshot"))}
			n.Sources = append(n.Sources, annotate.Evidence{ID: evMemo, URL: withheldURL, Title: withheldTitle,
				Publisher: "Anonymous source", Type: annotate.SourceDocument, Accessed: "2026-03-06", Excerpt: withheldExcerpt, Withheld: true})
		}
	}
	var notes []annotate.Note
	for _, n := range a.Notes {
		if n.ClaimID == clJourney {
			notes = append(notes, n)
		}
	}
	hash := annotate.ApprovalHash(notes)
	withdrawn := at(8, 9)
	for i := range a.Claims {
		c := &a.Claims[i]
		switch c.ID {
		case clJourney:
			c.Status = annotate.StatusCorrected
			c.Approvals = []annotate.Approval{
				{Reviewer: "Ada Editor", At: at(7, 10), Hash: hash},
				{Reviewer: "Ben Desk", At: at(7, 11), Hash: hash},
				{Reviewer: "Cleo Night", At: at(7, 12), Hash: hash, Withdrawn: &withdrawn, WithdrawnWhy: "the rationale changed after I signed"},
			}
			c.Corrections = []annotate.Correction{{At: at(9, 16), Author: "Ada Editor",
				What: `verdict: "True" → "Mostly true"`, Why: "the timetable gives 21 minutes, not 19"}}
		case clRidership:
			c.Status = annotate.StatusSelected
		}
	}
	a.Comments = []annotate.Comment{
		{ID: cmRoot, AnnotationID: clJourney, Author: "Ben Desk", Body: "Is the timetable the winter one?", Created: at(6, 9), Modified: at(6, 9), Resolved: true},
		{ID: cmReply, AnnotationID: clJourney, ParentID: cmRoot, Author: "Zoë Åberg", Body: "Yes — valid from 1 March.\nI attached the PDF.", Created: at(6, 10), Modified: at(6, 11)},
		{ID: cmReply2, AnnotationID: clJourney, ParentID: cmReply, Author: "Ben Desk", Body: "Thanks <3 & done.", Created: at(6, 12), Modified: at(6, 12)},
		{ID: cmOnOrtiz, AnnotationID: atOrtiz, Author: "", Body: "Check whether he said it on the record.", Created: at(6, 13), Modified: at(6, 13)},
	}
	d.Audit = []annotate.AuditEntry{
		{ID: "ad000000-0000-4000-8000-000000000001", At: at(7, 10), Who: "Ada Editor", Action: "approve", Kind: "claim", EntityID: clJourney,
			ArticleID: docArticleID, Field: "approvals", Old: `[]`, New: `[{"reviewer":"Ada Editor"}]`},
		{ID: "ad000000-0000-4000-8000-000000000002", At: at(9, 16), Who: "Ada Editor", Action: "correct", Kind: "note", EntityID: noJourney,
			ArticleID: docArticleID, Field: "verdict", Old: `"True"`, New: `"Mostly true"`},
		{ID: "ad000000-0000-4000-8000-000000000003", At: at(9, 17), Who: "Ada Editor", Action: "update", Kind: "settings", Field: "approvals_required", Old: `1`, New: `2`},
	}
	return d
}

const workflowGolden = "sample.workflow.factmark.json"

// The workflow document writes as factmark/2, which its schema accepts and
// factmark/1's refuses; the golden file (regenerated with -update) reads
// back and writes the same bytes, streamed and whole.
func TestNativeWorkflowRoundTrip(t *testing.T) {
	out := writeDoc(t, testDocumentWorkflow(t))
	path := filepath.Join("testdata", workflowGolden)
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(out, golden) {
		t.Errorf("WriteDocument output differs from %s:\n%s", path, firstDiff(golden, out))
	}
	validateSchema(t, golden)
	if err := compileSchemaOf(t, annotate.NativeFormatV1).Validate(decodeInstance(t, golden)); err == nil {
		t.Error("the factmark/1 schema accepts approvals and comments")
	}
	parsed, err := ParseDocument(golden)
	if err != nil {
		t.Fatal(err)
	}
	if again := writeDoc(t, parsed); !bytes.Equal(again, golden) {
		t.Fatalf("read → write changed the bytes:\n%s", firstDiff(golden, again))
	}
	var whole bytes.Buffer
	if err := writeWhole(&whole, parsed); err != nil || !bytes.Equal(whole.Bytes(), golden) {
		t.Errorf("written whole (%v):\n%s", err, firstDiff(golden, whole.Bytes()))
	}
	want := testDocumentWorkflow(t)
	got := &parsed.Articles[0]
	for i := range want.Articles[0].Comments {
		want.Articles[0].Comments[i].ArticleID = docArticleID
	}
	if !reflect.DeepEqual(got.Comments, want.Articles[0].Comments) || !reflect.DeepEqual(parsed.Audit, want.Audit) {
		t.Errorf("comments or audit changed:\n got %+v\n%+v", got.Comments, parsed.Audit)
	}
	for _, s := range []string{`"status": "corrected"`, `"status": "selected"`, `"withdrawn_why"`, `"corrections": [`,
		`"type": "official_data"`, `"archives": [`, `"snapshot": {`, `"withheld": true`, `"comments": [`, `"parent": "` + cmRoot, `"resolved": true`,
		`"audit": [`, `"accessed": "2026-03-05T14:30:00+01:00"`, withheldURL} {
		if !bytes.Contains(golden, []byte(s)) {
			t.Errorf("the native document lacks %s", s)
		}
	}
}

// A factmark/1 document spells statuses by the first release's names, and
// a status it has none for, or any workflow record, makes the document
// factmark/2; a factmark/1 document that has them is refused by name.
func TestNativeStatusVersions(t *testing.T) {
	v1 := writeDoc(t, testDocument(t))
	for _, s := range []string{`"status": "new"`, `"status": "in_review"`, `"status": "checked"`} {
		if !bytes.Contains(v1, []byte(s)) {
			t.Errorf("factmark/1 lacks %s", s)
		}
	}
	d := testDocument(t)
	if err := WriteDocument(new(bytes.Buffer), d); err != nil || d.Articles[0].Claims[0].Status != annotate.StatusVerdictProposed {
		t.Errorf("writing factmark/1 changed the caller's statuses: %v", d.Articles[0].Claims[0].Status)
	}
	parsed, err := ParseDocument(v1)
	if err != nil || parsed.Articles[0].Claims[0].Status != annotate.StatusVerdictProposed {
		t.Fatalf("factmark/1 reads %v, %v", parsed, err)
	}
	for name, change := range map[string]func(d *annotate.Document){
		"a new status":   func(d *annotate.Document) { d.Articles[0].Claims[0].Status = annotate.StatusOutdated },
		"a comment":      func(d *annotate.Document) { d.Articles[0].Comments = testDocumentWorkflow(t).Articles[0].Comments[3:] },
		"an evidence ID": func(d *annotate.Document) { d.Articles[0].Notes[0].Sources[0].ID = evMemo },
		"withheld":       func(d *annotate.Document) { d.Articles[0].Notes[0].Sources[0].Withheld = true },
		"an access time": func(d *annotate.Document) { d.Articles[0].Notes[0].Sources[0].Accessed = "2026-03-05T10:00:00Z" },
		"an audit":       func(d *annotate.Document) { d.Audit = testDocumentWorkflow(t).Audit },
		"a source type":  func(d *annotate.Document) { d.Articles[0].Notes[0].Sources[0].Type = annotate.SourceExpert },
		"an archive copy": func(d *annotate.Document) {
			d.Articles[0].Notes[0].Sources[0].Archives = []string{"https://perma.cc/AB12"}
		},
	} {
		d := testDocument(t)
		change(d)
		if got := d.NeededFormat(); got != annotate.NativeFormat {
			t.Errorf("%s: NeededFormat = %s", name, got)
		}
	}
	v2 := string(writeDoc(t, testDocumentWorkflow(t)))
	_, err = ParseDocument([]byte(strings.Replace(v2, `"format": "factmark/2"`, `"format": "factmark/1"`, 1)))
	if err == nil || !strings.Contains(err.Error(), "a factmark/1 document has no such field") {
		t.Errorf("a factmark/1 document with workflow records: %v", err)
	}
}

// The factmark/2 schema refuses wrong workflow records where they are.
func TestNativeWorkflowSchemaRejects(t *testing.T) {
	schema := compileSchemaOf(t, annotate.NativeFormat)
	good := writeDoc(t, testDocumentWorkflow(t))
	art := func(v any) map[string]any { return v.(map[string]any)["articles"].([]any)[0].(map[string]any) }
	item := func(v any, list string, i int) map[string]any { return art(v)[list].([]any)[i].(map[string]any) }
	journey := func(v any) map[string]any { return item(v, "claims", 0) } // the first claim in text order
	source := func(v any, i int) map[string]any {
		for _, n := range art(v)["notes"].([]any) {
			if n.(map[string]any)["id"] == noJourney {
				return n.(map[string]any)["sources"].([]any)[i].(map[string]any)
			}
		}
		panic("no journey note")
	}
	approval := func(v any) map[string]any { return journey(v)["approvals"].([]any)[0].(map[string]any) }
	tests := []struct {
		name   string
		change func(v any)
		at     string
	}{
		{"unknown source type", func(v any) { source(v, 0)["type"] = "rumour" }, "/articles/0/notes/0/sources/0/type"},
		{"approval without reviewer", func(v any) { delete(approval(v), "reviewer") }, "/articles/0/claims/0/approvals/0"},
		{"approval with a blank reviewer", func(v any) { approval(v)["reviewer"] = " " }, "/articles/0/claims/0/approvals/0/reviewer"},
		{"approval hash not hex", func(v any) { approval(v)["hash"] = "abc" }, "/articles/0/claims/0/approvals/0/hash"},
		{"withdrawn why without withdrawn", func(v any) { approval(v)["withdrawn_why"] = "x" }, "/articles/0/claims/0/approvals/0"},
		{"correction without why", func(v any) { delete(journey(v)["corrections"].([]any)[0].(map[string]any), "why") }, "/articles/0/claims/0/corrections/0"},
		{"unknown status", func(v any) { journey(v)["status"] = "signed" }, "/articles/0/claims/0/status"},
		{"archive not a URL", func(v any) { source(v, 0)["archives"] = []any{"web.archive.org/x"} }, "/articles/0/notes/0/sources/0/archives/0"},
		{"snapshot of an unknown type", func(v any) { source(v, 0)["snapshot"].(map[string]any)["media_type"] = "video/mp4" }, "/articles/0/notes/0/sources/0/snapshot/media_type"},
		{"snapshot too big", func(v any) { source(v, 0)["snapshot"].(map[string]any)["size"] = json.Number("26214401") }, "/articles/0/notes/0/sources/0/snapshot/size"},
		{"withheld false", func(v any) { source(v, 2)["withheld"] = false }, "/articles/0/notes/0/sources/2/withheld"},
		{"comment without body", func(v any) { delete(item(v, "comments", 0), "body") }, "/articles/0/comments/0"},
		{"comment parent a name", func(v any) { item(v, "comments", 1)["parent"] = "Ben" }, "/articles/0/comments/1/parent"},
		{"audit without who", func(v any) { delete(v.(map[string]any)["audit"].([]any)[0].(map[string]any), "who") }, "/audit/0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := decodeInstance(t, good)
			tt.change(v)
			err := schema.Validate(v)
			if err == nil {
				t.Fatal("schema accepted the broken document")
			}
			verr, ok := err.(*jsonschema.ValidationError)
			if !ok || !hasLocation(verr, tt.at) {
				t.Errorf("error does not point at %q:\n%v", tt.at, err)
			}
		})
	}
}

// ParseDocument refuses malformed workflow records with an error naming
// the field by its path.
func TestParseDocumentWorkflowErrors(t *testing.T) {
	good := string(writeDoc(t, testDocumentWorkflow(t)))
	replace := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%q not in the document", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	tests := []struct{ name, doc, want string }{
		{"unknown source type", replace(`"type": "official_data"`, `"type": "rumour"`), `articles[0].notes[0].sources[0].type: "rumour" is not a source type`},
		{"approval without reviewer", replace(`"reviewer": "Ada Editor",`, `"reviewer": "",`), "articles[0].claims[0].approvals[0].reviewer: is empty"},
		{"approval hash", replace(`"hash": "`, `"hash": "x`), "articles[0].claims[0].approvals[0].hash:"},
		{"approval time", replace(`"at": "2026-03-07T10:00:00Z",`, `"at": "0001-01-01T00:00:00Z",`), "articles[0].claims[0].approvals[0].at: is not set"},
		{"approvals not a list", replace(`"approvals": [`, `"approvals": 3, "x": [`), "approvals must be an array"},
		{"correction without why", replace(`"why": "the timetable gives 21 minutes, not 19"`, `"why": " "`), "articles[0].claims[0].corrections[0].why: is empty"},
		{"comment on nothing", replace(`"annotation": "`+atOrtiz, `"annotation": "`+spOrtiz), "articles[0].comments[3].annotation:"},
		{"comment reply to nothing", replace(`"parent": "`+cmRoot, `"parent": "`+cmOnOrtiz[:35]+"9"), "articles[0].comments[1].parent: no comment"},
		{"comment empty", replace(`"body": "Is the timetable the winter one?"`, `"body": ""`), "articles[0].comments[0].body: is empty"},
		{"comment id", replace(`"id": "`+cmRoot, `"id": "root`), "articles[0].comments[0].id:"},
		{"comment id twice", replace(`"id": "`+cmOnOrtiz, `"id": "`+cmRoot), "articles[0].comments[3].id: " + cmRoot + " appears twice"},
		{"comment resolved a string", replace(`"resolved": true`, `"resolved": "yes"`), "resolved must be true or false"},
		{"comment unknown field", replace(`"resolved": true`, `"resolved": true, "likes": 3`), `unknown field "likes"`},
		{"audit old not JSON", replace(`"old": "[]"`, `"old": "[nope"`), "audit[0].old: is not a JSON value"},
		{"audit id twice", replace(`"id": "ad000000-0000-4000-8000-000000000002"`, `"id": "ad000000-0000-4000-8000-000000000001"`), "audit[1].id:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDocument([]byte(tt.doc))
			if err == nil || annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDocument = %v; want EINVALID with %q", err, tt.want)
			}
		})
	}
}

// A withheld source's URL, title and excerpt appear in no public export:
// W3C, ClaimReview, CSV, brat and the to-archive list; the native document
// keeps it (the project's own lossless copy).
func TestWithheldNeverLeaves(t *testing.T) {
	for _, f := range ExportFormats {
		t.Run(string(f), func(t *testing.T) {
			d := testDocumentWorkflow(t)
			d.Articles[0].URL = "https://ledger.example/tram"
			var b bytes.Buffer
			if err := WriteFormatBy(&b, f, d, goldenOrganization); err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{withheldURL, withheldTitle, withheldExcerpt, "whistle.example"} {
				if got := bytes.Contains(b.Bytes(), []byte(s)); got != (f == FormatNative) {
					t.Errorf("%q in the output: %v", s, got)
				}
			}
			if f == FormatClaimReview && !bytes.Contains(b.Bytes(), []byte("Eastern line timetable")) {
				t.Error("the other sources went too")
			}
			withheld := 0
			for _, n := range d.Articles[0].Notes {
				for _, e := range n.Sources {
					if e.Withheld {
						withheld++
					}
				}
			}
			if withheld != 1 {
				t.Errorf("the export changed the caller's document: %d withheld sources", withheld)
			}
		})
	}
}

// Comments go out as W3C replies, each passing the suite's MUST
// assertions, and come back as the same comments, threads and all.
func TestW3CCommentsRoundTrip(t *testing.T) {
	d := testDocumentWorkflow(t)
	var b bytes.Buffer
	if err := WriteW3C(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{`"motivation":"replying"`, `"target":"urn:uuid:` + cmRoot + `"`, `"target":"urn:uuid:` + clJourney + `"`,
		`"factmark:resolved":true`, `"factmark":"` + FactmarkNS + `"`, `"total": 12`} {
		if !strings.Contains(out, s) {
			t.Errorf("the W3C export lacks %s", s)
		}
	}
	im, err := ParseW3C(b.Bytes(), DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Orphans) > 0 || len(im.Doc.Articles) != 1 {
		t.Fatalf("orphans %q, %d articles", im.Orphans, len(im.Doc.Articles))
	}
	want := testDocumentWorkflow(t).Articles[0].Comments
	for i := range want {
		want[i].ArticleID = docArticleID
	}
	if got := im.Doc.Articles[0].Comments; !reflect.DeepEqual(got, want) {
		t.Errorf("comments read back:\n got %+v\nwant %+v", got, want)
	}
}

func TestW3CMustsComments(t *testing.T) {
	h := newHarness(t)
	d := testDocumentWorkflow(t)
	d.Articles[0].Attributions, d.Articles[0].Notes = nil, nil
	d.Articles[0].Claims = d.Articles[0].Claims[:0]
	items, err := W3CAnnotations(d) // only the comments: their annotations are gone
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 {
		t.Fatalf("%d annotations, want the 4 comments", len(items))
	}
	for i, item := range items {
		res := h.runTest(t, "annotations/annotationMusts.test", item)
		if n, failed := passed(res); len(res) != 54 || len(failed) > 0 {
			t.Errorf("comment %d: %d of %d pass; failed: %s\n%s", i, n, len(res), strings.Join(failed, "; "), item)
		}
	}
}

// Replies in W3C: a reply to something the file lacks is an orphan, a bad
// resolved flag or an empty reply an error that names the place.
func TestParseW3CReplies(t *testing.T) {
	d := testDocument(t)
	d.Articles[0].URL = "https://ledger.example/tram"
	var b bytes.Buffer
	if err := WriteW3C(&b, d); err != nil {
		t.Fatal(err)
	}
	var coll map[string]any
	if err := json.Unmarshal(b.Bytes(), &coll); err != nil {
		t.Fatal(err)
	}
	page := coll["first"].(map[string]any)
	base := page["items"].([]any)
	reply := func(extra string) string {
		return `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "https://hypothes.is/a/r1", "motivation": "replying",
		  "creator": "Mo", "created": "2026-03-06T10:00:00Z", ` + extra + `}`
	}
	tests := []struct {
		name, item, err, orphan string
		parent                  string
	}{
		{"on a claim", reply(`"target": "urn:uuid:` + clJourney + `", "bodyValue": "Sure?"`), "", "", ""},
		{"on a reply", reply(`"target": {"id": "https://hypothes.is/a/r0"}, "body": {"type": "TextualBody", "value": "Yes."}`), "", "", "https://hypothes.is/a/r0"},
		{"to nothing here", reply(`"target": "urn:uuid:` + spOrtiz + `", "bodyValue": "?"`), "", "a reply in a thread whose annotation was not imported", ""},
		{"resolved a string", reply(`"target": "urn:uuid:` + clJourney + `", "bodyValue": "x", "factmark:resolved": "yes"`), "].factmark:resolved: must be true or false", "", ""},
		{"empty", reply(`"target": "urn:uuid:` + clJourney + `", "body": {"type": "TextualBody", "value": " "}`), "]: body: is empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := `{"type": "Annotation", "id": "https://hypothes.is/a/r0", "motivation": "replying", "target": "urn:uuid:` + clJourney + `", "bodyValue": "First."}`
			var items []any
			for _, s := range []string{first, tt.item} {
				var m any
				if err := json.Unmarshal([]byte(s), &m); err != nil {
					t.Fatal(err)
				}
				items = append(items, m)
			}
			data, _ := json.Marshal(append(append([]any{}, base...), items...))
			im, err := ParseW3C(data, DocumentLookup(d), d.Scale, importNow)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.orphan != "" {
				if len(im.Orphans) != 1 || !strings.Contains(im.Orphans[0], tt.orphan) {
					t.Errorf("orphans %q", im.Orphans)
				}
				return
			}
			cs := im.Doc.Articles[0].Comments
			if len(cs) != 2 || cs[1].AnnotationID != clJourney || cs[1].Author != "Mo" || cs[1].ID != iriID("https://hypothes.is/a/r1") ||
				(tt.parent == "") != (cs[1].ParentID == "") || tt.parent != "" && cs[1].ParentID != iriID(tt.parent) {
				t.Errorf("comments %+v", cs)
			}
		})
	}
}

// Hypothesis replies become comments: on the note of their thread's root,
// a reply to a reply under its parent, one whose parent is missing under
// the root; an empty one is left out, one on a page note is an orphan.
func TestParseHypothesisReplies(t *testing.T) {
	art := bridgeArticle(t, bridgeURL)
	root := `{"id": "root", "uri": "` + bridgeURL + `", "text": "Check.", "user": "acct:ab@hypothes.is", "created": "2026-03-01T10:00:00Z",
	  "target": [{"source": "` + bridgeURL + `", "selector": [{"type": "TextQuoteSelector", "exact": "30,000 vehicles a day"}]}]}`
	page := `{"id": "page", "uri": "` + bridgeURL + `", "text": "On the page.", "target": [{"source": "` + bridgeURL + `"}]}`
	reply := func(id, text string, refs ...string) string {
		r, _ := json.Marshal(refs)
		tags := `[]`
		if text != "" {
			tags = `["t"]`
		}
		return `{"id": "` + id + `", "uri": "` + bridgeURL + `", "text": "` + text + `", "tags": ` + tags + `, "user": "acct:cd@hypothes.is",
		  "user_info": {"display_name": "Cy Dee"}, "created": "2026-03-02T10:00:00Z", "updated": "2026-03-02T11:00:00Z", "references": ` + string(r) + `}`
	}
	data := "[" + strings.Join([]string{
		reply("r2", "Deeper.", "root", "r1"), // before its parent and root in the file
		root,
		reply("r1", "Agreed.", "root"),
		reply("r3", "Parent gone.", "root", "deleted"),
		reply("r4", "", "root"),
		page,
		reply("r5", "On the page note.", "page"),
	}, ",") + "]"
	im, err := ParseHypothesis(hypothesisInput([]byte(data), art))
	if err != nil {
		t.Fatal(err)
	}
	id := func(hid string) string { return iriID(hypothesisIRI + hid) }
	cs := im.Doc.Articles[0].Comments
	want := map[string]string{id("r1"): "", id("r2"): id("r1"), id("r3"): ""} // comment → parent
	if len(cs) != 3 {
		t.Fatalf("comments %+v", cs)
	}
	for _, c := range cs {
		parent, ok := want[c.ID]
		if !ok || c.ParentID != parent || c.AnnotationID != id("root") || c.Author != "Cy Dee" || !strings.HasSuffix(c.Body, "\n\nTags: t") ||
			timeString(c.Modified) != "2026-03-02T11:00:00Z" {
			t.Errorf("comment %+v", c)
		}
	}
	checkLines(t, "omitted", im.Omitted, []string{"[4] (Hypothesis r4): " + hypothesisEmptyReply, "[5] (Hypothesis page): " + hypothesisPageNote})
	checkLines(t, "orphans", im.Orphans, []string{"[6] (Hypothesis r5): a reply in a thread whose annotation was not imported"})
}

// A corrected claim's ClaimReview has a CorrectionComment for each
// correction (what, when, why), dateModified the last correction, and
// passes the schema.org check.
func TestClaimReviewCorrected(t *testing.T) {
	d := testDocumentWorkflow(t)
	d.Articles[0].URL = "https://ledger.example/tram"
	var b bytes.Buffer
	if err := WriteClaimReviewBy(&b, d, goldenOrganization); err != nil {
		t.Fatal(err)
	}
	var g struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(b.Bytes(), &g); err != nil {
		t.Fatal(err)
	}
	s := loadSchemaOrg(t)
	found := false
	for i, r := range g.Graph {
		s.check(t, "@graph["+string(rune('0'+i))+"]", r)
		if at(r, "itemReviewed.@id") != "urn:uuid:"+clJourney {
			if r["correction"] != nil {
				t.Errorf("an uncorrected claim has a correction: %v", r["correction"])
			}
			continue
		}
		found = true
		list, _ := r["correction"].([]any)
		if len(list) != 1 || r["dateModified"] != "2026-03-09T16:00:00Z" {
			t.Fatalf("correction %v, dateModified %v", r["correction"], r["dateModified"])
		}
		cc := list[0].(map[string]any)
		text, _ := cc["text"].(string)
		if cc["@type"] != "CorrectionComment" || cc["dateCreated"] != "2026-03-09T16:00:00Z" || cc["datePublished"] != "2026-03-09" ||
			!strings.Contains(text, `"True" → "Mostly true"`) || !strings.Contains(text, "21 minutes, not 19") || at(cc, "author") == nil {
			t.Errorf("correction %v", cc)
		}
	}
	if !found {
		t.Error("no review of the corrected claim")
	}
}

// Only approved claims: the claims signed off (approved, published or
// corrected, with the approvals required standing) and what hangs on them.
func TestApprovedClaims(t *testing.T) {
	d := testDocumentWorkflow(t)
	for required, want := range map[int]int{0: 1, 2: 1, 3: 0} { // two approvals stand, one is withdrawn
		out := ApprovedClaims(d, required)
		a := &out.Articles[0]
		if len(a.Claims) != want {
			t.Errorf("required %d: %d claims", required, len(a.Claims))
			continue
		}
		if want == 0 {
			if len(a.Notes)+len(a.Attributions)+len(a.Comments) != 0 || a.Notes == nil {
				t.Errorf("required 3: notes %d attributions %d comments %d (nil lists %v)", len(a.Notes), len(a.Attributions), len(a.Comments), a.Notes == nil)
			}
			continue
		}
		if a.Claims[0].ID != clJourney || len(a.Notes) != 1 || a.Notes[0].ClaimID != clJourney || len(a.Attributions) != 0 || len(a.Comments) != 3 {
			t.Errorf("required %d: claims %d notes %d attributions %d comments %d", required, len(a.Claims), len(a.Notes), len(a.Attributions), len(a.Comments))
		}
	}
	if len(d.Articles[0].Claims) != 3 {
		t.Error("ApprovedClaims changed its document")
	}
	// The approved claim that stands is approved for 1 and 2 reviewers,
	// but an approved status without approvals is not signed off.
	d.Articles[0].Claims[1].Status = annotate.StatusApproved
	if out := ApprovedClaims(d, 1); len(out.Articles[0].Claims) != 1 {
		t.Errorf("a claim marked approved without approvals passes: %d claims", len(out.Articles[0].Claims))
	}
}

// ExportFormatWith limits ClaimReview to approved claims with the
// project's ApprovalsRequired, and refuses the limit for the native
// document and brat.
func TestExportApprovedOnly(t *testing.T) {
	d := testDocumentWorkflow(t)
	d.Articles[0].URL = "https://ledger.example/tram"
	n := d.Articles[0].Notes[1] // a second review, of an unapproved claim
	n.ID, n.ClaimID, n.Verdict, n.Sources = "40000000-0000-4000-8000-000000000009", clRidership, "Unverifiable", nil
	d.Articles[0].Notes = append(d.Articles[0].Notes, n)
	ctx := context.Background()
	for required, want := range map[int]int{2: 1, 3: 0} {
		s := &fakeStore{exports: d, settings: annotate.Settings{Organization: "Desk", ApprovalsRequired: required}}
		all, err := ExportFormatWith(ctx, s.store(), FormatClaimReview, ExportOptions{})
		if err != nil || all.Count() != 2 {
			t.Fatalf("all: %v, %v", all, err)
		}
		ex, err := ExportFormatWith(ctx, s.store(), FormatClaimReview, ExportOptions{ApprovedOnly: true})
		if err != nil || ex.Count() != want {
			t.Errorf("required %d: %d reviews (%v), want %d", required, ex.Count(), err, want)
		}
	}
	s := &fakeStore{exports: d}
	for _, f := range []Format{FormatNative, FormatBrat} {
		if _, err := ExportFormatWith(ctx, s.store(), f, ExportOptions{ApprovedOnly: true}); annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("%s approved only: %v", f, err)
		}
	}
}

// The to-archive list: each URL without an archive copy once, never a
// withheld one nor one archived in another record, through ExportFormat.
func TestArchiveQueue(t *testing.T) {
	d := testDocumentWorkflow(t)
	a := &d.Articles[0]
	a.Notes[0].Sources = append(a.Notes[0].Sources,
		annotate.Evidence{URL: "https://example.org/bus/4"},                             // again, in another note
		annotate.Evidence{URL: "https://example.org/brennport/tram?route=east&lang=en"}, // archived in its other record
		annotate.Evidence{URL: withheldURL})                                             // withheld elsewhere, not here: listed
	s := &fakeStore{exports: d}
	ex, err := ExportFormat(context.Background(), s.store(), FormatArchiveQueue)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://example.org/bus/4\n" + withheldURL + "\n"
	if got := string(ex.Files[0].Data); got != want && got != withheldURL+"\nhttps://example.org/bus/4\n" {
		t.Errorf("archive queue:\n%s\nwant the two URLs once each", got)
	}
	if ex.Count() != 2 || !strings.Contains(ex.Summary("q.txt"), "2 source URLs to archive") || FormatArchiveQueue.Ext() != ".txt" {
		t.Errorf("count %d, summary %q", ex.Count(), ex.Summary("q.txt"))
	}
	var only bytes.Buffer
	if err := WriteArchiveQueue(&only, testDocumentWorkflow(t)); err != nil || only.String() != "https://example.org/bus/4\n" {
		t.Errorf("the workflow document's queue: %q, %v (the withheld memo must not be listed)", only.String(), err)
	}
}

// CSV claim rows say how many approvals stand and when the claim was last
// corrected; a CSV without those columns (the first release's) reads the
// same.
func TestCSVReviewColumns(t *testing.T) {
	d := testDocumentWorkflow(t)
	var b bytes.Buffer
	if err := WriteCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(rows[0], ","); !strings.HasSuffix(h, ",modified,approvals,corrected") {
		t.Fatalf("header %s", h)
	}
	var journey []string
	for _, r := range rows {
		if r[colID] == clJourney && r[colKind] == kindClaim {
			journey = r
		}
	}
	if journey == nil || journey[colApprovals] != "2" || journey[colCorrected] != "2026-03-09T16:00:00Z" || journey[colStatus] != "corrected" {
		t.Errorf("journey claim row: %q", journey)
	}
	lookup := DocumentLookup(d)
	im, err := ParseCSV(b.Bytes(), lookup, d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	// The old header, without the review columns, and the old status names.
	var old bytes.Buffer
	w := csv.NewWriter(&old)
	w.UseCRLF = true
	for _, r := range rows {
		if r[colStatus] == "candidate" {
			r[colStatus] = "new"
		}
		w.Write(r[:len(csvColumns)])
	}
	w.Flush()
	oldCSV := old.Bytes()
	if DetectFormat("x", oldCSV) != FormatCSV {
		t.Error("the old header is not detected as CSV")
	}
	im2, err := ParseCSV(oldCSV, lookup, d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer // speakers get new IDs each import: compare what the files say
	if err := firstError(WriteCSV(&first, im.Doc), WriteCSV(&second, im2.Doc)); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("the old CSV reads otherwise (%v):\n%s", err, firstDiff(first.Bytes(), second.Bytes()))
	}
}

// brat, W3C and CSV read both the lifecycle's status names and the first
// release's.
func TestReadersTakeBothStatusNames(t *testing.T) {
	for old, want := range map[string]annotate.Status{"in_review": annotate.StatusResearching, "checked": annotate.StatusVerdictProposed,
		"new": annotate.StatusCandidate, "not_checkable": annotate.StatusNotCheckable, " published ": annotate.StatusPublished} {
		if got := readStatus(old); got != want {
			t.Errorf("readStatus(%q) = %q, want %q", old, got, want)
		}
	}
	text := "Tax is up 5% this year, said the minister.\n"
	for _, name := range []string{"checked", "verdict_proposed"} {
		_, b, err := ParseBratText([]byte(text), docArticleID, []byte("T1\tClaim 0 12\tTax is up 5%\n#1\tAnnotatorNotes T1\tstatus="+name+"\n"), testNow)
		if err != nil || len(b.Claims) != 1 || b.Claims[0].Status != annotate.StatusVerdictProposed {
			t.Errorf("brat status=%s: %v %+v", name, err, b)
		}
	}
}

// The native writer still streams a document with comments and an audit
// log (see streamable): a field added to Document or ArticleDoc without
// teaching writeStreamed would make every export take the slow path.
func TestNativeWriterStreams(t *testing.T) {
	if !streamable {
		t.Error("Document or ArticleDoc has a field writeStreamed does not write")
	}
}

// Annotations imported onto a transcript whose turns are matched to the
// project's speakers make a valid document: it names only the file's
// speakers (the bug this guards against refused every W3C, CSV,
// ClaimReview and Hypothesis import onto such an article).
func TestImportOntoMatchedTranscript(t *testing.T) {
	d := testDocumentV2(t) // its first turn is Ingrid Halvorsen's
	var b bytes.Buffer
	if err := WriteW3C(&b, testDocument(t)); err != nil {
		t.Fatal(err)
	}
	im, err := ParseW3C(b.Bytes(), DocumentLookup(d), d.Scale, importNow)
	if err != nil {
		t.Fatal(err)
	}
	if im.Count() != testDocument(t).Count() || d.Articles[0].Turns[0].SpeakerID != spHalvorsen {
		t.Errorf("%d annotations; the lookup's article changed: %+v", im.Count(), d.Articles[0].Turns[0])
	}
}
