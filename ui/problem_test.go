package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// storeOpener opens projects as the command line does, closing them when
// the test ends.
func storeOpener(t *testing.T) Opener {
	return func(path string) (Services, func() error, error) {
		db, err := store.Open(path)
		if err != nil {
			return Services{}, nil, err
		}
		t.Cleanup(func() { db.Close() })
		return services(db), db.Close, nil
	}
}

// damagedProject is a file named like a project that is not one.
func damagedProject(t *testing.T) (string, error) {
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, []byte("SQLite format 3\x00 but then nothing of the kind, truncated"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path)
	if err == nil {
		t.Fatal("a damaged file opened as a project")
	}
	return path, err
}

// buttons are the labels of the buttons in o.
func buttons(o fyne.CanvasObject) []string {
	var labels []string
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			labels = append(labels, b.Text)
		}
	})
	return labels
}

// TestProblemWindowShowsWhyAndOpensAnother: a project that cannot be opened
// gets a window with the path and the reason, offering another project and
// Quit; one that cannot be opened either is said so there, and one that
// can opens in the desk.
func TestProblemWindowShowsWhyAndOpensAnother(t *testing.T) {
	a := test.NewTempApp(t)
	path, openErr := damagedProject(t)
	p := newProblemWindow(a, openErr, path, storeOpener(t))
	t.Cleanup(func() {
		if p.desk == nil { // else it closed when the desk opened
			p.win.Close()
		}
	})
	msg := p.message.Text
	if !strings.Contains(msg, path) || !strings.Contains(msg, annotate.ErrorMessage(openErr)) {
		t.Fatalf("the window says %q; want the path and %q", msg, annotate.ErrorMessage(openErr))
	}
	got := strings.Join(buttons(p.win.Content()), ", ")
	for _, want := range []string{"Open another project…", "New project…", "Quit"} {
		if !strings.Contains(got, want) {
			t.Errorf("buttons %s lack %q", got, want)
		}
	}

	other, otherErr := damagedProject(t)
	if p.OpenProject(other) || p.desk != nil || !strings.Contains(p.message.Text, other) ||
		!strings.Contains(p.message.Text, annotate.ErrorMessage(otherErr)) {
		t.Fatalf("opening another damaged project: %q", p.message.Text)
	}

	good := filepath.Join(t.TempDir(), "good.db")
	db, err := store.Open(good)
	if err != nil {
		t.Fatal(err)
	}
	art := annotate.SampleArticle(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	if _, err := db.CreateArticle(t.Context(), art); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if !p.OpenProject(good) || p.desk == nil {
		t.Fatalf("a good project did not open: %q", p.message.Text)
	}
	t.Cleanup(p.desk.win.Close)
	for _, w := range a.Driver().AllWindows() {
		if w == p.win {
			t.Error("the problem window stays open beside the desk")
		}
	}
	if p.desk.Article() == nil || p.desk.Article().ID != art.ID {
		t.Fatal("the desk on the project chosen does not show its article")
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
}

// TestProblemWindowNewProject: a new project is created and opened; an
// existing file is never taken as new.
func TestProblemWindowNewProject(t *testing.T) {
	a := test.NewTempApp(t)
	path, openErr := damagedProject(t)
	p := newProblemWindow(a, openErr, path, storeOpener(t))
	t.Cleanup(func() {
		if p.desk == nil { // else it closed when the desk opened
			p.win.Close()
		}
	})
	dir := t.TempDir()
	existing := filepath.Join(dir, "kept.db")
	if err := os.WriteFile(existing, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"kept.db", "kept", "../up.db", ""} {
		if err := p.NewProject(dir, name); err == nil {
			t.Errorf("NewProject(%q) was accepted", name)
		}
	}
	if data, _ := os.ReadFile(existing); string(data) != "my notes" {
		t.Fatal("an existing file was touched")
	}
	if err := p.NewProject(dir, "fresh"); err != nil || p.desk == nil {
		t.Fatalf("a new project did not open: %v (%q)", err, p.message.Text)
	}
	t.Cleanup(p.desk.win.Close)
	if _, err := os.Stat(filepath.Join(dir, "fresh.db")); err != nil {
		t.Fatal(err)
	}
}
