package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange"
)

// testText has what anchors must survive: curly quotes, emoji (one with a
// skin tone, a ZWJ family, a flag), precomposed accents and combining marks
// that NFC cannot compose (q + U+0301, ạ + U+0307).
const testText = "Budget row\n" +
	"“We will not raise taxes,” said Zoë Ibáñez, the finance minister 👍🏽.\n" +
	"Critics replied that ‘the deficit grew 12 % in 2025’ 👨‍👩‍👧, according to Léa Dubois.\n" +
	"A q\u0301uoted name, Ba\u0323\u0307n, and “🇫🇷 flags” close it: the cost is €3 billion.\n"

// clock is a fake time source that moves on by step at each reading, so that
// stored times differ and have fractions of a second (and some have none).
type clock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func newClock() *clock {
	return &clock{t: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC), step: 250 * time.Millisecond}
}

// next makes t the next reading.
func (c *clock) next(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t.Add(-c.step)
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.step)
	return c.t
}

// fixture is an open project with one article of testText.
type fixture struct {
	db    *DB
	clock *clock
	art   *annotate.Article
	text  *annotate.Text
}

func openTestDB(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "project.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{db: openTestDB(t), clock: newClock()}
	f.db.Now = f.clock.Now
	f.art = f.addArticle(t, testText, "Budget row")
	f.text = annotate.NewText(f.art.Text)
	return f
}

func (f *fixture) addArticle(t testing.TB, text, title string) *annotate.Article {
	t.Helper()
	a, err := annotate.NewArticle([]byte(text), annotate.ArticleMeta{Title: title, Outlet: "The Ledger",
		Authors: []string{"Ana Núñez"}, Published: "2026-03-01", URL: "https://example.org/a"}, f.clock.Now())
	if err != nil {
		t.Fatalf("NewArticle: %v", err)
	}
	if existed, err := f.db.CreateArticle(context.Background(), a); err != nil || existed {
		t.Fatalf("CreateArticle = %v, %v", existed, err)
	}
	return a
}

// span is the anchor of the first occurrence of sub in text.
func span(t testing.TB, text *annotate.Text, sub string) annotate.Anchor {
	t.Helper()
	sub, err := annotate.NormalizeText([]byte(sub))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(text.String(), sub)
	if i < 0 {
		t.Fatalf("%q is not in the text", sub)
	}
	start := utf8.RuneCountInString(text.String()[:i])
	a, err := text.Anchor(start, start+utf8.RuneCountInString(sub))
	if err != nil {
		t.Fatalf("Anchor(%q): %v", sub, err)
	}
	return a
}

func ptr[T any](v T) *T { return &v }

func (f *fixture) attribution(t testing.TB) *annotate.Attribution {
	return &annotate.Attribution{
		Meta:    annotate.Meta{ArticleID: f.art.ID},
		Source:  ptr(span(t, f.text, "Zoë Ibáñez, the finance minister")),
		Cue:     ptr(span(t, f.text, "said")),
		Content: []annotate.Anchor{span(t, f.text, "“We will not raise taxes,”")},
		Kind:    annotate.Direct,
	}
}

func (f *fixture) claim(t testing.TB) *annotate.Claim {
	return &annotate.Claim{
		Meta:             annotate.Meta{ArticleID: f.art.ID, Origin: annotate.Suggested},
		Anchors:          []annotate.Anchor{span(t, f.text, "the deficit grew 12 % in 2025’ 👨‍👩‍👧"), span(t, f.text, "q\u0301uoted")},
		Worthiness:       ptr(0.75),
		WorthinessOrigin: annotate.Suggested,
		Status:           annotate.StatusResearching,
		Tags:             []string{"économie", "🧾"},
	}
}

func (f *fixture) note(t testing.TB) *annotate.Note {
	return &annotate.Note{
		Meta:      annotate.Meta{ArticleID: f.art.ID},
		Target:    ptr(span(t, f.text, "“🇫🇷 flags”")),
		Verdict:   "Mostly false",
		Rationale: "Ba\u0323\u0307n’s figure is from 2024 — “not 2025”.",
		Sources: []annotate.Evidence{
			{URL: "https://example.org/stats?q=déficit", Title: "Déficit 2025", Publisher: "INSEE", Accessed: "2026-03-03", Excerpt: "« 12 % »"},
			{Title: "Phone call with the ministry 📞"},
		},
	}
}

func (f *fixture) mustCreate(t testing.TB, x any) {
	t.Helper()
	ctx := context.Background()
	var err error
	switch x := x.(type) {
	case *annotate.Attribution:
		err = f.db.CreateAttribution(ctx, x)
	case *annotate.Claim:
		err = f.db.CreateClaim(ctx, x)
	case *annotate.Note:
		err = f.db.CreateNote(ctx, x)
	case *annotate.Speaker:
		err = f.db.CreateSpeaker(ctx, x)
	default:
		t.Fatalf("mustCreate(%T)", x)
	}
	if err != nil {
		t.Fatalf("create %T: %v", x, err)
	}
}

func (f *fixture) annotations(t testing.TB) *annotate.Annotations {
	t.Helper()
	all, err := f.db.FindAnnotations(context.Background(), f.art.ID)
	if err != nil {
		t.Fatalf("FindAnnotations: %v", err)
	}
	return all
}

