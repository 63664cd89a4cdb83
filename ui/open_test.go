package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// brokenAnnotations fails reading the annotations of one article, by error
// or panic, as damaged stored data can.
type brokenAnnotations struct {
	annotate.AnnotationService
	id    string
	panic bool
}

func (b brokenAnnotations) FindAnnotations(ctx context.Context, id string) (*annotate.Annotations, error) {
	if id == b.id {
		if b.panic {
			var a *annotate.Annotations
			_ = a.Claims[0] // the nil dereference a bad row could cause
		}
		return nil, errors.New("bad row")
	}
	return b.AnnotationService.FindAnnotations(ctx, id)
}

// twoArticleProject is a project with the sample and a second article; the
// second is the one opened last.
func twoArticleProject(t *testing.T) (db *store.DB, sample, other *annotate.Article) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	sample = annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	other, err = annotate.NewArticle([]byte("A broken article\n\nIt cannot be shown."), annotate.ArticleMeta{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*annotate.Article{sample, other} {
		if _, err := db.CreateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.MarkOpened(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	return db, sample, other
}

// TestArticleThatCannotBeShownLeavesTheDeskUsable: the article opened last
// fails to show (an error, or a panic); the desk still starts, says which
// article could not be shown, and opens the others.
func TestArticleThatCannotBeShownLeavesTheDeskUsable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		panic bool
	}{
		{"error", false},
		{"panic", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, sample, broken := twoArticleProject(t)
			svc := services(db)
			svc.Annotations = brokenAnnotations{AnnotationService: db, id: broken.ID, panic: tc.panic}
			// What the desk's goroutines deliver stays queued: the test driver's
			// fyne.Do runs it at once, on their goroutine, while the next test
			// builds its widgets.
			d, err := newDesk(test.NewTempApp(t), svc, &testPump{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(d.win.Close)
			if err := d.OpenFirst(""); err != nil {
				t.Fatalf("the desk did not start: %v", err)
			}
			status := d.status.Text
			for _, want := range []string{broken.Title, broken.ID} {
				if !strings.Contains(status, want) {
					t.Errorf("status %q does not name the article (%q)", status, want)
				}
			}
			if d.win.Canvas().Overlays().Top() == nil {
				t.Error("no dialog tells that the article could not be shown")
			}
			if d.Article() == nil || d.Article().ID != sample.ID {
				t.Fatalf("the desk did not open the other article instead (open: %v)", d.Article())
			}
			if d.lib.total != 2 {
				t.Fatalf("the library lists %d articles, want 2", d.lib.total)
			}
			if err := d.Open(broken.ID); err == nil || !strings.Contains(err.Error(), broken.ID) {
				t.Fatalf("opening the broken article again: %v", err)
			}
			if d.Article() != nil {
				t.Fatal("a half-shown article stays open after the failure")
			}
			if err := d.Open(sample.ID); err != nil || len(d.highlights()) != 0 {
				t.Fatalf("the sample does not open after the failure: %v", err)
			}
		})
	}
}

// services is the desk's view of a store, as cmd/factmark wires it.
func services(db *store.DB) Services {
	return Services{Articles: db, Annotations: db, Speakers: db, Settings: db, Documents: db, Rejections: db}
}

// brokenSpeakers and brokenSettings fail reading, as a damaged row would.
type brokenSpeakers struct{ annotate.SpeakerService }

func (brokenSpeakers) FindSpeakers(context.Context) ([]annotate.Speaker, error) {
	return nil, annotate.Errorf(annotate.EINTERNAL, "load speakers: a row is damaged")
}

type brokenSettings struct{ annotate.SettingsService }

func (brokenSettings) Settings(context.Context) (annotate.Settings, error) {
	return annotate.Settings{}, annotate.Errorf(annotate.EINTERNAL, "read settings: a row is damaged")
}

// TestDeskStartsWhenSpeakersOrSettingsCannotBeRead: the desk starts, on
// the article opened last, and says what could not be read.
func TestDeskStartsWhenSpeakersOrSettingsCannotBeRead(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(*Services)
		want  string
	}{
		{"speakers", func(s *Services) { s.Speakers = brokenSpeakers{s.Speakers} }, "load speakers"},
		{"settings", func(s *Services) { s.Settings = brokenSettings{s.Settings} }, "read settings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _, other := twoArticleProject(t)
			svc := services(db)
			tc.spoil(&svc)
			// What the desk's goroutines deliver stays queued: the test driver's
			// fyne.Do runs it at once, on their goroutine, while the next test
			// builds its widgets.
			d, err := newDesk(test.NewTempApp(t), svc, &testPump{})
			if err != nil {
				t.Fatalf("the desk did not start: %v", err)
			}
			t.Cleanup(d.win.Close)
			if err := d.OpenFirst(""); err != nil {
				t.Fatal(err)
			}
			if d.Article() == nil || d.Article().ID != other.ID {
				t.Fatal("the article opened last is not shown")
			}
			if !strings.Contains(d.status.Text, tc.want) {
				t.Fatalf("status %q does not say %q", d.status.Text, tc.want)
			}
		})
	}
}
