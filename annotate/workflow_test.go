package annotate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStatusTransitions(t *testing.T) {
	for _, s := range Statuses {
		for _, n := range s.Next() {
			if !slices.Contains(Statuses, n) {
				t.Errorf("%s → %s: not a status", s, n)
			}
			if n == StatusApproved || n == StatusCorrected {
				t.Errorf("%s → %s is offered; approvals and corrections move a claim there", s, n)
			}
			if n == s {
				t.Errorf("%s → itself is offered", s)
			}
		}
		if len(s.Next()) == 0 {
			t.Errorf("%s is a dead end", s)
		}
	}
	if StatusCandidate.CanBecome(StatusPublished) {
		t.Error("a candidate can be published without research or approval")
	}
	if !StatusApproved.CanBecome(StatusPublished) || !StatusPublished.CanBecome(StatusOutdated) {
		t.Error("approved → published → outdated is not offered")
	}
}

func TestLegacyStatusJSON(t *testing.T) {
	for old, want := range map[string]Status{"new": StatusCandidate, "in_review": StatusResearching,
		"checked": StatusVerdictProposed, "dismissed": StatusDismissed, "published": StatusPublished} {
		var s Status
		if err := json.Unmarshal([]byte(`"`+old+`"`), &s); err != nil || s != want {
			t.Errorf("%q reads as %q (%v), want %q", old, s, err, want)
		}
		if name, ok := want.LegacyName(); ok != (old != "published") || ok && name != old {
			t.Errorf("%q.LegacyName() = %q, %v", want, name, ok)
		}
	}
}

func TestApprovalHash(t *testing.T) {
	a := Note{Meta: Meta{ID: "b"}, Verdict: "False", Rationale: "r", Sources: []Evidence{{URL: "https://x.org"}}}
	b := Note{Meta: Meta{ID: "a"}, Verdict: "True"}
	h := ApprovalHash([]Note{a, b})
	if h != ApprovalHash([]Note{b, a}) {
		t.Error("the hash depends on the notes' order")
	}
	if len(h) != 64 {
		t.Errorf("hash %q is not SHA-256 hex", h)
	}
	changed := a
	changed.Sources = []Evidence{{URL: "https://x.org", Excerpt: "p"}}
	for name, n := range map[string]Note{"evidence": changed, "verdict": {Meta: a.Meta, Verdict: "True", Rationale: "r", Sources: a.Sources}} {
		if ApprovalHash([]Note{n, b}) == h {
			t.Errorf("changing the %s keeps the hash", name)
		}
	}
	a.Author, a.Modified = "someone", time.Now()
	if ApprovalHash([]Note{a, b}) != h {
		t.Error("the author or time of a note changes the hash")
	}
}

func TestApproved(t *testing.T) {
	now := time.Now()
	c := Claim{Approvals: []Approval{{Reviewer: "A"}, {Reviewer: "A"}, {Reviewer: "B", Withdrawn: &now}}}
	if got := c.ActiveReviewers(); !slices.Equal(got, []string{"A"}) {
		t.Errorf("ActiveReviewers = %v, want [A]", got)
	}
	if !c.Approved(0) || !c.Approved(1) || c.Approved(2) {
		t.Error("one reviewer counted wrong against 0, 1, 2 required")
	}
}

func TestArchivedURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://web.archive.org/web/20240101000000/https://example.org/a?b=1": "https://example.org/a?b=1",
		"http://web.archive.org/web/2024id_/http://example.org/":               "http://example.org/",
		"https://archive.ph/2024.01.01-000000/https://example.org/x":           "https://example.org/x",
		"https://archive.ph/AbCdE":                                             "",
		"https://perma.cc/ABCD-1234":                                           "",
		"https://example.org/web/1/https://x.org":                              "",
		"": "",
	} {
		got, ok := ArchivedURL(in)
		if got != want || ok != (want != "") {
			t.Errorf("ArchivedURL(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if !IsArchiveURL("https://perma.cc/ABCD-1234") || IsArchiveURL("https://example.org/") {
		t.Error("IsArchiveURL misjudges perma.cc or a plain page")
	}
}

func TestEvidenceValidate(t *testing.T) {
	good := Evidence{URL: "https://x.org", Type: SourceExpert, Accessed: "2026-01-02T10:00:00Z",
		Archives: []string{"https://web.archive.org/web/1/https://x.org"},
		Snapshot: &Snapshot{Name: "x.pdf", MediaType: "application/pdf", Size: 10, SHA256: strings.Repeat("a", 64)}}
	if err := good.validate("sources[1]"); err != nil {
		t.Fatalf("good record: %v", err)
	}
	for name, edit := range map[string]func(*Evidence){
		"type":    func(e *Evidence) { e.Type = "blog" },
		"archive": func(e *Evidence) { e.Archives = []string{"ftp://x"} },
		"id":      func(e *Evidence) { e.ID = "7" },
		"snapshot": func(e *Evidence) {
			e.Snapshot = &Snapshot{Name: "../x", MediaType: "application/pdf", Size: 1, SHA256: strings.Repeat("a", 64)}
		},
		"big": func(e *Evidence) {
			e.Snapshot = &Snapshot{Name: "x", MediaType: "application/pdf", Size: MaxSnapshotSize + 1, SHA256: strings.Repeat("a", 64)}
		},
		"accessed": func(e *Evidence) { e.Accessed = "yesterday" },
	} {
		e := good
		edit(&e)
		if err := e.validate("sources[1]"); err == nil || !strings.HasPrefix(err.Error(), "sources[1]") {
			t.Errorf("%s: error = %v, want one naming sources[1]", name, err)
		}
	}
}