// exportJSON is the native JSON of the project (or of the given articles).
func exportJSON(t testing.TB, db *DB, ids ...string) []byte {
	t.Helper()
	doc, err := db.Export(context.Background(), ids...)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	var buf bytes.Buffer
	if err := interchange.WriteDocument(&buf, doc); err != nil {
		t.Fatalf("WriteDocument: %v", err)
	}
	return buf.Bytes()
}

// wantError fails unless err has the code and its message, or else its
// internal cause, has every part.
func wantError(t testing.TB, err error, code string, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("error = nil, want %s", code)
	}
	if got := annotate.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (error: %v; cause: %s)", got, code, err, annotate.Cause(err))
	}
	text := annotate.ErrorMessage(err) + "\n" + annotate.Cause(err)
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("error %q does not mention %q", text, p)
		}
	}
}

func TestCreateArticleDedupesByHash(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	got, err := f.db.FindArticleByID(ctx, f.art.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f.art) {
		t.Errorf("FindArticleByID =\n%+v\nwant\n%+v", got, f.art)
	}

	again, err := annotate.NewArticle([]byte(testText), annotate.ArticleMeta{Title: "Another title"}, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if again.ID == f.art.ID {
		t.Fatal("NewArticle reused the ID")
	}
	existed, err := f.db.CreateArticle(ctx, again)
	if err != nil || !existed {
		t.Fatalf("CreateArticle of the same text = %v, %v; want existed", existed, err)
	}
	if !reflect.DeepEqual(again, f.art) {
		t.Errorf("the article was not filled with the stored one:\n%+v\nwant\n%+v", again, f.art)
	}
	list, err := f.db.FindArticles(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("FindArticles = %d articles, %v; want 1", len(list), err)
	}

	// Without authors or other metadata.
	bare, err := annotate.NewArticle([]byte("Bare\nNo metadata at all.\n"), annotate.ArticleMeta{}, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if existed, err := f.db.CreateArticle(ctx, bare); existed || err != nil {
		t.Fatalf("CreateArticle = %v, %v", existed, err)
	}
	if got, err := f.db.FindArticleByID(ctx, bare.ID); err != nil || !reflect.DeepEqual(got, bare) {
		t.Errorf("FindArticleByID =\n%+v, %v\nwant\n%+v", got, err, bare)
	}

	_, err = f.db.FindArticleByID(ctx, annotate.NewID())
	wantError(t, err, annotate.ENOTFOUND)
	wantError(t, f.db.MarkOpened(ctx, annotate.NewID()), annotate.ENOTFOUND)

	bad := *f.art
	bad.ID, bad.SHA256 = annotate.NewID(), strings.Repeat("0", 64)
	_, err = f.db.CreateArticle(ctx, &bad)
	wantError(t, err, annotate.EINVALID, "sha256")
}

func TestFindArticlesCountsAndOrder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first := f.art
	second := f.addArticle(t, "Second article\nIt said “no”.\n", "")
	third := f.addArticle(t, "Third article\nNothing here.\n", "")

	for range 2 {
		f.mustCreate(t, f.attribution(t))
	}
	c := f.claim(t)
	f.mustCreate(t, c)
	f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: first.ID}, ClaimID: c.ID})
	f.mustCreate(t, f.note(t))
	text2 := annotate.NewText(second.Text)
	f.mustCreate(t, &annotate.Claim{Meta: annotate.Meta{ArticleID: second.ID}, Anchors: []annotate.Anchor{span(t, text2, "“no”")}})

	order := func(want ...*annotate.Article) []annotate.ArticleSummary {
		t.Helper()
		list, err := f.db.FindArticles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got, wantIDs []string
		for _, s := range list {
			got = append(got, s.Title)
		}
		for _, a := range want {
			wantIDs = append(wantIDs, a.Title)
		}
		if !reflect.DeepEqual(got, wantIDs) {
			t.Fatalf("FindArticles order = %q, want %q", got, wantIDs)
		}
		return list
	}
	// Never opened: the most recently imported first.
	list := order(third, second, first)
	counts := map[string][3]int{}
	for _, s := range list {
		counts[s.Title] = [3]int{s.Attributions, s.Claims, s.Notes}
	}
	want := map[string][3]int{first.Title: {2, 1, 2}, second.Title: {0, 1, 0}, third.Title: {0, 0, 0}}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("counts = %v, want %v", counts, want)
	}
	if list[2].Annotations() != 5 || !list[2].ImportedAt.Equal(first.ImportedAt) || !list[2].OpenedAt.IsZero() {
		t.Errorf("summary of the first article = %+v", list[2])
	}

	// Opened at 10:01:00 and 10:01:00.25: the times differ only in a fraction
	// of a second, and one has none (as text, RFC 3339 would put "…:00.25Z"
	// before "…:00Z").
	f.clock.next(time.Date(2026, 3, 4, 10, 1, 0, 0, time.UTC))
	if err := f.db.MarkOpened(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	order(first, third, second)
	if err := f.db.MarkOpened(ctx, second.ID); err != nil {
		t.Fatal(err)
	}
	list = order(second, first, third)
	if !list[0].OpenedAt.After(list[1].OpenedAt) {
		t.Errorf("opened times %v, %v are not in order", list[0].OpenedAt, list[1].OpenedAt)
	}
}

// kindCase drives the round-trip tests for one kind of annotation.
type kindCase struct {
	name   string
	build  func(t *testing.T, f *fixture) any // a new, unsaved annotation
	create func(db *DB, x any) error
	update func(db *DB, x any) error
	edit   func(t *testing.T, f *fixture, x any) // changes a field
	meta   func(x any) *annotate.Meta
	find   func(all *annotate.Annotations, id string) any // nil if absent
}

