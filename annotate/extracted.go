package annotate

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Page is one page of an article made from a PDF: the code points
// [Start, End) of the text drawn on it. Number is the page's number in the
// file, from 1, so that evidence can cite "p. 4".
type Page struct {
	Number int `json:"number"`
	Start  int `json:"start"`
	End    int `json:"end"`
}

// Turn is one speaker's turn in a transcript: who spoke the code points
// [Start, End), and when, in seconds from the start of the recording, where
// the file says so. Speaker is the label as the file gives it ("TRUMP");
// SpeakerID, once the import has matched or added it, the registry's
// speaker the label names.
type Turn struct {
	Speaker   string   `json:"speaker"`
	SpeakerID string   `json:"speaker_id,omitempty"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	TimeStart *float64 `json:"time_start,omitempty"`
	TimeEnd   *float64 `json:"time_end,omitempty"`
}

// SourceFile is the file an article's text was derived from: kept with the
// article so that the text can be derived again and the source shown.
type SourceFile struct {
	Name   string `json:"name"`   // the file's base name
	Type   string `json:"type"`   // media type: text/html, application/pdf, text/vtt, ...
	SHA256 string `json:"sha256"` // of the file's bytes, hex
}

// Extracted is what an importer derives from a source file: the article's
// text, already normalised (see NormalizeText), the details the file gives,
// and where each part of the text came from.
type Extracted struct {
	Text  string
	Meta  ArticleMeta
	Pages []Page // for PDFs, in order, covering the text
	Turns []Turn // for transcripts, in order, not overlapping
}

// Check reports the first thing wrong with e: a text that is not normalised
// or is blank, or a page or turn whose span is not inside the text, is out of
// order or overlaps the one before.
func (e *Extracted) Check() error {
	if !IsNormalized(e.Text) {
		return fieldError("text", "is not normalised (UTF-8, NFC, \\n line ends)")
	}
	n := utf8.RuneCountInString(e.Text)
	if err := checkPages(e.Pages, n); err != nil {
		return err
	}
	return checkTurns(e.Turns, n)
}

func checkPages(pages []Page, n int) error {
	end := 0
	for i, p := range pages {
		switch {
		case p.Number < 1:
			return fieldError("pages", "[%d]: number %d is not a page number", i, p.Number)
		case p.Start < end || p.End < p.Start || p.End > n:
			return fieldError("pages", "[%d]: span %d–%d is out of order or outside the text (%d code points)", i, p.Start, p.End, n)
		}
		end = p.End
	}
	return nil
}

func checkTurns(turns []Turn, n int) error {
	end := 0
	for i, t := range turns {
		switch {
		case strings.TrimSpace(t.Speaker) == "" || CheckLine("speaker", t.Speaker) != nil:
			return fieldError("turns", "[%d]: speaker %q is not a name", i, t.Speaker)
		case t.Start < end || t.End <= t.Start || t.End > n:
			return fieldError("turns", "[%d]: span %d–%d is out of order, empty or outside the text (%d code points)", i, t.Start, t.End, n)
		case t.SpeakerID != "" && !validID(t.SpeakerID):
			return fieldError("turns", "[%d]: speaker_id %q is not a UUID", i, t.SpeakerID)
		case t.TimeStart != nil && (*t.TimeStart < 0 || math.IsNaN(*t.TimeStart) || math.IsInf(*t.TimeStart, 0)),
			t.TimeEnd != nil && (*t.TimeEnd < 0 || math.IsNaN(*t.TimeEnd) || math.IsInf(*t.TimeEnd, 0)):
			return fieldError("turns", "[%d]: a time is not a number of seconds from the start", i)
		case t.TimeStart != nil && t.TimeEnd != nil && *t.TimeEnd < *t.TimeStart:
			return fieldError("turns", "[%d]: ends (%.3f s) before it starts (%.3f s)", i, *t.TimeEnd, *t.TimeStart)
		}
		end = t.End
	}
	return nil
}

// CheckTurns checks turns against the text they are in, as Article.Validate
// does: for a change of an article's turns (the user declining or editing
// detected ones).
func CheckTurns(turns []Turn, text string) error {
	return checkTurns(turns, utf8.RuneCountInString(text))
}

// TurnAt is the index of the turn that code point c lies in, -1 for none;
// turns are in order and apart, as CheckTurns wants them.
func TurnAt(turns []Turn, c int) int {
	k := sort.Search(len(turns), func(k int) bool { return turns[k].End > c })
	if k < len(turns) && turns[k].Start <= c {
		return k
	}
	return -1
}

// validate checks the source file's description: a name, a media type and
// the hex SHA-256 of its bytes.
func (f *SourceFile) validate() error {
	switch {
	case strings.TrimSpace(f.Name) == "":
		return fieldError("source.name", "is empty")
	case !validMediaType(f.Type):
		return fieldError("source.type", "%q is not a media type", f.Type)
	case !validHash(f.SHA256):
		return fieldError("source.sha256", "%q is not the lower-case hex of a SHA-256", f.SHA256)
	}
	return CheckLine("source.name", f.Name)
}

// validMediaType reports whether s looks like a media type: type/subtype,
// without white space.
func validMediaType(s string) bool {
	typ, sub, ok := strings.Cut(s, "/")
	return ok && typ != "" && sub != "" && !strings.ContainsAny(s, " \t\n\r")
}

// FileHash is the hex SHA-256 of a file's bytes, as SourceFile keeps it.
func FileHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// validHash reports whether s is a SHA-256 in lower-case hex.
func validHash(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && len(s) == 64 && strings.ToLower(s) == s
}
