// Package suggest proposes annotations for an article, offline: attributions
// (who said what, with the source, cue and content spans of the PolNeAR
// conventions) and a check-worthiness score for every sentence, each with the
// reasons behind it, for the user to accept, edit or reject.
//
// Attributions come from two linear-chain taggers trained on PolNeAR's train
// split (a cue tagger, then, per cue, a source/content tagger), followed by
// rules the corpus does not teach (quotations that continue an attributed
// one, speaker names made canonical with the registry) and a mention
// resolver that ranks the earlier speakers and names a pronoun or title
// source may mean, learnt from PolNeAR train's named sources (resolve.go). Sentences are scored by a
// logistic regression trained on the CLEF CheckThat! 2019 transcripts, with
// word vectors learned from PolNeAR's train split; given a transcript's
// turns (SuggestWith), it sees who speaks each sentence as it did there, and
// each sentence names its turn's speaker as the claimant.
//
// The models are small files embedded in the binary (model/), rebuilt by
// cmd/factmark-train from ../shared/corpus; nothing is downloaded. Like
// package annotate it imports neither Fyne nor database/sql, and offsets are
// code points.
package suggest

import (
	"context"
	"embed"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/factmark/factmark/annotate"
)

//go:embed model
var modelFS embed.FS

// MinClaimScore is the check-worthiness from which a sentence is proposed as
// a claim, by the desk and by `factmark suggest`. It is chosen on the claims
// model's training data, the CLEF 2019 train transcripts, as the threshold
// that shows ClaimRecall of their check-worthy sentences when each
// transcript is scored by a model trained on the others, as new text is
// (`factmark eval claims FILE` prints it; TestCLEFLeaveOneOutTarget keeps it
// true): 0.11 shows 82% of them and 39% of all sentences, so 5.6% of the
// sentences it shows are check-worthy, twice the 2.7% of all sentences
// that are (PrecisionAt): the threshold is set for recall, since a reviewer
// rejects a wrong suggestion in one key but never sees a hidden one, and
// the ranking puts the likeliest first (MAP 0.27). The shipped
// model's scores of its own training sentences are higher (0.24 would do
// there) and would hide most claims of new text: at 0.25, 30% of the
// held-out check-worthy sentences were shown, and 2 of the seed article's 13
// sentences that hold a claim. The model learns from debates, where few
// sentences are checked, so its probabilities are low.
const MinClaimScore = 0.11

// Model file names, under model/.
const (
	CueModelFile    = "cue.gz"
	RoleModelFile   = "role.gz"
	ClaimsModelFile = "claims.gz"
	WordsModelFile  = "words.gz"
	SpanModelFile   = "span.gz"
	CueLexModelFile = "cuelex.gz"
)

// Suggester holds the loaded models. It is safe for concurrent use.
type Suggester struct {
	attr    *attrModel
	claims  *claimModel
	words   *wordVectors
	resolve *resolver
}

// embedded is the suggester with the models embedded in the binary. Loaded,
// they take 36–40 MB of heap, which a desk that had suggested once kept for
// the rest of the session; so it is kept only while it is used: New notes
// the time, ReleaseUnused drops it once New has not been called for a
// while, and the next New loads it again (0.3 s) unless a caller still
// holds it (weak).
var embedded struct {
	sync.Mutex
	s    *Suggester
	weak weak.Pointer[Suggester]
	used time.Time
}

func readEmbedded(name string) ([]byte, error) { return modelFS.ReadFile("model/" + name) }

// New returns the suggester with the models embedded in the binary, loaded
// once for as long as it is in use (see ReleaseUnused).
func New() (*Suggester, error) {
	embedded.Lock()
	defer embedded.Unlock()
	embedded.used = time.Now()
	if embedded.s == nil {
		embedded.s = embedded.weak.Value()
	}
	if embedded.s != nil {
		return embedded.s, nil
	}
	s, err := Load(readEmbedded)
	if err != nil {
		return nil, err
	}
	embedded.s, embedded.weak = s, weak.Make(s)
	return s, nil
}

// ReleaseUnused lets the embedded models go when New has not been called
// for idle, and reports whether it did: they are garbage at the next
// collection, unless a caller still holds the suggester.
func ReleaseUnused(idle time.Duration) bool {
	embedded.Lock()
	defer embedded.Unlock()
	if embedded.s == nil || time.Since(embedded.used) < idle {
		return false
	}
	embedded.s = nil
	return true
}