var kindCases = []kindCase{
	{
		name:  "attribution",
		build: func(t *testing.T, f *fixture) any { return f.attribution(t) },
		create: func(db *DB, x any) error {
			return db.CreateAttribution(context.Background(), x.(*annotate.Attribution))
		},
		update: func(db *DB, x any) error {
			return db.UpdateAttribution(context.Background(), x.(*annotate.Attribution))
		},
		edit: func(t *testing.T, f *fixture, x any) {
			a := x.(*annotate.Attribution)
			a.Kind = annotate.Mixed
			a.Source = nil
			a.Content = append(a.Content, span(t, f.text, "👍🏽"))
		},
		meta: func(x any) *annotate.Meta { return &x.(*annotate.Attribution).Meta },
		find: func(all *annotate.Annotations, id string) any {
			for i := range all.Attributions {
				if all.Attributions[i].ID == id {
					return &all.Attributions[i]
				}
			}
			return nil
		},
	},
	{
		name:   "claim",
		build:  func(t *testing.T, f *fixture) any { return f.claim(t) },
		create: func(db *DB, x any) error { return db.CreateClaim(context.Background(), x.(*annotate.Claim)) },
		update: func(db *DB, x any) error { return db.UpdateClaim(context.Background(), x.(*annotate.Claim)) },
		edit: func(t *testing.T, f *fixture, x any) {
			c := x.(*annotate.Claim)
			c.Status = annotate.StatusVerdictProposed
			c.Worthiness = ptr(0.5)
			c.WorthinessOrigin = annotate.Manual
			c.Tags = append(c.Tags, "ça")
			c.Anchors = []annotate.Anchor{span(t, f.text, "€3 billion")}
		},
		meta: func(x any) *annotate.Meta { return &x.(*annotate.Claim).Meta },
		find: func(all *annotate.Annotations, id string) any {
			for i := range all.Claims {
				if all.Claims[i].ID == id {
					return &all.Claims[i]
				}
			}
			return nil
		},
	},
	{
		name:   "note on a span",
		build:  func(t *testing.T, f *fixture) any { return f.note(t) },
		create: func(db *DB, x any) error { return db.CreateNote(context.Background(), x.(*annotate.Note)) },
		update: func(db *DB, x any) error { return db.UpdateNote(context.Background(), x.(*annotate.Note)) },
		edit: func(t *testing.T, f *fixture, x any) {
			n := x.(*annotate.Note)
			n.Verdict = "False"
			n.Rationale += " Checked again: 🙅."
			n.Target = ptr(span(t, f.text, "Ba\u0323\u0307n"))
			n.Sources = n.Sources[:1]
		},
		meta: func(x any) *annotate.Meta { return &x.(*annotate.Note).Meta },
		find: findNote,
	},
	{
		name: "note on a claim",
		build: func(t *testing.T, f *fixture) any {
			c := f.claim(t)
			f.mustCreate(t, c)
			n := f.note(t)
			n.Target, n.ClaimID = nil, c.ID
			return n
		},
		create: func(db *DB, x any) error { return db.CreateNote(context.Background(), x.(*annotate.Note)) },
		update: func(db *DB, x any) error { return db.UpdateNote(context.Background(), x.(*annotate.Note)) },
		edit: func(t *testing.T, f *fixture, x any) {
			n := x.(*annotate.Note)
			n.Verdict = ""
			n.Sources = nil
		},
		meta: func(x any) *annotate.Meta { return &x.(*annotate.Note).Meta },
		find: findNote,
	},
}

func findNote(all *annotate.Annotations, id string) any {
	for i := range all.Notes {
		if all.Notes[i].ID == id {
			return &all.Notes[i]
		}
	}
	return nil
}

func TestAnnotationRoundTrip(t *testing.T) {
	for _, kc := range kindCases {
		t.Run(kc.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			x := kc.build(t, f)
			if err := kc.create(f.db, x); err != nil {
				t.Fatalf("create: %v", err)
			}
			m := kc.meta(x)
			if m.ID == "" || m.Created.IsZero() || !m.Modified.Equal(m.Created) || m.Origin == "" {
				t.Errorf("create did not stamp the annotation: %+v", *m)
			}
			got := kc.find(f.annotations(t), m.ID)
			if !reflect.DeepEqual(got, x) {
				t.Fatalf("after create, found\n%+v\nwant\n%+v", got, x)
			}

			created := m.Created
			kc.edit(t, f, x)
			if err := kc.update(f.db, x); err != nil {
				t.Fatalf("update: %v", err)
			}
			if !m.Created.Equal(created) || !m.Modified.After(created) {
				t.Errorf("update times: created %v, modified %v", m.Created, m.Modified)
			}
			got = kc.find(f.annotations(t), m.ID)
			if !reflect.DeepEqual(got, x) {
				t.Fatalf("after update, found\n%+v\nwant\n%+v", got, x)
			}

			// Delete, then undo: Create with the ID and times it had.
			saved := got
			if err := f.db.DeleteAnnotation(ctx, m.ID); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if got := kc.find(f.annotations(t), m.ID); got != nil {
				t.Fatalf("after delete, found %+v", got)
			}
			wantError(t, f.db.DeleteAnnotation(ctx, m.ID), annotate.ENOTFOUND)
			if err := kc.create(f.db, saved); err != nil {
				t.Fatalf("undo delete: %v", err)
			}
			if got := kc.find(f.annotations(t), m.ID); !reflect.DeepEqual(got, x) {
				t.Fatalf("after undo, found\n%+v\nwant exactly\n%+v", got, x)
			}
			// The same ID again is a conflict, not a second copy.
			wantError(t, kc.create(f.db, saved), annotate.ECONFLICT)
		})
	}
}

