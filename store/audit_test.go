package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// contentJSON is the project's native export without its change log: what
// a round trip must keep byte for byte (the target's log also has the
// import's own entries).
func contentJSON(t testing.TB, db *DB, ids ...string) []byte {
	t.Helper()
	doc, err := db.Export(context.Background(), ids...)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	doc.Audit = nil
	var buf bytes.Buffer
	if err := interchange.WriteDocument(&buf, doc); err != nil {
		t.Fatalf("WriteDocument: %v", err)
	}
	return buf.Bytes()
}

// auditFixture is a project with one of each record the methods change: a
// speaker, an attribution of the speaker, a claim from it, a note on the
// claim and a rejected suggestion, made by "Settings Person" (the settings'
// annotator).
type auditFixture struct {
	*fixture
	speaker *annotate.Speaker
	attr    *annotate.Attribution
	claim   *annotate.Claim
	note    *annotate.Note
	seq     int64 // the last entry's seq once set up
}

const settingsPerson = "Settings Person"

func newAuditFixture(t *testing.T) *auditFixture {
	t.Helper()
	f := &auditFixture{fixture: newFixture(t)}
	ctx := context.Background()
	if err := f.db.UpdateSettings(ctx, annotate.Settings{Annotator: settingsPerson, Scale: annotate.DefaultScale()}); err != nil {
		t.Fatal(err)
	}
	f.speaker = f.fixture.speaker(t, "Zoë Ibáñez")
	f.attr = f.attribution(t)
	f.attr.SpeakerID = f.speaker.ID
	f.mustCreate(t, f.attr)
	f.claim = f.fixture.claim(t)
	f.claim.AttributionID, f.claim.SpeakerID = f.attr.ID, f.speaker.ID
	f.mustCreate(t, f.claim)
	f.note = f.fixture.note(t)
	f.note.Target, f.note.ClaimID = nil, f.claim.ID
	f.mustCreate(t, f.note)
	if err := f.db.Reject(ctx, f.art.ID, "suggestion-1"); err != nil {
		t.Fatal(err)
	}
	f.seq = lastSeq(t, f.db)
	return f
}

// approved moves f.claim to verdict proposed and has the reviewers approve
// it (as the settings' annotator), then sets f.seq: the row's entries are
// the ones after. It returns the claim as stored.
func (f *auditFixture) approved(t *testing.T, reviewers ...string) *annotate.Claim {
	t.Helper()
	ctx := context.Background()
	c := storedClaim(t, f.fixture, f.claim.ID)
	c.Status = annotate.StatusVerdictProposed
	must(t, f.db.UpdateClaim(ctx, c))
	for _, r := range reviewers {
		approve(t, f.fixture, c.ID, r)
	}
	f.seq = lastSeq(t, f.db)
	return storedClaim(t, f.fixture, c.ID)
}

// comment adds a comment (a reply to parent, if given) on f.claim, then
// sets f.seq, and returns it as stored.
func (f *auditFixture) comment(t *testing.T, body, parent string) *annotate.Comment {
	t.Helper()
	c := &annotate.Comment{AnnotationID: f.claim.ID, ParentID: parent, Author: "Ana", Body: body}
	must(t, f.db.CreateComment(context.Background(), c))
	f.seq = lastSeq(t, f.db)
	return c
}

// actorOf is who the log names for changes made with ctx in an
// auditFixture.
func actorOf(ctx context.Context) string {
	if name := annotate.Actor(ctx); name != "" {
		return name
	}
	return settingsPerson
}

// jsonOf is v as JSON, as the log records values.
func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func lastSeq(t testing.TB, db *DB) int64 {
	t.Helper()
	var seq int64
	if err := db.db.QueryRow("SELECT coalesce(max(seq), 0) FROM audit").Scan(&seq); err != nil {
		t.Fatal(err)
	}
	return seq
}

