package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange/transcript"
	"github.com/factmark/factmark/store"
)

// debate is a short made-up transcript with "NAME:" turns.
const debate = "MODERATOR: Good evening. Tonight the two candidates for mayor answer the questions you sent us. Ms. Alvarez, you have two minutes.\n" +
	"ALVAREZ: Thank you. Crime in our city fell by twelve percent last year, and we hired four hundred new teachers. " +
	"The new tram line will open in the spring, on time and within its budget, and the waiting lists for homes are the shortest they have been in ten years.\n" +
	"BRENNAN: My opponent's numbers are wrong. The city has lost three thousand jobs since she took office, and the tram is already two years late. " +
	"Ask anyone who waits for a bus on the east side whether things have got better.\n" +
	"MODERATOR: Ms. Alvarez, your answer.\n" +
	"ALVAREZ: The jobs figure counts the closure of one factory that the province decided, not the city. Unemployment is at its lowest since 2008.\n"

// fakeArticles is the project's article service with what the store does
// not keep yet: turns, pages and the source file, given by the text's
// SHA-256 or, with detect, turns found in a plain text as the import path
// will find them; and UpdateArticleTurns, recorded.
type fakeArticles struct {
	annotate.ArticleService
	detect bool

	mu      sync.Mutex
	extra   map[string]*annotate.Article // by SHA-256: Turns, Pages and Source to add
	dropped map[string]bool              // article IDs whose turns were set to none
	updates []string                     // article IDs UpdateArticleTurns was called for
}

func newFakeArticles(db *store.DB, detect bool) *fakeArticles {
	return &fakeArticles{ArticleService: db, detect: detect, extra: map[string]*annotate.Article{}, dropped: map[string]bool{}}
}

// give makes the article with text carry x's turns, pages and source.
func (f *fakeArticles) give(text string, x annotate.Article) {
	f.mu.Lock()
	defer f.mu.Unlock()
	norm, err := annotate.NormalizeText([]byte(text))
	if err != nil {
		panic(err)
	}
	f.extra[annotate.TextHash(norm)] = &x
}

func (f *fakeArticles) FindArticleByID(ctx context.Context, id string) (*annotate.Article, error) {
	a, err := f.ArticleService.FindArticleByID(ctx, id)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch x, ok := f.extra[a.SHA256]; {
	case f.dropped[id]:
		a.Turns = nil
	case ok:
		a.Turns, a.Pages, a.Source = x.Turns, x.Pages, x.Source
	case f.detect:
		a.Turns, _ = transcript.DetectTurns(a.Text)
	}
	return a, nil
}

func (f *fakeArticles) UpdateArticleTurns(ctx context.Context, id string, turns []annotate.Turn) error {
	f.mu.Lock()
	f.updates = append(f.updates, id)
	f.dropped[id] = turns == nil
	f.mu.Unlock()
	return f.ArticleService.UpdateArticleTurns(ctx, id, turns)
}

func (f *fakeArticles) updated() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.updates...)
}

func seconds(s float64) *float64 { return &s }

// debateTurns are debate's turns as a subtitle file would give them, with
// times (the last from past an hour).
func debateTurns(t *testing.T) []annotate.Turn {
	t.Helper()
	turns, ok := transcript.DetectTurns(debate)
	if !ok || len(turns) != 5 {
		t.Fatalf("DetectTurns found %d turns in the debate (ok %v), want 5", len(turns), ok)
	}
	for i, s := range []float64{0, 12.4, 75, 190, 3723.9} {
		turns[i].TimeStart = seconds(s)
	}
	return turns
}

// newDebateDesk is a desk on the debate with its turns as subtitles give
// them, and Maria Alvarez in the registry (BRENNAN is not).
func newDebateDesk(t *testing.T) (*testDesk, *fakeArticles, string) {
	t.Helper()
	var fake *fakeArticles
	td := newTestDeskWith(t, []byte(debate), func(db *store.DB) annotate.ArticleService {
		fake = newFakeArticles(db, false)
		fake.give(debate, annotate.Article{Turns: debateTurns(t), Source: &annotate.SourceFile{Name: "debate.srt", Type: "application/x-subrip"}})
		return fake
	})
	ids := td.addSpeakers(annotate.Speaker{Name: "Maria Alvarez"})
	td.flush()
	if err := td.Open(td.article.ID); err != nil {
		t.Fatal(err)
	}
	return td, fake, ids["Maria Alvarez"]
}