func TestUpdateMissingIsNotFound(t *testing.T) {
	for _, kc := range kindCases {
		t.Run(kc.name, func(t *testing.T) {
			f := newFixture(t)
			x := kc.build(t, f)
			m := kc.meta(x)
			m.Stamp("tester", f.clock.Now())
			wantError(t, kc.update(f.db, x), annotate.ENOTFOUND, m.ID)
		})
	}
	// An existing ID of another kind is not found either.
	f := newFixture(t)
	a := f.attribution(t)
	f.mustCreate(t, a)
	c := f.claim(t)
	c.Meta = a.Meta
	wantError(t, f.db.UpdateClaim(context.Background(), c), annotate.ENOTFOUND)
}

func TestInvalidAnnotationLeavesDBUnchanged(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	claim := f.claim(t)
	f.mustCreate(t, claim)
	attr := f.attribution(t)
	f.mustCreate(t, attr)
	n := len([]rune(f.art.Text))

	tests := []struct {
		name  string
		save  func() error
		field string
	}{
		{"claim end past the text", func() error {
			c := f.claim(t)
			c.Anchors[1].End = n + 1
			return f.db.CreateClaim(ctx, c)
		}, "anchors[1]"},
		{"claim quote mismatch", func() error {
			c := f.claim(t)
			c.Anchors[0].Exact = strings.Replace(c.Anchors[0].Exact, "12", "21", 1)
			return f.db.CreateClaim(ctx, c)
		}, "anchors[0]: quote"},
		{"claim negative start", func() error {
			c := f.claim(t)
			c.Anchors[0].Start = -1
			return f.db.CreateClaim(ctx, c)
		}, "anchors[0]: start -1"},
		{"claim with no anchors", func() error {
			c := f.claim(t)
			c.Anchors = nil
			return f.db.CreateClaim(ctx, c)
		}, "anchors"},
		{"claim from a claim", func() error {
			c := f.claim(t)
			c.AttributionID = claim.ID
			return f.db.CreateClaim(ctx, c)
		}, "attribution"},
		{"update with quote mismatch", func() error {
			c := *claim
			c.Anchors = []annotate.Anchor{c.Anchors[0]}
			c.Anchors[0].Exact = "the deficit grew 12 % in 2025' 👨‍👩‍👧" // straight quote
			return f.db.UpdateClaim(ctx, &c)
		}, "anchors[0]: quote"},
		{"attribution cue with a wrong prefix", func() error {
			a := f.attribution(t)
			a.Cue.Prefix = "said " + a.Cue.Prefix[len("said "):]
			return f.db.CreateAttribution(ctx, a)
		}, "cue.prefix"},
		{"attribution content in the middle of an emoji", func() error {
			a := f.attribution(t)
			e := span(t, f.text, "👍🏽")
			a.Content = []annotate.Anchor{{Start: e.Start + 1, End: e.End, Exact: "👍🏽"}}
			return f.db.CreateAttribution(ctx, a)
		}, "content[0]: quote"},
		{"note target past the text", func() error {
			x := f.note(t)
			x.Target.Start, x.Target.End = n, n+2
			return f.db.CreateNote(ctx, x)
		}, "target: end"},
		{"note verdict off the scale", func() error {
			x := f.note(t)
			x.Verdict = "Pants on fire"
			return f.db.CreateNote(ctx, x)
		}, "verdict"},
		{"note on a missing claim", func() error {
			x := f.note(t)
			x.Target, x.ClaimID = nil, annotate.NewID()
			return f.db.CreateNote(ctx, x)
		}, "claim: no claim"},
		{"note on an attribution", func() error {
			x := f.note(t)
			x.Target, x.ClaimID = nil, attr.ID
			return f.db.CreateNote(ctx, x)
		}, "claim: no claim"},
		{"note with a bad evidence URL", func() error {
			x := f.note(t)
			x.Sources[0].URL = "javascript:alert(1)"
			return f.db.CreateNote(ctx, x)
		}, "sources[0].url"},
	}
	before := exportJSON(t, f.db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, tt.save(), annotate.EINVALID, tt.field)
			if after := exportJSON(t, f.db); !bytes.Equal(before, after) {
				t.Errorf("the database changed")
			}
		})
	}
}

func TestDeleteCascades(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.attribution(t)
	f.mustCreate(t, a)
	c := f.claim(t)
	c.AttributionID = a.ID
	f.mustCreate(t, c)
	onClaim := &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID, Verdict: "True"}
	f.mustCreate(t, onClaim)
	onSpan := f.note(t)
	f.mustCreate(t, onSpan)

	// Deleting the attribution keeps the claim and clears its link.
	if err := f.db.DeleteAnnotation(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	all := f.annotations(t)
	if len(all.Attributions) != 0 || len(all.Claims) != 1 || all.Claims[0].AttributionID != "" {
		t.Fatalf("after deleting the attribution: %+v", all)
	}
	// Deleting the claim deletes the note on it, not the note on a span.
	if err := f.db.DeleteAnnotation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	all = f.annotations(t)
	if len(all.Claims) != 0 || len(all.Notes) != 1 || all.Notes[0].ID != onSpan.ID {
		t.Fatalf("after deleting the claim: %+v", all)
	}
}