// entriesSince reads the entries appended after seq, oldest first.
func entriesSince(t testing.TB, db *DB, seq int64) []annotate.AuditEntry {
	t.Helper()
	list, err := queryAudit(context.Background(), db.db, "WHERE seq > ?", seq)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// want is an entry a method must add. old and new are the field's values as
// JSON, exactly; "~x" means containing x, "*" anything but empty. who ""
// means the name the row runs as.
type want struct {
	action, kind, entity, field, old, new, who string
}

func (w want) matches(e annotate.AuditEntry, who string) bool {
	if w.who != "" {
		who = w.who
	}
	return e.Action == w.action && e.Kind == w.kind && e.EntityID == w.entity && e.Field == w.field &&
		matchValue(w.old, e.Old) && matchValue(w.new, e.New) && e.Who == who
}

func matchValue(pattern, v string) bool {
	switch {
	case pattern == "*":
		return v != ""
	case strings.HasPrefix(pattern, "~"):
		return strings.Contains(v, pattern[1:])
	}
	return pattern == v
}

func q(s string) string { b, _ := json.Marshal(s); return string(b) }

// auditRow is one way of calling a method that changes the project: run
// calls it on a fresh auditFixture with ctx and returns the entries it must
// add, no more and no fewer (none for a change the log leaves out).
type auditRow struct {
	method string // the *DB method; a method may have several rows ("DeleteAnnotation/attribution")
	run    func(t *testing.T, ctx context.Context, f *auditFixture) []want
}

// auditRows has a row for every method of *DB that changes the project.
// To add the rows of a new interface (EvidenceService, ReviewService,
// CommentService), give each of its mutating methods a row here that sets
// up what it needs on f (f.claim, f.note, … or records made in run) and
// lists the entries it must append, and add its read-only methods to
// readOnlyMethods; TestEveryChangeIsAudited fails until every method is in
// one of the two.
var auditRows = []auditRow{
	{"CreateArticle", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		a, err := annotate.NewArticle([]byte("Another text.\n"), annotate.ArticleMeta{Title: "Row article"}, f.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		must(t, ignoreBool(f.db.CreateArticle(ctx, a)))
		return []want{{"create", "article", a.ID, "", "", `~"title":"Row article"`, ""}}
	}},
	{"UpdateArticleMeta", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.UpdateArticleMeta(ctx, f.art.ID, annotate.ArticleMeta{Title: " New title ", Outlet: "The Ledger",
			Authors: []string{"Ana Núñez"}, Published: "2026-03-01", URL: "https://example.org/a", Language: "en"}))
		return []want{{"update", "article", f.art.ID, "title", q("Budget row"), q("New title"), ""}}
	}},
	{"UpdateArticleTurns", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.UpdateArticleTurns(ctx, f.art.ID, []annotate.Turn{{Speaker: "Zoë", SpeakerID: f.speaker.ID, Start: 0, End: 10}}))
		return []want{{"update", "article", f.art.ID, "turns", "[]", `~"speaker":"Zoë"`, ""}}
	}},
	{"ReviseArticle", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		text := reviseText(f.fixture)
		must(t, f.db.ReviseArticle(ctx, f.art.ID, newRevision(f.fixture, 2, text), revised(t, f.fixture, annotate.NewText(text), 2)))
		return []want{
			{"create", "revision", f.art.ID, "", "", `~"number":2`, ""},
			{"revise", "attribution", f.attr.ID, "content", "*", "*", ""},
			{"revise", "attribution", f.attr.ID, "cue", "*", "", ""},
			{"revise", "attribution", f.attr.ID, "placement", "", `~"method":"exact"`, ""},
			{"revise", "attribution", f.attr.ID, "source", "*", "*", ""},
			{"revise", "claim", f.claim.ID, "anchors", "*", "*", ""},
			{"revise", "claim", f.claim.ID, "placement", "", `~"method":"fuzzy"`, ""},
			{"revise", "note", f.note.ID, "orphan", "", "true", ""},
			{"revise", "note", f.note.ID, "placement", "", `~"method":"orphan"`, ""},
		}
	}},
	{"MarkOpened", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.MarkOpened(ctx, f.art.ID))
		return nil // opening changes no content: not logged
	}},
	{"CreateAttribution", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		a := f.attribution(t)
		must(t, f.db.CreateAttribution(ctx, a))
		return []want{{"create", "attribution", a.ID, "", "", `~"kind":"direct"`, ""}}
	}},
	{"UpdateAttribution", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		a := *f.attr
		a.Kind = annotate.Indirect
		must(t, f.db.UpdateAttribution(ctx, &a))
		return []want{{"update", "attribution", a.ID, "kind", q("direct"), q("indirect"), ""}}
	}},
	{"CreateClaim", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		c := f.fixture.claim(t)
		must(t, f.db.CreateClaim(ctx, c))
		return []want{{"create", "claim", c.ID, "", "", `~"status":"researching"`, ""}}
	}},
	{"UpdateClaim", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		c := *f.claim
		c.Status, c.Tags, c.AttributionID = annotate.StatusSelected, []string{"économie"}, ""
		must(t, f.db.UpdateClaim(ctx, &c))
		return []want{
			{"update", "claim", c.ID, "attribution", q(f.attr.ID), "", ""},
			{"update", "claim", c.ID, "status", q("researching"), q("selected"), ""},
			{"update", "claim", c.ID, "tags", `["économie","🧾"]`, `["économie"]`, ""},
		}
	}},
	{"CreateNote", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		n := f.fixture.note(t)
		must(t, f.db.CreateNote(ctx, n))
		return []want{
			{"create", "note", n.ID, "", "", `~"verdict":"Mostly false"`, ""},
			// its sources, as records
			{"create", "evidence", n.Sources[0].ID, "", "", `~"title":"Déficit 2025","publisher":"INSEE"`, ""},
			{"create", "evidence", n.Sources[1].ID, "", "", `~"title":"Phone call with the ministry 📞"`, ""},
		}
	}},
	{"UpdateNote", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		n := *f.note
		old := n.Rationale
		n.Rationale = "Plus précis — « 2024 »."
		n.Sources = slices.Clone(n.Sources)
		n.Sources[0].Excerpt = "« 9 % »"
		must(t, f.db.UpdateNote(ctx, &n))
		return []want{
			{"update", "note", n.ID, "rationale", q(old), q(n.Rationale), ""},
			{"update", "evidence", n.Sources[0].ID, "excerpt", q("« 12 % »"), q("« 9 % »"), ""},
		}
	}},
	{"DeleteAnnotation/claim", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.DeleteAnnotation(ctx, f.claim.ID))
		return []want{
			{"delete", "claim", f.claim.ID, "", `~"status":"researching"`, "", ""},
			{"delete", "note", f.note.ID, "", `~"claim":"` + f.claim.ID + `"`, "", ""}, // went with its claim
		}
	}},
	{"DeleteAnnotation/attribution", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.DeleteAnnotation(ctx, f.attr.ID))
		return []want{
			{"delete", "attribution", f.attr.ID, "", `~"speaker":"` + f.speaker.ID + `"`, "", ""},
			{"update", "claim", f.claim.ID, "attribution", q(f.attr.ID), "", ""}, // lost its link
		}
	}},
	{"DeleteAnnotation/note", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.DeleteAnnotation(ctx, f.note.ID))
		return []want{{"delete", "note", f.note.ID, "", "~" + f.note.Rationale, "", ""}}
	}},
	{"CreateSpeaker", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		s := &annotate.Speaker{Name: "Léa Dubois", Role: "economist"}
		must(t, f.db.CreateSpeaker(ctx, s))
		return []want{{"create", "speaker", s.ID, "", "", `~"role":"economist"`, ""}}
	}},
	{"UpdateSpeaker", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		s := *f.speaker
		s.Role, s.Aliases = "Finance minister", []string{"Zoë"}
		must(t, f.db.UpdateSpeaker(ctx, &s))
		return []want{
			{"update", "speaker", s.ID, "aliases", "", `["Zoë"]`, ""},
			{"update", "speaker", s.ID, "role", "", q("Finance minister"), ""},
		}
	}},
	{"UpdateSettings", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.UpdateSettings(ctx, annotate.Settings{Annotator: settingsPerson, Organization: "Le Desk",
			Scale: annotate.DefaultScale()}))
		return []want{{"update", "settings", "", "organization", q(""), q("Le Desk"), ""}}
	}},
	{"ChangeScale", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		politifact, _ := annotate.FindScalePreset("politifact")
		_, err := f.db.ChangeScale(ctx, politifact, map[string]string{"Mostly false": "Pants on Fire"})
		must(t, err)
		return []want{
			{"update", "settings", "", "scale", "*", `~"Pants on Fire"`, ""},
			{"update", "note", f.note.ID, "verdict", q("Mostly false"), q("Pants on Fire"), ""},
		}
	}},
	{"Reject", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.Reject(ctx, f.art.ID, "suggestion-2"))
		must(t, f.db.Reject(ctx, f.art.ID, "suggestion-1")) // rejected already: no change
		return []want{{"create", "rejection", "suggestion-2", "", "", `{"key":"suggestion-2"}`, ""}}
	}},
	{"Unreject", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		must(t, f.db.Unreject(ctx, f.art.ID, "suggestion-1"))
		must(t, f.db.Unreject(ctx, f.art.ID, "suggestion-9")) // never rejected: no change
		return []want{{"delete", "rejection", "suggestion-1", "", `{"key":"suggestion-1"}`, "", ""}}
	}},
	{"Import", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		return importRow(t, ctx, f, f.db.Import)
	}},
	{"ImportStream", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		return importRow(t, ctx, f, func(ctx context.Context, doc *annotate.Document) (annotate.ImportResult, error) {
			return streamImport(t, ctx, f.db, doc)
		})
	}},
	{"UpdateEvidence", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		old := f.approved(t, "Ana") // the record supports the approved claim's note
		e := f.note.Sources[0]
		e.Title, e.Type, e.Withheld = "Déficit 2025 — révisé", annotate.SourceOfficialData, true
		must(t, f.db.UpdateEvidence(ctx, &e))
		must(t, f.db.UpdateEvidence(ctx, &e)) // as stored: no change
		now := storedClaim(t, f.fixture, f.claim.ID)
		return []want{
			{"update", "evidence", e.ID, "title", q("Déficit 2025"), q(e.Title), ""},
			{"update", "evidence", e.ID, "type", "", q("official_data"), ""},
			{"update", "evidence", e.ID, "withheld", "", "true", ""},
			// and the approval of what it supported is withdrawn, saying why
			{"withdraw", "claim", f.claim.ID, "approvals", jsonOf(t, old.Approvals), jsonOf(t, now.Approvals), ""},
			{"withdraw", "claim", f.claim.ID, "status", q("approved"), q("verdict_proposed"), ""},
		}
	}},
	{"AttachSnapshot", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		id := f.note.Sources[1].ID
		snap, err := f.db.AttachSnapshot(ctx, id, "call-notes.pdf", pdfBytes)
		must(t, err)
		_, err = f.db.AttachSnapshot(ctx, id, "call-notes.pdf", pdfBytes) // the same file: no change
		must(t, err)
		if snap.SHA256 == "" || snap.Size != int64(len(pdfBytes)) {
			t.Errorf("snapshot = %+v", snap)
		}
		return []want{{"update", "evidence", id, "snapshot", "", jsonOf(t, snap), ""}}
	}},
	{"AttachArchiveURL", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		archive := "https://web.archive.org/web/2026/https://example.org/stats?q=déficit"
		e, err := f.db.AttachArchiveURL(ctx, "", archive) // found by the URL it archives
		must(t, err)
		_, err = f.db.AttachArchiveURL(ctx, e.ID, archive) // attached already: no change
		must(t, err)
		return []want{{"update", "evidence", f.note.Sources[0].ID, "archives", "", jsonOf(t, []string{archive}), ""}}
	}},
	{"Approve", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		f.approved(t) // proposed, no approval yet
		c, err := f.db.Approve(ctx, f.claim.ID, "Ana")
		must(t, err)
		n := findNoteIn(t, f.fixture, f.note.ID)
		if a := c.Approvals[0]; a.Reviewer != "Ana" || a.Hash != annotate.ApprovalHash([]annotate.Note{*n}) {
			t.Errorf("approval = %+v, want Ana's of the note's hash", a)
		}
		// who approved, when, and the hash of what, as the claim keeps it
		return []want{
			{"approve", "claim", c.ID, "approvals", "", jsonOf(t, c.Approvals), ""},
			{"approve", "claim", c.ID, "status", q("verdict_proposed"), q("approved"), ""},
		}
	}},
	{"WithdrawApproval", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		old := f.approved(t, "Ana")
		why := "Le chiffre est de 2024 — « pas 2025 »."
		must(t, f.db.WithdrawApproval(ctx, f.claim.ID, "Ana", why))
		now := storedClaim(t, f.fixture, f.claim.ID)
		if a := now.Approvals[0]; a.Withdrawn == nil || a.WithdrawnWhy != why {
			t.Errorf("withdrawn approval = %+v", a)
		}
		return []want{
			{"withdraw", "claim", f.claim.ID, "approvals", jsonOf(t, old.Approvals), jsonOf(t, now.Approvals), ""},
			{"withdraw", "claim", f.claim.ID, "status", q("approved"), q("verdict_proposed"), ""},
		}
	}},
	{"CorrectNote", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		old := f.approved(t, "Ana")
		old.Status = annotate.StatusPublished
		must(t, f.db.UpdateClaim(context.Background(), old))
		f.seq = lastSeq(t, f.db)
		n := findNoteIn(t, f.fixture, f.note.ID)
		n.Verdict = "False"
		must(t, f.db.CorrectNote(ctx, n, "Les chiffres définitifs."))
		now := storedClaim(t, f.fixture, f.claim.ID)
		// what changed, when, by whom and why
		correction := []annotate.Correction{{At: now.Corrections[0].At, Author: actorOf(ctx),
			What: `verdict: "Mostly false" → "False"`, Why: "Les chiffres définitifs."}}
		return []want{
			{"update", "note", n.ID, "verdict", q("Mostly false"), q("False"), ""},
			{"correct", "claim", f.claim.ID, "corrections", "", jsonOf(t, correction), ""},
			{"correct", "claim", f.claim.ID, "status", q("published"), q("corrected"), ""},
			{"withdraw", "claim", f.claim.ID, "approvals", jsonOf(t, old.Approvals), jsonOf(t, now.Approvals), ""},
		}
	}},
	{"CreateComment", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		c := &annotate.Comment{AnnotationID: f.claim.ID, Body: "Quelle année ? 🤔"}
		must(t, f.db.CreateComment(ctx, c))
		reply := &annotate.Comment{AnnotationID: f.claim.ID, ParentID: c.ID, Author: "Ben", Body: "2025."}
		must(t, f.db.CreateComment(ctx, reply))
		if c.Author != actorOf(ctx) {
			t.Errorf("comment author = %q, want %q", c.Author, actorOf(ctx))
		}
		return []want{
			{"create", "comment", c.ID, "", "", jsonOf(t, c), ""},
			{"create", "comment", reply.ID, "", "", jsonOf(t, reply), ""},
		}
	}},
	{"UpdateComment", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		c := f.comment(t, "Quelle année ?", "")
		c.Body, c.Resolved = "Quelle année ? (résolu)", true
		must(t, f.db.UpdateComment(ctx, c))
		must(t, f.db.UpdateComment(ctx, c)) // as stored: no change
		return []want{
			{"update", "comment", c.ID, "body", q("Quelle année ?"), q(c.Body), ""},
			{"update", "comment", c.ID, "resolved", "", "true", ""},
		}
	}},
	{"DeleteComment", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		c := f.comment(t, "Quelle année ?", "")
		reply := f.comment(t, "2025.", c.ID)
		must(t, f.db.DeleteComment(ctx, c.ID))
		return []want{
			{"delete", "comment", c.ID, "", jsonOf(t, c), "", ""},
			{"delete", "comment", reply.ID, "", jsonOf(t, reply), "", ""}, // went with its thread
		}
	}},
	{"ImportKnownChecks", func(t *testing.T, ctx context.Context, f *auditFixture) []want {
		k := annotate.KnownCheck{Claim: "The river rose 3 m.", Verdict: "False", Feed: "f.json"}
		k.ID = annotate.CheckID(k.URL, k.Claim)
		_, err := f.db.ImportKnownChecks(ctx, []annotate.KnownCheck{k})
		must(t, err)
		k.Verdict = "True"
		_, err = f.db.ImportKnownChecks(ctx, []annotate.KnownCheck{k})
		must(t, err)
		return []want{
			{"import", "known_check", k.ID, "", "", `~"verdict":"False"`, ""},
			{"import", "known_check", k.ID, "", `{"verdict":"False"}`, `{"verdict":"True"}`, ""},
		}
	}},
}