func TestTurnsInTheMargin(t *testing.T) {
	td, _, _ := newDebateDesk(t)
	turns := td.article.Turns
	want := []string{"MODERATOR 0:00", "Maria Alvarez 0:12", "BRENNAN 1:15", "MODERATOR 3:10", "Maria Alvarez 1:02:03"}
	got := td.view.MarginLabels()
	if len(got) != len(want) {
		t.Fatalf("%d margin labels, want %d: %+v", len(got), len(want), got)
	}
	for i, l := range got {
		if l.Offset != turns[i].Start || l.Text != want[i] {
			t.Errorf("label %d: %q at %d, want %q at %d", i, l.Text, l.Offset, want[i], turns[i].Start)
		}
	}
	// A speaker added to the registry renames the turns that are theirs.
	td.addSpeakers(annotate.Speaker{Name: "Tom Brennan"})
	td.refresh(true)
	if l := td.view.MarginLabels()[2]; l.Text != "Tom Brennan 1:15" {
		t.Errorf("after adding Tom Brennan the third turn says %q", l.Text)
	}
	// An article without turns has no labels.
	other, _, err := td.ImportData("plain.txt", []byte("A plain news report.\nWith two paragraphs.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := td.Open(other); err != nil {
		t.Fatal(err)
	}
	if n := len(td.view.MarginLabels()); n != 0 {
		t.Errorf("plain article has %d margin labels", n)
	}
}

func TestClockTime(t *testing.T) {
	for _, tt := range []struct {
		sec  float64
		want string
	}{{0, "0:00"}, {9.99, "0:09"}, {61, "1:01"}, {3599.5, "59:59"}, {3600, "1:00:00"}, {36125, "10:02:05"}, {-3, "0:00"}} {
		if got := clockTime(tt.sec); got != tt.want {
			t.Errorf("clockTime(%v) = %q, want %q", tt.sec, got, tt.want)
		}
	}
}

func TestClaimInATurnIsItsSpeakers(t *testing.T) {
	td, _, alvarez := newDebateDesk(t)
	brennan := td.addSpeakers(annotate.Speaker{Name: "Harold Keane"})["Harold Keane"] // no turn of his
	td.flush()
	withAttribution, _ := td.text.Anchor(td.rangeOf("Unemployment is at its lowest since 2008."))
	for _, tt := range []struct {
		name, phrase string
		speaker      string // want the claim's SpeakerID
		status       string // want in the status line
	}{
		{"registered speaker's turn", "Crime in our city fell by twelve percent last year", alvarez, "claim by Maria Alvarez (the speaker of this turn)"},
		{"unregistered speaker", "The city has lost three thousand jobs", "", "claim with no claimant: BRENNAN, this turn's speaker, is not in the registry"},
		{"across two turns", "better.\nMODERATOR: Ms. Alvarez", "", "1 claims"},
		{"inside an attribution", "lowest since 2008", brennan, "1 claims"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "inside an attribution" {
				td.view.SetSelection(withAttribution.Start, withAttribution.End)
				td.createAttribution()
				td.updateAttribution(td.Selected(), "", func(a *annotate.Attribution) { a.SpeakerID = brennan })
			}
			td.view.SetSelection(td.rangeOf(tt.phrase))
			test.Type(td.view, "c")
			c := td.findClaim(td.Selected())
			if c == nil || c.Anchors[0].Exact != tt.phrase {
				t.Fatalf("no claim made on %q (selected %q: %+v; status %q)", tt.phrase, td.Selected(), c, td.status.Text)
			}
			if c.SpeakerID != tt.speaker {
				t.Errorf("claimant %q (%s), want %q", c.SpeakerID, td.speakerName(c.SpeakerID), tt.speaker)
			}
			if !strings.Contains(td.status.Text, tt.status) {
				t.Errorf("status %q, want %q", td.status.Text, tt.status)
			}
			stored := td.stored().Claims
			if s := stored[len(stored)-1]; s.ID != c.ID || s.SpeakerID != tt.speaker {
				t.Errorf("stored claim %s by %q", s.ID, s.SpeakerID)
			}
			td.deleteSelected()
			td.flush()
		})
	}
}

func TestStatusSaysPageAndTurn(t *testing.T) {
	report := "The first page of the report says the budget grew.\nThe second page says it shrank again.\nThe third page has the tables.\n"
	var fake *fakeArticles
	td := newTestDeskWith(t, []byte(report), func(db *store.DB) annotate.ArticleService {
		fake = newFakeArticles(db, false)
		fake.give(report, annotate.Article{Pages: []annotate.Page{{Number: 3, Start: 0, End: 52}, {Number: 4, Start: 52, End: 90}, {Number: 5, Start: 90, End: 121}}})
		return fake
	})
	for _, tt := range []struct{ phrase, want string }{
		{"budget grew", "(11 characters), p. 3 "},
		{"it shrank", ", p. 4 "},
		{"grew.\nThe second", ", pp. 3–4 "},
	} {
		td.view.SetSelection(td.rangeOf(tt.phrase))
		if !strings.Contains(td.status.Text, tt.want) {
			t.Errorf("selecting %q: status %q, want %q", tt.phrase, td.status.Text, tt.want)
		}
	}
	td2, _, _ := newDebateDesk(t)
	for _, tt := range []struct{ phrase, want string }{
		{"four hundred new teachers", "(25 characters), Maria Alvarez's turn at 0:12 "},
		{"three thousand jobs", ", BRENNAN's turn at 1:15 "},
		{"MODERATOR: Good", "(15 characters) —"}, // a label is in no turn
	} {
		td2.view.SetSelection(td2.rangeOf(tt.phrase))
		if !strings.Contains(td2.status.Text, tt.want) {
			t.Errorf("selecting %q: status %q, want %q", tt.phrase, td2.status.Text, tt.want)
		}
	}
}