// Load builds a suggester from model files read by read (by name: see
// CueModelFile and the others); New uses the embedded ones.
func Load(read func(name string) ([]byte, error)) (*Suggester, error) {
	s := &Suggester{attr: &attrModel{}}
	for _, f := range []struct {
		name string
		load func([]byte) error
	}{
		{CueModelFile, func(b []byte) (err error) { s.attr.Cue, err = unmarshalChain(b); return }},
		{RoleModelFile, func(b []byte) (err error) { s.attr.Role, err = unmarshalChain(b); return }},
		{SpanModelFile, func(b []byte) (err error) { s.attr.Span, err = unmarshalRanker(b); return }},
		{QuoteModelFile, func(b []byte) (err error) { s.attr.Quote, err = unmarshalQuoteScorer(b); return }},
		{CueLexModelFile, func(b []byte) (err error) { s.attr.CueLex, err = unmarshalCueLexicon(b); return }},
		{ClaimsModelFile, func(b []byte) (err error) { s.claims, err = unmarshalClaims(b); return }},
		{WordsModelFile, func(b []byte) (err error) { s.words, err = unmarshalWords(b); return }},
		{ResolveModelFile, func(b []byte) (err error) { s.resolve, err = unmarshalResolver(b); return }},
	} {
		b, err := read(f.name)
		if err != nil {
			return nil, annotate.Errorf(annotate.EINTERNAL, "suggestion model %s is missing: %v", f.name, err)
		}
		if err := f.load(b); err != nil {
			return nil, annotate.Errorf(annotate.EINTERNAL, "suggestion model %s is damaged: %v", f.name, err)
		}
	}
	// A claims model trained where no sentence had a known word has no
	// word-vector weights and ignores the vectors.
	if len(s.claims.E) != 0 && len(s.claims.E) != s.words.Dim {
		return nil, annotate.Errorf(annotate.EINTERNAL, "suggestion models %s and %s do not match (%d and %d dimensions): rebuild them together",
			ClaimsModelFile, WordsModelFile, len(s.claims.E), s.words.Dim)
	}
	if s.attr.Cue.Slots > 0 {
		if err := s.attr.Cue.useVectors(s.words); err != nil {
			return nil, annotate.Errorf(annotate.EINTERNAL, "suggestion models %s and %s do not match: %v: rebuild them together", CueModelFile, WordsModelFile, err)
		}
	}
	return s, nil
}

// Result is what Suggest proposes for one text.
type Result struct {
	// Attributions are the proposed attributions in text order.
	Attributions []Attribution
	// Sentences are all the text's sentences in text order, each with its
	// check-worthiness score; the desk shows the best as claim suggestions.
	Sentences []Sentence
}

// Attribution is a proposed attribution.
type Attribution struct {
	// Attribution holds the spans (Source may be nil; Cue is nil for a
	// quotation that continues an earlier one and for a loose quotation
	// taken for reported speech, which has no source either), Kind,
	// Origin = Suggested and, when the registry knows the speaker,
	// SpeakerID. Its Meta has no ID or times: the desk stamps them when the
	// user accepts it.
	annotate.Attribution
	// Speaker is who the suggester thinks speaks: the registry speaker's name
	// when SpeakerID is set, else the source mention made canonical within
	// the text ("Mr. Macron" → "Emmanuel Macron" when the text names him in
	// full; a pronoun → the speaker it refers to). Empty when unknown.
	Speaker string
	// Mention is the source's text as written (for a pronoun, the pronoun),
	// to offer as a new registry speaker or alias when SpeakerID is empty.
	Mention string
	// Confidence is how sure the cue tagger is, 0–1; continuation quotes
	// take their parent's, loose quotations the quotation scorer's.
	Confidence float64
	// Reason explains the proposal in a sentence for the user.
	Reason string
}

// Key identifies the suggestion by its spans, so that the desk can remember a
// rejected one and not propose it again when Suggest runs anew.
func (a *Attribution) Key() string {
	k := "attr"
	for _, p := range []*annotate.Anchor{a.Source, a.Cue} {
		if p != nil {
			k += fmt.Sprintf(" %d-%d", p.Start, p.End)
		} else {
			k += " -"
		}
	}
	for _, c := range a.Content {
		k += fmt.Sprintf(" %d-%d", c.Start, c.End)
	}
	return k
}

// Sentence is a sentence with its check-worthiness.
type Sentence struct {
	Anchor annotate.Anchor
	// Score is the estimated probability that a fact-checker would check the
	// sentence, 0–1, from the claims model.
	Score float64
	// Reasons name what raised the score ("a number: 2022", "named people,
	// places or bodies: Russia, Ukraine"), strongest first.
	Reasons []string
	// Speaker is who speaks the sentence when it lies in one of the turns
	// given to SuggestWith: the registry speaker's name when SpeakerID is
	// set, else the turn's label ("TRUMP"). Empty outside turns.
	Speaker string
	// SpeakerID is the registry speaker of the sentence's turn: the one the
	// turn names (Turn.SpeakerID), else the one the registry matches to its
	// label. Accepting the sentence as a claim makes them its claimant.
	SpeakerID string
	// logit is the pooled score Score rounds, for evaluation: ranking by
	// the rounded score would make ties the CSV evaluation does not have.
	logit float64
}

// Key identifies the sentence suggestion by its span.
func (s *Sentence) Key() string { return fmt.Sprintf("claim %d-%d", s.Anchor.Start, s.Anchor.End) }