func TestNotesFollowTheirClaim(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.claim(t) // starts in the third line
	f.mustCreate(t, c)
	onClaim := &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID}
	f.mustCreate(t, onClaim)
	onSpan := f.note(t) // the last line
	f.mustCreate(t, onSpan)
	if all := f.annotations(t); all.Notes[0].ID != onClaim.ID {
		t.Fatalf("notes are not in text order")
	}
	// The claim moves past the note on a span: its note moves with it.
	c.Anchors = []annotate.Anchor{span(t, f.text, "€3 billion")}
	if err := f.db.UpdateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if all := f.annotations(t); all.Notes[0].ID != onSpan.ID || all.Notes[1].ID != onClaim.ID {
		t.Errorf("the note on the claim did not follow the claim: %v, %v", all.Notes[0].ID, all.Notes[1].ID)
	}
}

func TestReferences(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// A speaker that does not exist: the foreign key refuses it.
	c := f.claim(t)
	c.SpeakerID = annotate.NewID()
	wantError(t, f.db.CreateClaim(ctx, c), annotate.ECONFLICT, "does not exist")
	// An attribution of another article.
	other := f.addArticle(t, "Other\nShe said “yes”.\n", "")
	ot := annotate.NewText(other.Text)
	oa := &annotate.Attribution{Meta: annotate.Meta{ArticleID: other.ID}, Content: []annotate.Anchor{span(t, ot, "“yes”")}, Kind: annotate.Direct}
	f.mustCreate(t, oa)
	c = f.claim(t)
	c.AttributionID = oa.ID
	wantError(t, f.db.CreateClaim(ctx, c), annotate.EINVALID, "attribution: no attribution")
	// An annotation on a missing article.
	c = f.claim(t)
	c.ArticleID = annotate.NewID()
	wantError(t, f.db.CreateClaim(ctx, c), annotate.ENOTFOUND, "no article")
}

func TestSpeakers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	macron := &annotate.Speaker{Name: "Emmanuel Macron", Aliases: []string{"M. Macron", "le Président"}, Role: "Président de la République"}
	zoe := &annotate.Speaker{Name: "Zoë Ibáñez", Role: "Finance minister 💶"}
	for _, s := range []*annotate.Speaker{macron, zoe} {
		f.mustCreate(t, s)
	}
	got, err := f.db.FindSpeakers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []annotate.Speaker{*macron, *zoe}; !reflect.DeepEqual(got, want) {
		t.Fatalf("FindSpeakers =\n%+v\nwant\n%+v", got, want)
	}

	zoe.Name, zoe.Aliases = "Zoé Ibáñez-Ruiz", []string{"Ms. Ibáñez"}
	if err := f.db.UpdateSpeaker(ctx, zoe); err != nil {
		t.Fatal(err)
	}
	if !zoe.Modified.After(zoe.Created) {
		t.Errorf("update did not move Modified: %v, %v", zoe.Created, zoe.Modified)
	}
	got, _ = f.db.FindSpeakers(ctx)
	if want := []annotate.Speaker{*macron, *zoe}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after update FindSpeakers =\n%+v\nwant\n%+v", got, want)
	}

	wantError(t, f.db.UpdateSpeaker(ctx, &annotate.Speaker{ID: annotate.NewID(), Name: "Nobody"}), annotate.ENOTFOUND)
	wantError(t, f.db.CreateSpeaker(ctx, &annotate.Speaker{Name: " — "}), annotate.EINVALID, "speaker.name")
	wantError(t, f.db.UpdateSpeaker(ctx, &annotate.Speaker{ID: zoe.ID, Name: "Zoë", Aliases: []string{""}}), annotate.EINVALID, "speaker.aliases")
	dup := *macron
	wantError(t, f.db.CreateSpeaker(ctx, &dup), annotate.ECONFLICT)

	// Attributions and claims refer to speakers.
	a := f.attribution(t)
	a.SpeakerID = zoe.ID
	f.mustCreate(t, a)
	if all := f.annotations(t); all.Attributions[0].SpeakerID != zoe.ID {
		t.Errorf("attribution speaker = %q", all.Attributions[0].SpeakerID)
	}
}

func TestSettings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	s, err := f.db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (annotate.Settings{Scale: annotate.DefaultScale(), ApprovalsRequired: 1}); !reflect.DeepEqual(s, want) {
		t.Fatalf("new project settings = %+v, want %+v", s, want)
	}
	s = annotate.Settings{Annotator: "Ana Núñez", Organization: "Vérif’ 🔎", OrganizationURL: "https://verif.example/",
		Theme: "dark", TextSize: 17.5, ApprovalsRequired: 2,
		Scale: annotate.Scale{Name: "Ratings", Verdicts: []annotate.Verdict{{Label: "Vrai", Value: 3}, {Label: "Trompeur", Value: 2}, {Label: "Faux", Value: 1}}}}
	if err := f.db.UpdateSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.Settings(ctx)
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("Settings = %+v, %v; want %+v", got, err, s)
	}
	bad := s
	bad.Scale.Verdicts = append([]annotate.Verdict{}, s.Scale.Verdicts...)
	bad.Scale.Verdicts[1].Label = "Vrai"
	wantError(t, f.db.UpdateSettings(ctx, bad), annotate.EINVALID, "scale.verdicts[1]")
	if got, _ := f.db.Settings(ctx); !reflect.DeepEqual(got, s) {
		t.Errorf("a refused update changed the settings")
	}

	// New annotations carry the annotator; notes are checked against the scale.
	c := f.claim(t)
	f.mustCreate(t, c)
	if c.Author != "Ana Núñez" {
		t.Errorf("claim author = %q", c.Author)
	}
	n := f.note(t)
	wantError(t, f.db.CreateNote(ctx, n), annotate.EINVALID, "verdict")
	n.Verdict = "Trompeur"
	f.mustCreate(t, n)
}