// importAndWait imports a file as the Import dialog does and waits until
// the article is open.
func (td *testDesk) importAndWait(name string, data []byte) {
	td.t.Helper()
	before := ""
	if td.article != nil {
		before = td.article.ID
	}
	td.importData(name, data)
	if !td.pumpUntil(func() bool { return td.article != nil && td.article.ID != before }, 10*time.Second) {
		td.t.Fatalf("%s not opened; status %q", name, td.status.Text)
	}
}

// overlayHolds reports whether the dialog on top shows text.
func (td *testDesk) overlayHolds(text string) bool {
	top := td.win.Canvas().Overlays().Top()
	return top != nil && holdsText(top, text)
}

func TestPlainTranscriptAsksWhetherToKeepTurns(t *testing.T) {
	for _, tt := range []struct {
		name   string
		answer string // "" when the question must not be asked
		turns  int    // the article's turns after
	}{
		{"keep", "Keep", 5},
		{"plain text", "Plain text", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var fake *fakeArticles
			td := newTestDeskWith(t, nil, func(db *store.DB) annotate.ArticleService {
				fake = newFakeArticles(db, true)
				return fake
			})
			td.importAndWait("debate.txt", []byte(debate))
			question := "This looks like a transcript: 5 turns by MODERATOR, ALVAREZ, BRENNAN.\nKeep the turns?"
			if !td.overlayHolds(question) {
				t.Fatalf("no question %q after importing a plain transcript", question)
			}
			td.tapOverlayButton(tt.answer)
			id := td.article.ID
			if tt.answer == "Plain text" {
				td.waitStatus("kept as plain text")
				if got := fake.updated(); len(got) != 1 || got[0] != id {
					t.Errorf("UpdateArticleTurns called for %v, want [%s]", got, id)
				}
			} else if got := fake.updated(); len(got) != 0 {
				t.Errorf("Keep changed the turns of %v", got)
			}
			if n := len(td.article.Turns); n != tt.turns || len(td.view.MarginLabels()) != tt.turns {
				t.Errorf("%d turns and %d margin labels, want %d", n, len(td.view.MarginLabels()), tt.turns)
			}
			if err := td.Open(id); err != nil || len(td.article.Turns) != tt.turns {
				t.Errorf("reopened with %d turns (%v), want %d", len(td.article.Turns), err, tt.turns)
			}
		})
	}
}

func TestNoTurnQuestionWhenNotAsked(t *testing.T) {
	var fake *fakeArticles
	td := newTestDeskWith(t, nil, func(db *store.DB) annotate.ArticleService {
		fake = newFakeArticles(db, true)
		return fake
	})
	subtitles := strings.Replace(debate, "Good evening.", "Good evening, subtitled.", 1)
	fake.give(subtitles, annotate.Article{Turns: debateTurns(t)[:1], Source: &annotate.SourceFile{Name: "d.srt", Type: "application/x-subrip"}})
	for _, tt := range []struct{ name, text string }{
		{"no turns", "A plain news report.\nThe mayor said so.\n"},
		{"turns from subtitles", subtitles},
	} {
		td.importAndWait(tt.name+".txt", []byte(tt.text))
		if top := td.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s: a dialog is shown after import", tt.name)
		}
	}
	td.importAndWait("debate.txt", []byte(debate))
	td.tapOverlayButton("Keep")
	td.importData("again.txt", []byte(debate)) // already imported: asked once
	td.waitStatus("already imported")
	if top := td.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the question is asked again on importing the same text")
	}
	if len(fake.updated()) != 0 {
		t.Errorf("turns changed without asking")
	}
}

// holdsText reports whether a label or rich text in o's tree shows s.
func holdsText(o fyne.CanvasObject, s string) bool {
	found := false
	walkTree(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == s {
			found = true
		}
	})
	return found
}

// TestFirstPersonSourceIsTheTurnsSpeaker: a source "I" set by hand in a
// turn is the turn's speaker; it once took the fullest name the text gives
// the "surname" I.
func TestFirstPersonSourceIsTheTurnsSpeaker(t *testing.T) {
	td, _, alvarez := newDebateDesk(t)
	at := func(phrase string) int { s, _ := td.rangeOf(phrase); return s }
	for _, c := range []struct {
		name, mention string
		start         int
		speaker, new  string
	}{
		{"registered speaker's turn", "I", at("Thank you. Crime"), alvarez, ""},
		{"unregistered speaker's turn", "me", at("My opponent's"), "", "BRENNAN"},
		{"addressee", "you", at("Thank you. Crime"), "", ""},
		{"outside every turn", "I", at("BRENNAN:"), "", ""},
	} {
		speaker, name := td.sourceSpeaker("", annotate.Anchor{Start: c.start, End: c.start + len(c.mention), Exact: c.mention}, "")
		if speaker != c.speaker || name != c.new {
			t.Errorf("%s: %q is speaker %q, new name %q; want %q, %q", c.name, c.mention, speaker, name, c.speaker, c.new)
		}
	}
}
