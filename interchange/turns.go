package interchange

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/interchange/transcript"
)

// importTranscript stores an article with turns and their speakers in one
// transaction: each turn's label is matched to the registry
// (transcript.MatchSpeaker: name, alias or a surname only one speaker has),
// and a label that matches no one becomes a new speaker, named in a readable
// case ("TRUMP" becomes "Trump"). A label that could be several speakers is
// left unmatched, for the user to choose. An article whose text the project
// has is found as it is, its turns and speakers untouched.
func importTranscript(ctx context.Context, s Store, kind Format, name string, a *annotate.Article) (*Report, error) {
	if _, err := s.Articles.FindArticleBySource(ctx, TextSource(a.SHA256)); err == nil {
		return createFound(ctx, s, kind, name, a)
	} else if annotate.ErrorCode(err) != annotate.ENOTFOUND {
		return nil, err
	}
	registry, err := s.Speakers.FindSpeakers(ctx)
	if err != nil {
		return nil, err
	}
	settings, err := s.Settings.Settings(ctx)
	if err != nil {
		return nil, err
	}
	m := matchTurns(a.Turns, registry, a.ImportedAt)
	doc := &annotate.Document{Format: annotate.NativeFormat, Scale: settings.Scale, Speakers: m.speakers,
		Articles: []annotate.ArticleDoc{{Article: *a}}}
	res, err := s.Documents.Import(ctx, doc)
	if err != nil {
		return nil, err
	}
	if len(res.ArticleIDs) != 1 {
		return nil, annotate.Errorf(annotate.EINTERNAL, "the project stored %d articles for one transcript", len(res.ArticleIDs))
	}
	stored, err := s.Articles.FindArticleByID(ctx, res.ArticleIDs[0])
	if err != nil {
		return nil, err
	}
	return &Report{Name: name, Format: kind, Article: stored, Existed: res.ArticlesFound > 0,
		Speakers: len(turnSpeakers(stored.Turns)), SpeakersAdded: res.SpeakersAdded}, nil
}

// createFound stores a, whose text the project has: the store fills a with
// the stored article (and keeps the source file's bytes if it lacked them).
func createFound(ctx context.Context, s Store, kind Format, name string, a *annotate.Article) (*Report, error) {
	existed, err := s.Articles.CreateArticle(ctx, a)
	if err != nil {
		return nil, err
	}
	return &Report{Name: name, Format: kind, Article: a, Existed: existed, Speakers: len(turnSpeakers(a.Turns))}, nil
}

// matched is what matching a transcript's labels gave: the speakers its
// turns now point at (registered ones and new ones).
type matched struct {
	speakers []annotate.Speaker
}

// matchTurns sets each turn's SpeakerID, matching its label to the registry
// as it grows: a speaker added for "MODERATOR (HOLT)" is then found for
// "HOLT". The registry is small (tens of speakers), so it is indexed anew
// for each new label.
func matchTurns(turns []annotate.Turn, registry []annotate.Speaker, now time.Time) matched {
	var m matched
	byLabel := map[string]string{} // label → speaker ID ("" for unmatched)
	used := map[string]bool{}
	reg := annotate.NewRegistry(registry)
	stamp := now.UTC()
	for i := range turns {
		label := turns[i].Speaker
		id, seen := byLabel[label]
		if !seen {
			id = ""
			if sp, ok := transcript.MatchSpeaker(label, reg); ok {
				id = sp.ID
				if !used[id] {
					m.speakers = append(m.speakers, sp)
				}
			} else if !ambiguous(label, reg.Speakers()) {
				sp := annotate.Speaker{ID: annotate.NewID(), Name: ReadableName(label), Created: stamp, Modified: stamp}
				if sp.Validate() == nil {
					id = sp.ID
					m.speakers = append(m.speakers, sp)
					registry = append(registry, sp)
					reg = annotate.NewRegistry(registry)
				}
			}
			byLabel[label] = id
			if id != "" {
				used[id] = true
			}
		}
		turns[i].SpeakerID = id
	}
	return m
}

// ambiguous reports whether label's name could be several registered
// speakers: its last word is the surname of two or more (Bill and Hillary
// Clinton for "CLINTON"). Then no new speaker is made; the user chooses.
func ambiguous(label string, registry []annotate.Speaker) bool {
	name, _, _ := strings.Cut(label, ",")
	name, _, _ = strings.Cut(name, "(")
	words := strings.Fields(annotate.NameKey(name))
	if len(words) == 0 {
		return false
	}
	last, n := words[len(words)-1], 0
	for _, s := range registry {
		if w := strings.Fields(annotate.NameKey(s.Name)); len(w) > 0 && w[len(w)-1] == last {
			n++
		}
	}
	return n > 1
}

// ReadableName is how a speaker's label becomes a registry name: a label in
// capitals, as transcripts write them, gets each word capitalised ("TRUMP"
// → "Trump", "O'ROURKE" → "O'Rourke", "SEN. BERNIE SANDERS" → "Sen. Bernie
// Sanders"); a label with lower-case letters is kept as written.
func ReadableName(label string) string {
	label = strings.Join(strings.Fields(label), " ")
	if strings.IndexFunc(label, unicode.IsLower) >= 0 {
		return label
	}
	rs := []rune(label)
	for i, r := range rs {
		if wordStart(rs, i) {
			rs[i] = unicode.ToTitle(r)
		} else {
			rs[i] = unicode.ToLower(r)
		}
	}
	return string(rs)
}

// wordStart reports whether rs[i] begins a word: it follows no letter, or
// follows an apostrophe after a single letter ("O'Rourke", "D'Angelo";
// not "Don't").
func wordStart(rs []rune, i int) bool {
	switch {
	case i == 0 || !unicode.IsLetter(rs[i-1]) && rs[i-1] != '\'' && rs[i-1] != '’':
		return true
	case rs[i-1] == '\'' || rs[i-1] == '’':
		return i >= 2 && unicode.IsLetter(rs[i-2]) && (i == 2 || !unicode.IsLetter(rs[i-3]))
	}
	return false
}

// turnSpeakers are the distinct speakers of turns: by registry ID, or by
// label where a turn has none.
func turnSpeakers(turns []annotate.Turn) map[string]bool {
	seen := map[string]bool{}
	for _, t := range turns {
		key := "id:" + t.SpeakerID
		if t.SpeakerID == "" {
			key = "label:" + annotate.NameKey(t.Speaker)
		}
		seen[key] = true
	}
	return seen
}

// TurnsLine says how many turns and speakers the imported article has, or
// is "" when it has none: "found 212 turns by 4 speakers (2 new in the
// registry)". The command line prints it after the summary; the desk shows
// it with the report.
func (r *Report) TurnsLine() string {
	if r.Article == nil || len(r.Article.Turns) == 0 {
		return ""
	}
	n := len(r.Article.Turns)
	if r.Existed {
		return "it has " + howMany(n, "turn") + " by " + howMany(r.Speakers, "speaker")
	}
	unmatched := 0
	for key := range turnSpeakers(r.Article.Turns) {
		if strings.HasPrefix(key, "label:") {
			unmatched++
		}
	}
	line := fmt.Sprintf("found %s by %s (%d new in the registry, %d already there", howMany(n, "turn"), howMany(r.Speakers, "speaker"),
		r.SpeakersAdded, r.Speakers-r.SpeakersAdded-unmatched)
	if unmatched > 0 {
		line += fmt.Sprintf(", %d not matched", unmatched)
	}
	return line + ")"
}
