package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// TestSaveLogRecordsCommittedWrites: with FACTMARK_SAVELOG set, the desk's
// annotation service logs each write after the store committed it, and
// nothing for a write the store refused.
func TestSaveLogRecordsCommittedWrites(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "save.log")
	t.Setenv(saveLogEnv, logPath)
	db, err := store.Open(filepath.Join(dir, "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	art := annotate.SampleArticle(time.Now())
	if _, err := db.CreateArticle(ctx, art); err != nil {
		t.Fatal(err)
	}
	svc := services(db).Annotations
	anchor, err := annotate.NewText(art.Text).Anchor(20, 40)
	if err != nil {
		t.Fatal(err)
	}
	c := annotate.Claim{Meta: annotate.Meta{ArticleID: art.ID}, Anchors: []annotate.Anchor{anchor}, Status: annotate.StatusCandidate}
	if err := svc.CreateClaim(ctx, &c); err != nil {
		t.Fatal(err)
	}
	bad := annotate.Claim{Meta: annotate.Meta{ArticleID: art.ID}, Status: annotate.StatusCandidate}
	if err := svc.CreateClaim(ctx, &bad); err == nil {
		t.Fatal("a claim without a span was saved")
	}
	if err := svc.DeleteAnnotation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []savedLine
	for sc := bufio.NewScanner(f); sc.Scan(); {
		var l savedLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		got = append(got, l)
	}
	if len(got) != 2 || got[0].Op != "put" || got[0].ID != c.ID || got[0].Modified.IsZero() || got[1].Op != "delete" || got[1].ID != c.ID {
		t.Fatalf("save log %+v, want a put and a delete of %s", got, c.ID)
	}
}