// buildProject fills f with speakers, every kind of annotation, notes with
// evidence and a scale of its own, and a second article.
func buildProject(t *testing.T, f *fixture) (second *annotate.Article) {
	ctx := context.Background()
	scale := annotate.Scale{Name: "Échelle", Verdicts: []annotate.Verdict{{Label: "Vrai", Value: 4}, {Label: "Plutôt vrai", Value: 3}, {Label: "Faux", Value: 1}, {Label: "Invérifiable", Value: 0}}}
	if err := f.db.UpdateSettings(ctx, annotate.Settings{Annotator: "Léa", Organization: "Org", Scale: scale}); err != nil {
		t.Fatal(err)
	}
	zoe := &annotate.Speaker{Name: "Zoë Ibáñez", Aliases: []string{"the finance minister"}, Role: "Minister"}
	lea := &annotate.Speaker{Name: "Léa Dubois"}
	unused := &annotate.Speaker{Name: "Nobody 🤷"}
	for _, s := range []*annotate.Speaker{zoe, lea, unused} {
		f.mustCreate(t, s)
	}
	a := f.attribution(t)
	a.SpeakerID = zoe.ID
	f.mustCreate(t, a)
	a2 := &annotate.Attribution{Meta: annotate.Meta{ArticleID: f.art.ID},
		Cue:     ptr(span(t, f.text, "according to")),
		Source:  ptr(span(t, f.text, "Léa Dubois")),
		Content: []annotate.Anchor{span(t, f.text, "the deficit grew 12 % in 2025")}, Kind: annotate.Indirect, SpeakerID: lea.ID}
	f.mustCreate(t, a2)
	c := f.claim(t)
	c.AttributionID, c.SpeakerID = a2.ID, lea.ID
	f.mustCreate(t, c)
	c2 := &annotate.Claim{Meta: annotate.Meta{ArticleID: f.art.ID}, Anchors: []annotate.Anchor{span(t, f.text, "the cost is €3 billion")}}
	f.mustCreate(t, c2)
	n := f.note(t)
	n.Verdict = "Plutôt vrai"
	f.mustCreate(t, n)
	f.mustCreate(t, &annotate.Note{Meta: annotate.Meta{ArticleID: f.art.ID}, ClaimID: c.ID, Verdict: "Faux",
		Rationale: "Le déficit a baissé.", Sources: []annotate.Evidence{{URL: "https://example.org/données", Accessed: "2026-03-02"}}})
	if err := f.db.MarkOpened(ctx, f.art.ID); err != nil {
		t.Fatal(err)
	}

	second = f.addArticle(t, "Second\nMr. Nobody said “trust me”.\n", "")
	t2 := annotate.NewText(second.Text)
	f.mustCreate(t, &annotate.Attribution{Meta: annotate.Meta{ArticleID: second.ID}, Content: []annotate.Anchor{span(t, t2, "“trust me”")},
		Kind: annotate.Direct, SpeakerID: unused.ID})
	return second
}

func TestExportImportRoundTrip(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	buildProject(t, f)
	want := exportJSON(t, f.db)
	doc, err := f.db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Speakers) != 3 || doc.Count() != 7 || doc.Scale.Name != "Échelle" {
		t.Fatalf("export has %d speakers, %d annotations, scale %q", len(doc.Speakers), doc.Count(), doc.Scale.Name)
	}

	// Through the JSON, as a user's file would come.
	doc, err = interchange.ParseDocument(want)
	if err != nil {
		t.Fatal(err)
	}
	empty := openTestDB(t)
	res, err := empty.Import(ctx, doc)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if res.ArticlesAdded != 2 || res.SpeakersAdded != 3 || res.Saved != 7 || res.Unchanged != 0 {
		t.Errorf("first import: %+v", res)
	}
	want = contentJSON(t, f.db) // the target's log has its import entries besides the source's
	if got := contentJSON(t, empty); !bytes.Equal(got, want) {
		t.Fatalf("export after import differs:\n%s\nwant\n%s", got, want)
	}
	if s, _ := empty.Settings(ctx); s.Scale.Name != "Échelle" {
		t.Errorf("the empty project did not adopt the document's scale: %q", s.Scale.Name)
	}

	// Twice: everything is found, nothing is duplicated.
	doc, _ = interchange.ParseDocument(exportJSON(t, f.db))
	res, err = empty.Import(ctx, doc)
	if err != nil {
		t.Fatalf("second Import: %v", err)
	}
	if res.ArticlesFound != 2 || res.ArticlesAdded != 0 || res.SpeakersFound != 3 || res.SpeakersAdded != 0 ||
		res.Saved != 0 || res.Unchanged != 7 {
		t.Errorf("second import: %+v", res)
	}
	if got := contentJSON(t, empty); !bytes.Equal(got, want) {
		t.Fatalf("export after the second import differs")
	}
	// And into the project it came from.
	doc, _ = interchange.ParseDocument(exportJSON(t, f.db))
	if res, err = f.db.Import(ctx, doc); err != nil || res.Saved != 0 || res.Unchanged != 7 {
		t.Errorf("import into the source project: %+v, %v", res, err)
	}
}

