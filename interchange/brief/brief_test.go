package brief

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/factmark/factmark/annotate"
)

func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    Format
	}{{"brief.html", HTML}, {"brief.md", Markdown}} {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, write(t, testDocument(t), tt.f, Options{}))
		})
	}
}

// TestContent checks what every format says of the test document, so that
// the golden files are not the only check: the claims with a verdict and
// not the one without, the verdict that stands with its explanation, the
// claimant from the speaker and from the attribution, sources, archive
// links, the snapshot's hash, reviewers whose approval stands, and the
// correction.
func TestContent(t *testing.T) {
	want := []string{
		"Brennport’s budget under scrutiny", "Łódź Courier", "Zoë Adams and Piotr Nowak", "2026-10-29",
		"https://news.example/brennport-budget", "Brennport Fact Desk",
		"the new bridge cost 34 percent more than planned", "Zoë Kowalczyk, Mayor of Brennport",
		"Mostly true", "Accurate, but it needs context.", "€41.2m against a budget of €30.8m",
		"Annual accounts 2025", "Brennport Council", "official data", "accessed 2026-10-31",
		"https://web.archive.org/web/20261031000000/https://council.example/accounts-2025.pdf",
		strings.Repeat("ab", 32), "Kai Osei (2026-11-01) and Mia Brandt (2026-11-02)",
		"unemployment has halved since 2020", "The councillor from Łódź", "False", "Not accurate.",
		"2026-11-04", "The office published revised figures.", "Labour market bulletin, October",
		"https://facts.example/fact-check/unemployment-halved",
	}
	for _, f := range []Format{HTML, Markdown, PDF} {
		t.Run(string(f), func(t *testing.T) {
			text := readable(t, f, write(t, testDocument(t), f, Options{}))
			for _, s := range want {
				if !strings.Contains(text, s) {
					t.Errorf("the brief lacks %q", s)
				}
			}
			for _, s := range []string{"about 9,000 people a day”", "Waiting for the ferry company", "Old Reviewer", "First look", withheldMarker} {
				if strings.Contains(text, s) && !(f == HTML && strings.HasPrefix(s, "about")) {
					t.Errorf("the brief has %q", s)
				}
			}
		})
	}
}

// readable is the brief's text as a reader would search it: the HTML and
// Markdown with their escapes undone, the PDF's text extracted.
func readable(tb testing.TB, f Format, data []byte) string {
	tb.Helper()
	switch f {
	case HTML:
		return htmlUnescape(string(data))
	case Markdown:
		return mdUnescape(string(data))
	}
	return pdfText(tb, data)
}

func TestApprovedOnly(t *testing.T) {
	for _, f := range []Format{HTML, Markdown, PDF} {
		text := readable(t, f, write(t, testDocument(t), f, Options{ApprovedOnly: true}))
		if !strings.Contains(text, "the new bridge cost") || strings.Contains(text, "unemployment has halved") && f != HTML {
			t.Errorf("%s: approved only should keep claim 1 (two reviewers) and drop claim 2 (one of two)", f)
		}
		if f == HTML && strings.Contains(text, `id="claim-2"`) {
			t.Errorf("html: claim 2 is in an approved-only brief")
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range []Format{HTML, Markdown, PDF} {
		a := write(t, testDocument(t), f, Options{})
		b := write(t, testDocument(t), f, Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two briefs of the same document differ:\n%s", f, firstDiff(a, b))
		}
	}
	pdf := write(t, testDocument(t), PDF, Options{})
	if !bytes.Contains(pdf, []byte("/CreationDate (D:20261104")) {
		t.Errorf("the PDF's creation date is not the last change (2026-11-04): %s", grep(pdf, "CreationDate"))
	}
	dated := write(t, testDocument(t), PDF, Options{Date: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)})
	if !bytes.Contains(dated, []byte("/CreationDate (D:20270102030405")) {
		t.Errorf("Options.Date is not the PDF's creation date: %s", grep(dated, "CreationDate"))
	}
}

func grep(data []byte, key string) string {
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return "(no " + key + ")"
	}
	return string(data[i:min(len(data), i+40)])
}

func TestConclusionScale(t *testing.T) {
	doc := testDocument(t)
	doc.Scale = annotate.Scale{Name: "Conclusions", Conclusion: true}
	doc.Articles[0].Notes[0].Verdict = "The bridge ran a third over budget."
	for _, f := range []Format{HTML, Markdown, PDF} {
		text := readable(t, f, write(t, doc, f, Options{}))
		if !strings.Contains(text, "Conclusion") || !strings.Contains(text, "The bridge ran a third over budget.") {
			t.Errorf("%s: the conclusion is not shown as one", f)
		}
		if strings.Contains(text, "Accurate, but") {
			t.Errorf("%s: a conclusion scale shows a verdict's explanation", f)
		}
	}
}

func TestNoClaims(t *testing.T) {
	doc := testDocument(t)
	doc.Articles[0].Notes = nil
	for _, f := range []Format{HTML, Markdown, PDF} {
		text := readable(t, f, write(t, doc, f, Options{}))
		if !strings.Contains(text, "No claim has a verdict to publish yet.") {
			t.Errorf("%s: an empty brief does not say so", f)
		}
	}
	empty := &annotate.Document{Format: annotate.NativeFormat}
	if err := Write(&bytes.Buffer{}, empty, annotate.Settings{}, Options{Format: PDF}); err != nil {
		t.Errorf("a brief of nothing: %v", err)
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, testDocument(t), testSettings(), Options{Format: "docx"})
	if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(annotate.ErrorMessage(err), "html, md or pdf") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestHighlight checks the article's text in the page: each claim's words
// marked and linked to the claim, the rest escaped, the text intact.
func TestHighlight(t *testing.T) {
	page := string(write(t, testDocument(t), HTML, Options{}))
	for _, s := range []string{
		`<mark><a href="#claim-1" title="Claim 1">the new bridge cost 34 percent more than planned</a></mark>`,
		`<mark><a href="#claim-2" title="Claim 2">unemployment has halved since 2020</a></mark>`,
		`“about 9,000 people a day”.</div>`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	if strings.Contains(string(write(t, testDocument(t), HTML, Options{NoArticleText: true})), "<mark>") {
		t.Error("NoArticleText kept the article's text")
	}
	// Overlapping and out-of-range pieces: the earlier claim keeps the overlap.
	a := articleView{Text: "abcdef<g>", Claims: []claimView{{N: 1, Anchors: []span{{1, 4}}}, {N: 2, Anchors: []span{{2, 6}, {8, 99}, {-5, 0}}}}}
	want := `a<mark><a href="#claim-1" title="Claim 1">bcd</a></mark><mark><a href="#claim-2" title="Claim 2">ef</a></mark>&lt;g<mark><a href="#claim-2" title="Claim 2">&gt;</a></mark>`
	if got := string(highlight(a)); got != want {
		t.Errorf("highlight:\n got %s\nwant %s", got, want)
	}
}