// Claim returns the sentence as a suggested claim, unstamped.
func (s *Sentence) Claim() annotate.Claim {
	w := s.Score
	return annotate.Claim{
		Meta:             annotate.Meta{Origin: annotate.Suggested},
		Anchors:          []annotate.Anchor{s.Anchor},
		Worthiness:       &w,
		WorthinessOrigin: annotate.Suggested,
		Status:           annotate.StatusCandidate,
		SpeakerID:        s.SpeakerID,
	}
}

// progressEvery is how many paragraphs pass between progress reports.
const progressEvery = 64

// Options are what SuggestWith knows of a text beyond its words.
type Options struct {
	// Turns are the speakers' turns of a transcript (annotate.Article's
	// Turns: in order, not overlapping). With them, the check-worthiness
	// model sees the text as the debates it learned from: each sentence is
	// spoken by its turn's speaker and pooled only with its turn's
	// sentences, and sentences end where turns do. Each sentence in a turn
	// carries the turn's speaker (Sentence.Speaker, SpeakerID). Text outside
	// every turn (the labels of a "NAME:" transcript, a preamble) is nobody's
	// claim: it gives no sentence, and no attribution has its cue there (a
	// label is not a source and a cue; the turn says who speaks). Otherwise
	// attributions are found as without turns: a quotation inside a turn
	// keeps its own source.
	Turns []annotate.Turn
}

// Suggest proposes attributions and scores sentences for text, as one
// voice's text (an article). reg, which may be nil, resolves speakers.
// progress, which may be nil, is called with the paragraphs done out of the
// total as work goes on, and once at the end. It stops early with ctx's
// error when ctx is cancelled.
func (s *Suggester) Suggest(ctx context.Context, text *annotate.Text, reg *annotate.Registry, progress func(done, total int)) (*Result, error) {
	return s.SuggestWith(ctx, text, reg, Options{}, progress)
}

// SuggestWith is Suggest for a text with what o tells of it, such as a
// transcript's turns. Turns that do not fit the text are an EINVALID error.
func (s *Suggester) SuggestWith(ctx context.Context, text *annotate.Text, reg *annotate.Registry, o Options, progress func(done, total int)) (*Result, error) {
	if err := annotate.CheckTurns(o.Turns, text.String()); err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "cannot suggest with these turns: %v", err)
	}
	d := newDoc(text.String())
	d.resolve = s.resolve
	d.quotes = s.attr.Quote
	d.turns = newTurnIndex(o.Turns, reg)
	paras := d.paragraphs()
	prog := newProgress(progress, len(paras)*2) // attributions, then sentences
	// The two halves read d and the models only: they run side by side.
	var sents []Sentence
	var serr error
	// The sentences are mostly scored before the attributions are found:
	// the text's statistics that finish needs are read then, or by finish
	// itself when it comes first.
	stats := sync.OnceValue(d.textStats)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sents, serr = s.scoreSentences(ctx, d, text, d.turns, func(k int) { prog.set(1, k) })
		if serr == nil {
			stats()
		}
	}()
	raws, err := s.attr.extract(ctx, d, paras, func(k int) { prog.set(0, k) })
	var attrs []Attribution
	if err == nil { // while the sentences may still be scored: finish is serial
		attrs = spokenInTurns(d.finishWith(text, raws, reg, stats), o.Turns)
	}
	<-done
	if err != nil {
		return nil, err
	}
	if serr != nil {
		return nil, serr
	}
	res := &Result{Attributions: attrs, Sentences: sents}
	prog.end()
	return res, nil
}

// progress sums the work done by the attribution and the sentence halves
// of SuggestWith, which run at once, and reports it to the caller's
// callback from one goroutine at a time, never going back.
type progress struct {
	mu    sync.Mutex
	fn    func(done, total int)
	total int
	part  [2]int
	last  int
}

func newProgress(fn func(done, total int), total int) *progress {
	if fn == nil {
		fn = func(int, int) {}
	}
	return &progress{fn: fn, total: total, last: -1}
}

// set records that half h has done k paragraphs.
func (p *progress) set(h, k int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.part[h] = max(p.part[h], k)
	if done := min(p.part[0]+p.part[1], p.total); done > p.last {
		p.last = done
		p.fn(done, p.total)
	}
}

func (p *progress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.fn(p.total, p.total)
}

// extract runs the taggers over the paragraphs paras of d, progressEvery
// paragraphs at a time on as many goroutines as the machine runs at once,
// and returns what they found in text order (the same as one goroutine
// would). done is called with the paragraphs finished so far.
func (m *attrModel) extract(ctx context.Context, d *doc, paras [][2]int, done func(int)) ([]rawAttr, error) {
	chunks := (len(paras) + progressEvery - 1) / progressEvery
	found := make([][]rawAttr, chunks)
	var next, finished atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), chunks); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks || ctx.Err() != nil {
					return
				}
				for _, p := range paras[c*progressEvery : min(len(paras), (c+1)*progressEvery)] {
					found[c] = append(found[c], m.extractPara(d, p)...)
				}
				done(min(len(paras), int(finished.Add(1))*progressEvery))
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []rawAttr
	for _, f := range found {
		out = append(out, f...)
	}
	return out, nil
}