func TestImportKeepsTheNewerVersion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	buildProject(t, f)
	data := exportJSON(t, f.db)
	target := openTestDB(t)
	doc, _ := interchange.ParseDocument(data)
	if _, err := target.Import(ctx, doc); err != nil {
		t.Fatal(err)
	}

	// Edited in the source project a quarter of a second later: the times
	// differ only in their fraction (…:05Z against …:05.25Z, and so on).
	all := f.annotations(t)
	c := all.Claims[0]
	for _, step := range []time.Duration{250 * time.Millisecond, 750 * time.Millisecond, time.Second} {
		f.clock.next(c.Modified.Add(step))
		c.Status = annotate.StatusDismissed
		c.Tags = append(c.Tags, step.String())
		if err := f.db.UpdateClaim(ctx, &c); err != nil {
			t.Fatal(err)
		}
		doc, _ := interchange.ParseDocument(exportJSON(t, f.db))
		res, err := target.Import(ctx, doc)
		if err != nil {
			t.Fatal(err)
		}
		if res.Saved != 1 || res.Unchanged != 6 {
			t.Errorf("import of a claim modified at %v: %+v", c.Modified.Format(time.RFC3339Nano), res)
		}
	}
	if got, want := contentJSON(t, target), contentJSON(t, f.db); !bytes.Equal(got, want) {
		t.Errorf("the target project did not take the newer versions")
	}

	// The older version does not replace the newer one.
	older, _ := interchange.ParseDocument(data)
	res, err := target.Import(ctx, older)
	if err != nil || res.Saved != 0 || res.Unchanged != 7 {
		t.Errorf("import of older versions: %+v, %v", res, err)
	}
	if got, want := contentJSON(t, target), contentJSON(t, f.db); !bytes.Equal(got, want) {
		t.Errorf("an older version replaced a newer one")
	}
}

func TestImportIsOneTransaction(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, target *fixture, doc *annotate.Document)
		code    string
		parts   []string
	}{
		{
			// The target project already has an annotation with the ID of the
			// document's second claim, on another article.
			name: "claim ID used on another article",
			prepare: func(t *testing.T, target *fixture, doc *annotate.Document) {
				other := target.addArticle(t, "Other\nThe deficit fell.\n", "")
				claims := doc.Articles[0].Claims
				mine := &annotate.Claim{Meta: annotate.Meta{ArticleID: other.ID, ID: claims[len(claims)-1].ID},
					Anchors: []annotate.Anchor{span(t, annotate.NewText(other.Text), "The deficit fell.")}}
				target.mustCreate(t, mine)
			},
			code:  annotate.ECONFLICT,
			parts: []string{"another article"},
		},
		{
			// The same article, and the ID is an attribution's there.
			name: "claim ID used by an attribution",
			prepare: func(t *testing.T, target *fixture, doc *annotate.Document) {
				a := target.attribution(t) // the target has the document's first article
				a.ID = doc.Articles[0].Claims[0].ID
				a.Created = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) // newer than the document's
				target.mustCreate(t, a)
			},
			code:  annotate.ECONFLICT,
			parts: []string{"of another kind"},
		},
		{
			// The database refuses the note in the middle of the document.
			name: "the database refuses a note",
			prepare: func(t *testing.T, target *fixture, doc *annotate.Document) {
				id := doc.Articles[0].Notes[0].ID
				if _, err := target.db.db.Exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON annotations
					WHEN NEW.id = '` + id + `' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { target.db.db.Exec("DROP TRIGGER temp.refuse") })
			},
			code:  annotate.ECONFLICT,
			parts: []string{"breaks a rule", "refused by the test"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newFixture(t)
			second := buildProject(t, src)
			data := exportJSON(t, src.db, src.art.ID, second.ID)

			target := newFixture(t)
			doc, err := interchange.ParseDocument(data)
			if err != nil {
				t.Fatal(err)
			}
			tt.prepare(t, target, doc)
			before := exportJSON(t, target.db)
			settings, _ := target.db.Settings(context.Background())

			_, err = target.db.Import(context.Background(), doc)
			wantError(t, err, tt.code, tt.parts...)
			if after := exportJSON(t, target.db); !bytes.Equal(before, after) {
				t.Errorf("a failed import changed the project:\n%s", after)
			}
			if s, _ := target.db.Settings(context.Background()); !reflect.DeepEqual(s, settings) {
				t.Errorf("a failed import changed the settings")
			}
		})
	}
}