// readOnlyMethods are the exported methods of *DB that change nothing in
// the project. The evidence, review and comment services' readers are
// listed ahead of their merge.
var readOnlyMethods = []string{
	"Close", "Path", "ReadOnly", "Dump", "IntegrityCheck", "Check", "Checked", "ReleaseMemory",
	"FindArticleByID", "FindArticles", "FindArticlesPage", "FindArticleCandidates", "FindArticleBySource", "FindRevisions", "SourceFileData",
	"FindAnnotations", "FindSpeakers", "Settings", "VerdictsInUse", "FindRejections", "Export", "ExportStream", "ExportPasses",
	"FindHistory", "FindAudit",
	"FindEvidence", "SnapshotData", "FindComments", "FindKnownChecks",
}

// serviceInterfaces are the annotate services; the test covers those *DB
// implements (the others are skipped until the store implements them).
var serviceInterfaces = []reflect.Type{
	reflect.TypeFor[annotate.ArticleService](),
	reflect.TypeFor[annotate.AnnotationService](),
	reflect.TypeFor[annotate.SpeakerService](),
	reflect.TypeFor[annotate.SettingsService](),
	reflect.TypeFor[annotate.DocumentService](),
	reflect.TypeFor[annotate.RejectionService](),
	reflect.TypeFor[annotate.AuditService](),
	reflect.TypeFor[annotate.KnownCheckService](),
	reflect.TypeFor[annotate.EvidenceService](),
	reflect.TypeFor[annotate.ReviewService](),
	reflect.TypeFor[annotate.CommentService](),
}

