package deskstate

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

func (f *fakeStore) UpdateSettings(_ context.Context, s annotate.Settings) error {
	return f.do("settings " + s.Annotator)
}
func (f *fakeStore) UpdateArticleMeta(_ context.Context, id string, m annotate.ArticleMeta) error {
	return f.do("meta " + id + " " + m.Title)
}

// TestApplySettingsAndMeta: a settings step sets the state's settings; an
// article-details step changes the open article (trimmed) and not another's.
func TestApplySettingsAndMeta(t *testing.T) {
	s := annotate.Settings{Annotator: "Ana", OrganizationURL: "https://desk.example/", Theme: "dark", Scale: annotate.DefaultScale()}
	art := &annotate.Article{ID: "art", Title: "Old", Language: "en"}
	st := State{ArticleID: "art", Article: art, Ann: &annotate.Annotations{}}
	st.Apply(Change{Ops: []Op{
		UpdateSettings(s),
		UpdateArticleMeta("art", annotate.ArticleMeta{Title: " New ", Authors: []string{"A", " "}, Language: "fr"}),
		UpdateArticleMeta("another", annotate.ArticleMeta{Title: "Wrong"}),
	}})
	if !reflect.DeepEqual(st.Settings, s) {
		t.Errorf("settings = %+v, want %+v", st.Settings, s)
	}
	want := annotate.Article{ID: "art", Title: "New", Authors: []string{"A"}, Language: "fr"}
	if !reflect.DeepEqual(*art, want) {
		t.Errorf("article = %+v, want %+v", *art, want)
	}
	s.Scale.Verdicts[0].Label = "changed after"
	if st.Settings.Scale.Verdicts[0].Label == "changed after" {
		t.Error("the step shares its scale with the caller")
	}
}

// TestValidateSettingsAndMeta: bad settings and details are refused before
// they are queued.
func TestValidateSettingsAndMeta(t *testing.T) {
	tests := []struct {
		op   Op
		want string
	}{
		{UpdateSettings(annotate.Settings{Scale: annotate.DefaultScale(), Theme: "pink"}), "theme"},
		{UpdateSettings(annotate.Settings{Scale: annotate.DefaultScale()}), ""},
		{UpdateArticleMeta("art", annotate.ArticleMeta{Title: ""}), "title"},
		{UpdateArticleMeta("art", annotate.ArticleMeta{Title: "T", URL: "x"}), "url"},
		{UpdateArticleMeta("art", annotate.ArticleMeta{Title: "T"}), ""},
	}
	for _, tt := range tests {
		err := Change{Ops: []Op{tt.op}}.Validate("art", annotate.NewText("text"), nil)
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(annotate.ErrorMessage(err), tt.want) {
			t.Errorf("Validate = %v, want an error on %q", err, tt.want)
		}
	}
}

// TestQueueWritesSettingsAndMeta: both steps reach the store, in order.
func TestQueueWritesSettingsAndMeta(t *testing.T) {
	f := newFakeStore(nil)
	q := NewQueue(f, time.Millisecond, func(Event) {})
	defer q.Close()
	q.Push(Change{Ops: []Op{UpdateSettings(annotate.Settings{Annotator: "Ana", Scale: annotate.DefaultScale()})}})
	q.Push(Change{Ops: []Op{UpdateArticleMeta("art", annotate.ArticleMeta{Title: "T"})}})
	if !q.Wait(5 * time.Second) {
		t.Fatal("writes did not finish")
	}
	if got, want := f.writes(), []string{"settings Ana", "meta art T"}; !reflect.DeepEqual(got, want) {
		t.Errorf("writes = %v, want %v", got, want)
	}
}