func TestImportMatchesSpeakersByName(t *testing.T) {
	src := newFixture(t)
	buildProject(t, src)
	doc, _ := interchange.ParseDocument(exportJSON(t, src.db))

	target := newFixture(t)
	mine := &annotate.Speaker{Name: "ZOË IBÁÑEZ"}
	target.mustCreate(t, mine)
	res, err := target.db.Import(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if res.SpeakersFound != 1 || res.SpeakersAdded != 2 {
		t.Errorf("speakers: %+v", res)
	}
	speakers, _ := target.db.FindSpeakers(context.Background())
	if len(speakers) != 3 {
		t.Errorf("%d speakers, want 3", len(speakers))
	}
	all := target.annotations(t)
	found := false
	for _, a := range all.Attributions {
		found = found || a.SpeakerID == mine.ID
	}
	if !found {
		t.Errorf("no attribution refers to the matched speaker %s", mine.ID)
	}
}

func TestExportOneArticleHasOnlyItsSpeakers(t *testing.T) {
	f := newFixture(t)
	second := buildProject(t, f)
	ctx := context.Background()
	names := func(ids ...string) []string {
		doc, err := f.db.Export(ctx, ids...)
		if err != nil {
			t.Fatal(err)
		}
		var list []string
		for _, s := range doc.Speakers {
			list = append(list, s.Name)
		}
		return list
	}
	if got, want := names(f.art.ID), []string{"Léa Dubois", "Zoë Ibáñez"}; !reflect.DeepEqual(got, want) {
		t.Errorf("speakers of the first article = %q, want %q", got, want)
	}
	if got, want := names(second.ID), []string{"Nobody 🤷"}; !reflect.DeepEqual(got, want) {
		t.Errorf("speakers of the second article = %q, want %q", got, want)
	}
	if got := names(); len(got) != 3 {
		t.Errorf("speakers of the project = %q", got)
	}
	doc, err := f.db.Export(ctx, second.ID)
	if err != nil || len(doc.Articles) != 1 || doc.Count() != 1 {
		t.Fatalf("export of the second article: %v", err)
	}
	_, err = f.db.Export(ctx, annotate.NewID())
	wantError(t, err, annotate.ENOTFOUND)
}

// rawDB opens a plain connection to a test database, past the store.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// WriteDocument writes the document in pieces and in parallel (see
// interchange/native_write.go); its bytes must stay those of the plain encoder.
func TestExportWritesTheEncodersBytes(t *testing.T) {
	f := newFixture(t)
	buildProject(t, f)
	odd := f.note(t)
	odd.Verdict = "Faux"
	odd.Rationale = "quote \" backslash \\ newline \n tab \t separators \u2028\u2029 <html> & \\\"}]" // no control characters: refused
	odd.Sources = append(odd.Sources, annotate.Evidence{Title: `"\"`, Excerpt: `[]{}:,"{\"}"\\`})
	f.mustCreate(t, odd)
	project, err := f.db.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	empty, err := openTestDB(t).Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	big := generateDocument(t, 12000, 100<<10, 5) // lists of more than one batch
	big.Articles = append(big.Articles, generateDocument(t, 700, 10<<10, 6).Articles...)
	big.Articles = append(big.Articles, annotate.ArticleDoc{Article: *f.art})
	for _, doc := range []*annotate.Document{project, empty, big} {
		var got bytes.Buffer
		if err := interchange.WriteDocument(&got, doc); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want) // with its HTML escaping, as every JSON export
		enc.SetIndent("", "  ")
		if err := enc.Encode(legacyStatuses(doc)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := 0
			for i < got.Len() && i < want.Len() && got.Bytes()[i] == want.Bytes()[i] {
				i++
			}
			t.Fatalf("WriteDocument differs from the encoder at byte %d of %d:\n got …%s…\nwant …%s…", i, want.Len(),
				got.Bytes()[max(0, i-60):min(got.Len(), i+60)], want.Bytes()[max(0, i-60):min(want.Len(), i+60)])
		}
	}
}

// legacyStatuses is doc as a factmark/1 writer writes it, with the first
// release's status names, when factmark/1 holds it; doc itself otherwise.
func legacyStatuses(doc *annotate.Document) *annotate.Document {
	if doc.NeededFormat() != annotate.NativeFormatV1 {
		return doc
	}
	c := *doc
	c.Articles = slices.Clone(doc.Articles)
	for i := range c.Articles {
		c.Articles[i].Claims = slices.Clone(c.Articles[i].Claims)
		for j := range c.Articles[i].Claims {
			cl := &c.Articles[i].Claims[j]
			if name, ok := cl.Status.LegacyName(); ok {
				cl.Status = annotate.Status(name)
			}
		}
	}
	return &c
}

func TestParseTimeAgreesWithTimeParse(t *testing.T) {
	inputs := []string{
		"2026-03-04T10:00:00.000000000Z", "2026-03-04T10:00:00.500000000Z", "1999-12-31T23:59:59.999999999Z",
		"2024-02-29T00:00:00.000000001Z", "2023-02-29T00:00:00.000000000Z", "2026-04-31T00:00:00.000000000Z",
		"2026-13-01T00:00:00.000000000Z", "2026-00-01T00:00:00.000000000Z", "2026-01-00T00:00:00.000000000Z",
		"2026-01-01T24:00:00.000000000Z", "2026-01-01T00:60:00.000000000Z", "2026-01-01T00:00:60.000000000Z",
		"2026-01-01T00:00:00.00000000xZ", "2026-01-01T00:00:00.000000000+", "0000-01-01T00:00:00.000000000Z",
		"2026-03-04T10:00:00Z", "2026-03-04T10:00:00.5Z", "2026-03-04T10:00:00+01:00", "yesterday",
	}
	for i := range 1000 {
		inputs = append(inputs, timeText(time.Unix(int64(i)*7919*86400+int64(i), int64(i)*104729)))
	}
	for _, s := range inputs {
		got, err := parseTime(s)
		want, wantErr := time.Parse(time.RFC3339Nano, s)
		if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("parseTime(%q) = %v, %v; time.Parse gives %v, %v", s, got, err, want, wantErr)
		}
	}
}

func TestUpdateSettingsRefusesControlCharacters(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Annotator = "Ann\x1b[2J"
	if err := db.UpdateSettings(ctx, s); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("UpdateSettings with ESC in the annotator: %v, want EINVALID", err)
	}
	if got, _ := db.Settings(ctx); got.Annotator == s.Annotator {
		t.Fatal("the annotator with ESC was stored")
	}
}