// TestEveryMethodIsClassified fails when a method of a service *DB
// implements, or any other exported method of *DB, is neither read-only
// nor has a row in auditRows: a new method that changes the project must
// come with the proof that it is audited.
func TestEveryMethodIsClassified(t *testing.T) {
	rows := map[string]bool{}
	for _, r := range auditRows {
		rows[strings.Split(r.method, "/")[0]] = true
	}
	check := func(name, where string) {
		if rows[name] == slices.Contains(readOnlyMethods, name) {
			t.Errorf("%s (%s): give it a row in auditRows if it changes the project, else list it in readOnlyMethods", name, where)
		}
	}
	db := reflect.TypeFor[*DB]()
	for _, iface := range serviceInterfaces {
		if !db.Implements(iface) {
			t.Logf("skipping %s: *DB does not implement it yet", iface.Name())
			continue
		}
		for i := range iface.NumMethod() {
			check(iface.Method(i).Name, "annotate."+iface.Name())
		}
	}
	for i := range db.NumMethod() {
		check(db.Method(i).Name, "*DB")
	}
	for name := range rows {
		if _, ok := db.MethodByName(name); !ok {
			t.Errorf("auditRows has a row for %s, which *DB does not have", name)
		}
	}
}

// TestEveryChangeIsAudited runs every row of auditRows twice, as a named
// actor (annotate.WithActor) and as the settings' annotator, and checks
// that the method appended exactly the entries the row lists, named after
// who made the change. (That they land in the change's transaction is
// TestAuditCrashLeavesNoChangeWithoutEntry's.)
func TestEveryChangeIsAudited(t *testing.T) {
	for _, row := range auditRows {
		for _, actor := range []string{"Row Actor", ""} {
			t.Run(row.method+"/"+map[bool]string{true: "actor", false: "annotator"}[actor != ""], func(t *testing.T) {
				f := newAuditFixture(t)
				ctx, who := context.Background(), settingsPerson
				if actor != "" {
					ctx, who = annotate.WithActor(ctx, actor), actor
				}
				wants := row.run(t, ctx, f)
				got := entriesSince(t, f.db, f.seq)
				used := make([]bool, len(got))
				for _, w := range wants {
					i := 0
					for i < len(got) && (used[i] || !w.matches(got[i], who)) {
						i++
					}
					if i == len(got) {
						t.Errorf("no entry %+v (who %s)", w, who)
						continue
					}
					used[i] = true
				}
				for i, e := range got {
					if !used[i] {
						t.Errorf("unexpected entry %s %s %s field %q: %q → %q by %s", e.Action, e.Kind, e.EntityID, e.Field, e.Old, e.New, e.Who)
					}
					if e.At.IsZero() || e.ID == "" {
						t.Errorf("entry without time or ID: %+v", e)
					}
				}
			})
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ignoreBool(_ bool, err error) error { return err }

// TestAuditIsAppendOnly: not even raw SQL, on the project's connection or
// another, can change or delete an entry, or replace one by inserting its
// ID or seq again.
func TestAuditIsAppendOnly(t *testing.T) {
	f := newAuditFixture(t)
	before := entriesSince(t, f.db, 0)
	if len(before) == 0 {
		t.Fatal("no entries to protect")
	}
	raw := rawDB(t, dsn(f.db.Path()))
	defer raw.Close()
	first := before[0]
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{"UPDATE audit SET who = 'someone else'", nil},
		{"UPDATE audit SET new = '' WHERE id = ?", []any{first.ID}},
		{"DELETE FROM audit", nil},
		{"DELETE FROM audit WHERE id = ?", []any{first.ID}},
		{`INSERT OR REPLACE INTO audit (id, at, who, action, kind, entity, article, field, old, new)
			VALUES (?, '2020-01-01T00:00:00.000000000Z', 'x', 'x', 'x', 'x', '', '', '', '')`, []any{first.ID}},
		{`REPLACE INTO audit (seq, id, at, who, action, kind, entity, article, field, old, new)
			VALUES (1, 'fresh-id', '2020-01-01T00:00:00.000000000Z', 'x', 'x', 'x', 'x', '', '', '', '')`, nil},
	} {
		for name, db := range map[string]*sql.DB{"the project's connection": f.db.db, "another connection": raw} {
			if _, err := db.Exec(stmt.sql, stmt.args...); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s on %s: %v, want the append-only refusal", strings.Fields(stmt.sql)[0], name, err)
			}
		}
	}
	if after := entriesSince(t, f.db, 0); !reflect.DeepEqual(after, before) {
		t.Errorf("the log changed:\n%+v\nwant\n%+v", after, before)
	}
}

// TestAuditHistoryOfAClaim: a claim's history after its creation, two edits
// and its deletion reads back in that order, each entry with its author.
func TestAuditHistoryOfAClaim(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.claim(t)
	must(t, f.db.CreateClaim(annotate.WithActor(ctx, "Ana"), c))
	c.Status = annotate.StatusVerdictProposed
	must(t, f.db.UpdateClaim(annotate.WithActor(ctx, "Bo"), c))
	c.Tags = nil
	c.ReviewURL = "https://example.org/fact-check/deficit"
	must(t, f.db.UpdateClaim(annotate.WithActor(ctx, "Cy"), c))
	must(t, f.db.DeleteAnnotation(annotate.WithActor(ctx, "Di"), c.ID))
	f.mustCreate(t, f.claim(t)) // another claim's entries are not this one's

	got, err := f.db.FindHistory(ctx, c.ID)
	must(t, err)
	var lines []string
	for _, e := range got {
		lines = append(lines, fmt.Sprintf("%s %s %s %s: %s → %s", e.Who, e.Action, e.Kind, e.Field, short(e.Old), short(e.New)))
		if e.EntityID != c.ID || e.ArticleID != f.art.ID {
			t.Errorf("entry of %s on %s", e.EntityID, e.ArticleID)
		}
	}
	wantLines := []string{
		`Ana create claim : ∅ → {"author":"","origin…`,
		`Bo update claim status: "researching" → "verdict_proposed"`,
		`Cy update claim review_url: ∅ → "https://example.org/fact-check/deficit"`,
		`Cy update claim tags: ["économie","🧾"] → ∅`,
		`Di delete claim : {"author":"","origin… → ∅`,
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("history:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	for i := 1; i < len(got); i++ {
		if got[i].At.Before(got[i-1].At) {
			t.Errorf("entry %d is older than the one before it", i)
		}
	}
	all, err := f.db.FindAudit(ctx, f.art.ID)
	must(t, err)
	if n := len(all); n != len(got)+2 { // and the article's creation, and the other claim's
		t.Errorf("FindAudit has %d entries, want %d", n, len(got)+2)
	}
	if none, err := f.db.FindAudit(ctx, "no-such-article"); err != nil || len(none) != 0 {
		t.Errorf("FindAudit of another article = %d entries, %v", len(none), err)
	}
}

func short(s string) string {
	switch {
	case s == "":
		return "∅"
	case len(s) > 60:
		return s[:20] + "…"
	}
	return s
}

// TestImportAuditOnce: a document carrying its log, imported twice, adds its
// entries once (by ID), keeping their time and author, and then the
// import's own entries; the second import changes nothing and adds nothing.
// An export of the imported article carries them.
func TestImportAuditOnce(t *testing.T) {
	src := newFixture(t)
	ctx := annotate.WithActor(context.Background(), "Source Desk")
	c := src.claim(t)
	must(t, src.db.CreateClaim(ctx, c))
	c.Status = annotate.StatusSelected
	must(t, src.db.UpdateClaim(ctx, c))
	data := exportJSON(t, src.db)
	doc, err := interchange.ParseDocument(data)
	must(t, err)
	if len(doc.Audit) == 0 {
		t.Fatalf("the export carries no log:\n%s", data)
	}
	srcLog := doc.Audit

	// The target has the same text already: the document's entries about
	// the article name the target's ID for it.
	dst := newFixture(t)
	dctx := annotate.WithActor(context.Background(), "Target Desk")
	before := lastSeq(t, dst.db)
	for round := range 2 {
		doc, _ := interchange.ParseDocument(data)
		if _, err := dst.db.Import(dctx, doc); err != nil {
			t.Fatalf("import %d: %v", round+1, err)
		}
	}
	got := entriesSince(t, dst.db, before)
	var own int
	for i, e := range got {
		switch {
		case i < len(srcLog):
			w := srcLog[i]
			if e.ID != w.ID || !e.At.Equal(w.At) || e.Who != w.Who || e.Field != w.Field || e.New != w.New {
				t.Errorf("entry %d = %+v, want the document's %+v", i, e, w)
			}
			if e.ArticleID != dst.art.ID || w.Kind == "article" && e.EntityID != dst.art.ID {
				t.Errorf("entry %d is about article %s (entity %s), want the target's %s", i, e.ArticleID, e.EntityID, dst.art.ID)
			}
		case e.Action == "import" && e.Who == "Target Desk" && e.Kind == "article" && e.EntityID == dst.art.ID &&
			e.New == `{"format":"factmark/2","claims":[`+q(c.ID)+`]}`:
			own++
		default:
			t.Errorf("unexpected entry %+v", e)
		}
	}
	if len(got) < len(srcLog) || own != 1 {
		t.Errorf("%d entries (the document has %d), %d import entries; want 1, for the article, naming the claim (the article was found)", len(got), len(srcLog), own)
	}
	out, err := dst.db.Export(context.Background(), dst.art.ID)
	must(t, err)
	for _, w := range srcLog {
		if !slices.ContainsFunc(out.Audit, func(e annotate.AuditEntry) bool { return e.ID == w.ID }) {
			t.Errorf("the export lacks the imported entry %s %s", w.Action, w.Kind)
		}
	}
}

// TestImportRefusesABadLog: an entry without an ID (or time, action, kind)
// is refused with its place, and nothing is imported.
func TestImportRefusesABadLog(t *testing.T) {
	src := newFixture(t)
	doc, err := src.db.Export(context.Background())
	must(t, err)
	doc.Audit[0].ID = ""
	dst := openTestDB(t)
	var before bytes.Buffer
	must(t, dst.Dump(context.Background(), &before))
	_, err = dst.Import(context.Background(), doc)
	wantError(t, err, annotate.EINVALID, "audit[0].id")
	var after bytes.Buffer
	must(t, dst.Dump(context.Background(), &after))
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Error("a refused import changed the project")
	}
}

// TestRefusedChangeAddsNoEntry: a change the store refuses, or that finds
// nothing to change, or a save of what is stored, leaves the log as it was.
func TestRefusedChangeAddsNoEntry(t *testing.T) {
	f := newAuditFixture(t)
	ctx := context.Background()
	bad := *f.claim
	bad.AttributionID = annotate.NewID()
	gone := *f.note
	gone.ID = annotate.NewID()
	for name, err := range map[string]error{
		"UpdateClaim with no such attribution": f.db.UpdateClaim(ctx, &bad),
		"UpdateNote of no such note":           f.db.UpdateNote(ctx, &gone),
		"DeleteAnnotation of no such ID":       f.db.DeleteAnnotation(ctx, annotate.NewID()),
		"UpdateArticleMeta of no such article": f.db.UpdateArticleMeta(ctx, annotate.NewID(), annotate.ArticleMeta{Title: "x"}),
		"UpdateSpeaker of no such speaker":     f.db.UpdateSpeaker(ctx, &annotate.Speaker{ID: annotate.NewID(), Name: "x"}),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	same := *f.claim // saved again as it is: only its modified time moves
	must(t, f.db.UpdateClaim(ctx, &same))
	must(t, f.db.UpdateSettings(ctx, annotate.Settings{Annotator: settingsPerson, Scale: annotate.DefaultScale()}))
	if got := entriesSince(t, f.db, f.seq); len(got) != 0 {
		t.Errorf("refused changes added %d entries: %+v", len(got), got)
	}
}

// importRow is the audit row of Import and ImportStream (importDoc): a
// document from another project imported twice, the second time adding
// nothing.
func importRow(t *testing.T, ctx context.Context, f *auditFixture, importDoc func(context.Context, *annotate.Document) (annotate.ImportResult, error)) []want {
	// Another project's article with a claim, made by "Elsewhere".
	other := newFixture(t)
	a := other.addArticle(t, "Elsewhere\nThe river rose 3 m.\n", "Elsewhere")
	c := &annotate.Claim{Meta: annotate.Meta{ArticleID: a.ID},
		Anchors: []annotate.Anchor{span(t, annotate.NewText(a.Text), "The river rose 3 m.")}}
	elsewhere := annotate.WithActor(ctx, "Elsewhere")
	must(t, other.db.CreateClaim(elsewhere, c))
	n := &annotate.Note{Meta: annotate.Meta{ArticleID: a.ID}, ClaimID: c.ID, Verdict: "False",
		Sources: []annotate.Evidence{{URL: "https://example.org/river", Title: "Gauge 7"}}}
	must(t, other.db.CreateNote(elsewhere, n))
	cm := &annotate.Comment{AnnotationID: c.ID, Body: "Which gauge?"}
	must(t, other.db.CreateComment(elsewhere, cm))
	doc, err := other.db.Export(ctx, a.ID)
	must(t, err)
	start := lastSeq(t, f.db)
	_, err = importDoc(ctx, doc)
	must(t, err)
	for _, e := range entriesSince(t, f.db, start) {
		if e.Action == "import" && e.Kind == "article" && !strings.Contains(e.New, `"article":{"title":"Elsewhere"`) {
			t.Errorf("the import's entry of the article lacks its details: %s", e.New)
		}
	}
	before := lastSeq(t, f.db)
	_, err = importDoc(ctx, doc)
	must(t, err)
	if again := entriesSince(t, f.db, before); len(again) != 0 {
		t.Errorf("importing the document again logged %+v", again)
	}
	e := n.Sources[0].ID
	return []want{
		// the document's history, as it was
		{"create", "article", a.ID, "", "", `~"title":"Elsewhere"`, "unknown"},
		{"create", "claim", c.ID, "", "", `~"status":"candidate"`, "Elsewhere"},
		{"create", "note", n.ID, "", "", `~"verdict":"False"`, "Elsewhere"},
		{"create", "evidence", e, "", "", `~"title":"Gauge 7"`, "Elsewhere"},
		{"create", "comment", cm.ID, "", "", `~"body":"Which gauge?"`, "Elsewhere"},
		// and the import's one entry for the article, naming every
		// annotation and comment it added, and one for the evidence
		// records it added
		{"import", "article", a.ID, "", "", `~"claims":[` + q(c.ID) + `],"notes":[` + q(n.ID) + `],"comments":[` +
			q(cm.ID) + `]}`, ""},
		{"import", "evidence", "", "", "", `{"format":"factmark/2","evidence":[` + q(e) + `]}`, ""},
	}
}

// streamImport imports doc through ImportStream, as its native JSON read
// piece by piece.
func streamImport(t testing.TB, ctx context.Context, db *DB, doc *annotate.Document) (annotate.ImportResult, error) {
	t.Helper()
	var buf bytes.Buffer
	if err := interchange.WriteDocument(&buf, doc); err != nil {
		t.Fatal(err)
	}
	r := interchange.NewNativeReader(&buf)
	head, err := r.Head()
	if err != nil {
		return annotate.ImportResult{}, err
	}
	return db.ImportStream(ctx, head, r.Next, r.Audit)
}

// TestHistoryShowsTheImport: the one entry an import writes for an article
// is in the history of every record it added (an annotation, a comment, an
// evidence record), with the import's source, and stays there once the
// record is deleted; a record the import did not add does not list it.
func TestHistoryShowsTheImport(t *testing.T) {
	src := newFixture(t)
	ctx := context.Background()
	c := src.claim(t)
	must(t, src.db.CreateClaim(ctx, c))
	n := src.note(t)
	n.Target, n.ClaimID = nil, c.ID
	must(t, src.db.CreateNote(ctx, n))
	cm := &annotate.Comment{AnnotationID: c.ID, Body: "Which figure?"}
	must(t, src.db.CreateComment(ctx, cm))
	doc, err := src.db.Export(ctx)
	must(t, err)

	dst := openTestDB(t)
	_, err = dst.Import(annotate.WithImportSource(ctx, "ledger.factmark.json"), doc)
	must(t, err)
	imported := func(id string) int {
		h, err := dst.FindHistory(ctx, id)
		must(t, err)
		var found int
		for _, e := range h {
			if e.Action == "import" && (e.Kind == "article" || e.Kind == "evidence" && e.EntityID == "") {
				if !strings.Contains(e.New, q(id)) || !strings.Contains(e.New, `"source":"ledger.factmark.json"`) {
					t.Errorf("history of %s: import entry %s", id, e.New)
				}
				found++
			}
		}
		return found
	}
	for _, id := range []string{c.ID, n.ID, cm.ID, n.Sources[0].ID, n.Sources[1].ID} {
		if got := imported(id); got != 1 {
			t.Errorf("history of %s has %d import entries, want 1", id, got)
		}
	}
	// A claim made after the import, on the same article, was not imported.
	later := &annotate.Claim{Meta: annotate.Meta{ArticleID: src.art.ID}, Anchors: c.Anchors}
	must(t, dst.CreateClaim(ctx, later))
	if got := imported(later.ID); got != 0 {
		t.Errorf("history of a claim made after the import has %d import entries", got)
	}
	must(t, dst.DeleteAnnotation(ctx, n.ID))
	for _, id := range []string{n.ID, n.Sources[0].ID} {
		if got := imported(id); got != 1 {
			t.Errorf("history of %s, once the note is deleted, has %d import entries, want 1", id, got)
		}
	}
}
