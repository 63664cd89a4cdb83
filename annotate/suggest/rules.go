package suggest

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factmark/factmark/annotate"
)

// work is an attribution on its way to the result, in tokens.
type work struct {
	rawAttr
	cont     bool   // a continuation quote: no cue of its own
	loose    bool   // a loose quotation the quotation scorer took: no cue or source (quotes.go)
	parent   int    // for a continuation, the attribution it continues
	antecede int    // for a pronoun or title source, the attribution whose source it refers to; -1 if none
	why      string // for a resolved source, why the resolver chose its speaker
	mention  string // source text as written
	speaker  string // canonical speaker name
	id       string // registry speaker ID
}

// finish turns the taggers' attributions into suggestions: it adds
// continuation quotes, second halves of split quotes and the loose
// quotations the quotation scorer takes for content, resolves pronoun
// sources, names speakers canonically and writes each one's reason.
func (d *doc) finish(text *annotate.Text, raws []rawAttr, reg *annotate.Registry) []Attribution {
	return d.finishWith(text, raws, reg, d.textStats)
}

// finishWith is finish with the text's statistics from stats, which may
// wait for another goroutine to read them.
func (d *doc) finishWith(text *annotate.Text, raws []rawAttr, reg *annotate.Registry, stats func() textStats) []Attribution {
	ws := d.addLooseQuotes(d.decode(raws), d.quotes)
	d.resolveSpeakers(ws, reg, stats)
	return d.suggestions(text, ws)
}

// decode turns the taggers' attributions into attributions in text order:
// it drops those without content and those nested in another's content,
// completes split quotations and adds continuation quotes.
func (d *doc) decode(raws []rawAttr) []work {
	var ws []work
	for _, r := range raws {
		if len(r.content) > 0 {
			ws = append(ws, work{rawAttr: r, parent: -1, antecede: -1})
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].cue[0] < ws[j].cue[0] })
	ws = d.dropNested(ws)
	for i := range ws {
		d.completeSplitQuote(&ws[i])
	}
	return d.addContinuations(ws)
}

// suggestions are the attributions ws as suggestions. Each reads ws and
// the text only: the second half is written on another goroutine, as the
// sentences are scored by then and a core is free.
func (d *doc) suggestions(text *annotate.Text, ws []work) []Attribution {
	out := make([]Attribution, len(ws))
	half := len(ws) / 2
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := half; i < len(ws); i++ {
			out[i] = d.suggestion(text, ws, i)
		}
	}()
	for i := 0; i < half; i++ {
		out[i] = d.suggestion(text, ws, i)
	}
	<-done
	return out
}

// dropNested leaves out each attribution whose cue and source both lie
// inside the content of another (that does not itself lie inside the
// first's): the taggers find such attributions in what someone else is
// reported to say ("… listing the European promises to invest …"), and on
// polnear-train (5-fold cross-validation, two folds) dropping them raised
// cue exact F1 0.633 → 0.636, source exact 0.616 → 0.619 and content
// overlap 0.757 → 0.764, although PolNeAR annotates some nested
// attributions; dropping only those without a source gained nothing. ws is
// in cue order, and an attribution's spans lie in its cue's paragraph, so
// only attributions of one paragraph are compared.
func (d *doc) dropNested(ws []work) []work {
	var out []work
	for p0 := 0; p0 < len(ws); {
		para := d.toks[ws[p0].cue[0]].Para
		p1 := p0 + 1
		for p1 < len(ws) && d.toks[ws[p1].cue[0]].Para == para {
			p1++
		}
		for i := p0; i < p1; i++ {
			nested := false
			for j := p0; j < p1 && !nested; j++ {
				nested = i != j && ws[i].inside(&ws[j]) && !ws[j].inside(&ws[i])
			}
			if !nested {
				out = append(out, ws[i])
			}
		}
		p0 = p1
	}
	return out
}

// inside reports whether w's cue, and its source when it has one, lie in
// one of v's content pieces.
func (w *work) inside(v *work) bool {
	return within(w.cue, v.content) && (w.source[1] <= w.source[0] || within(w.source, v.content))
}

// within reports whether span s lies in one of the spans outer.
func within(s [2]int, outer [][2]int) bool {
	for _, o := range outer {
		if s[0] >= o[0] && s[1] <= o[1] {
			return true
		}
	}
	return false
}

// covered marks the tokens that some attribution already uses.
func covered(n int, ws []work) []bool {
	c := make([]bool, n)
	mark := func(s [2]int) {
		for k := s[0]; k < s[1]; k++ {
			c[k] = true
		}
	}
	for _, w := range ws {
		mark(w.cue)
		mark(w.source)
		for _, s := range w.content {
			mark(s)
		}
	}
	return c
}

// quoteEnd returns one past the closing mark of the quotation opened at
// token i, or the end of its paragraph when it is not closed there.
func (d *doc) quoteEnd(i int) int {
	for k := i + 1; k < d.paraE[i]; k++ {
		if d.toks[k].Quote == 2 {
			return k + 1
		}
		if d.toks[k].Quote == 1 {
			return k // a new quotation opens: the old one ran to here
		}
	}
	return d.paraE[i]
}

// completeSplitQuote handles a quotation split around its cue — “Unfortunately,”
// he said, “what we would like…” — when the tagger found only the first half:
// a quotation opening right after the cue and its source, behind a comma,
// continues the content.
func (d *doc) completeSplitQuote(w *work) {
	first := w.content[0]
	if d.toks[first[0]].Quote != 1 || first[1] > w.cue[0] {
		return
	}
	if len(w.content) > 1 {
		return
	}
	end := max(w.cue[1], w.source[1])
	k := end
	if k < d.paraE[first[0]] && d.toks[k].Text == "," {
		k++
	}
	if k >= d.paraE[first[0]] || d.toks[k].Quote != 1 || k-end > 1 {
		return
	}
	// The first half must end in a comma inside its quotation marks.
	if last := first[1] - 1; last < 1 || d.toks[last].Quote != 2 || d.toks[last-1].Text != "," {
		return
	}
	w.content = append(w.content, [2]int{k, d.quoteEnd(k)})
}

// addContinuations adds, after an attributed quotation, the quoted sentences
// that follow it with no cue of their own (“I think all the leaders are all
// loaded,” said Zelensky. “I think they will not abandon us.”): they are the
// same speaker's, until a sentence that is not such a quotation.
func (d *doc) addContinuations(ws []work) []work {
	if len(ws) == 0 {
		return ws
	}
	used := covered(len(d.toks), ws)
	var out []work
	next := 0
	for i := range ws {
		out = append(out, ws[i])
		parent := len(out) - 1
		if !d.quoted(ws[i].content) {
			continue
		}
		end := ws[i].end()
		if i+1 < len(ws) {
			next = ws[i+1].start()
		} else {
			next = len(d.toks)
		}
		for k := end; k < next; {
			// skip the rest of the current sentence (", said Zelensky.")
			if k < len(d.toks) && d.toks[k].Sent == d.toks[end-1].Sent && d.toks[k].Quote != 1 {
				k++
				continue
			}
			if k >= len(d.toks) || d.toks[k].Quote != 1 || used[k] || d.toks[k].Para > d.toks[end-1].Para+1 {
				break
			}
			q := d.quoteEnd(k)
			if q > next || anyUsed(used, k, q) {
				break
			}
			c := work{rawAttr: rawAttr{source: ws[i].source, content: [][2]int{{k, q}}, margin: ws[i].margin},
				cont: true, parent: parent, antecede: -1}
			out = append(out, c)
			end, k = q, q
		}
	}
	return out
}

func anyUsed(used []bool, a, b int) bool {
	for k := a; k < b; k++ {
		if used[k] {
			return true
		}
	}
	return false
}

func (w *work) start() int {
	s := w.content[0][0]
	if w.cue[1] > w.cue[0] {
		s = min(s, w.cue[0])
	}
	if w.source[1] > w.source[0] {
		s = min(s, w.source[0])
	}
	return s
}

func (w *work) end() int {
	e := w.content[len(w.content)-1][1]
	return max(e, w.cue[1], w.source[1])
}

// quoted reports whether content holds a quotation mark.
func (d *doc) quoted(content [][2]int) bool {
	for _, s := range content {
		for k := s[0]; k < s[1]; k++ {
			if d.toks[k].Quote != 0 {
				return true
			}
		}
	}
	return false
}

// kind says how the content reports speech: all quoted, partly, or not.
func (d *doc) kind(content [][2]int) annotate.Kind {
	in, out := 0, 0
	for _, s := range content {
		for k := s[0]; k < s[1]; k++ {
			switch t := &d.toks[k]; {
			case t.Quote != 0:
			case t.InQuote:
				in++
			case !isPunct(t.Lower):
				out++
			}
		}
	}
	switch {
	case in > 0 && out == 0:
		return annotate.Direct
	case in > 0:
		return annotate.Mixed
	}
	return annotate.Indirect
}

func (d *doc) spanText(s [2]int) string {
	if s[1] <= s[0] {
		return ""
	}
	return string(d.rs[d.toks[s[0]].Start:d.toks[s[1]-1].End])
}

// suggestion builds the i-th result.
func (d *doc) suggestion(text *annotate.Text, ws []work, i int) Attribution {
	w := &ws[i]
	var a Attribution
	a.Origin = annotate.Suggested
	if !w.cont && !w.loose {
		c := d.anchorOf(text, w.cue[0], w.cue[1])
		if k := d.cueStart(w.cue[0]); k != c.Start {
			c, _ = text.Anchor(k, c.End)
		}
		a.Cue = &c
	}
	if w.source[1] > w.source[0] {
		s := d.anchorOf(text, w.source[0], w.source[1])
		a.Source = &s
	}
	for _, c := range w.content {
		a.Content = append(a.Content, d.anchorOf(text, c[0], c[1]))
	}
	a.Kind = d.kind(w.content)
	a.SpeakerID, a.Speaker, a.Mention = w.id, w.speaker, w.mention
	a.Confidence = 1 / (1 + math.Exp(-float64(w.margin)/4))
	a.Reason = d.reason(ws, i)
	return a
}

// reason explains a suggestion in one sentence.
func (d *doc) reason(ws []work, i int) string {
	w := &ws[i]
	var b strings.Builder
	switch {
	case w.cont:
		p := &ws[w.parent]
		fmt.Fprintf(&b, "a quotation that continues the one attributed by %q", d.spanText(p.cue))
	case w.loose:
		b.WriteString("a quotation no cue was found for, which the quotation scorer takes for reported speech")
	default:
		fmt.Fprintf(&b, "%q reports what someone said or holds", d.spanText(w.cue))
	}
	switch {
	case w.mention == "":
		b.WriteString("; no source named")
	case w.why != "":
		fmt.Fprintf(&b, "; source %q refers to %s, %s", w.mention, quoteName(w.speaker), w.why)
	case w.id != "":
		fmt.Fprintf(&b, "; source %q is %s in the registry", w.mention, quoteName(w.speaker))
	case w.speaker != "" && w.speaker != w.mention:
		fmt.Fprintf(&b, "; source %q, named %s in full in the text", w.mention, quoteName(w.speaker))
	default:
		fmt.Fprintf(&b, "; source %q", w.mention)
	}
	switch d.kind(w.content) {
	case annotate.Direct:
		b.WriteString("; content quoted verbatim")
	case annotate.Mixed:
		b.WriteString("; content paraphrased with quoted words")
	default:
		b.WriteString("; content paraphrased")
	}
	if len(w.content) > 1 {
		fmt.Fprintf(&b, " in %d pieces", len(w.content))
	}
	if w.sentContent {
		b.WriteString(" (the rest of the cue's sentence: the tagger marked no content)")
	}
	return b.String()
}

func quoteName(s string) string {
	if s == "" {
		return "an unnamed speaker"
	}
	return s
}

// gender of a mention, as far as the text tells.
type gender int

const (
	unknown gender = iota
	male
	female
	group // an organisation or several people: "it", "they"
)

var pronounGender = map[string]gender{
	"he": male, "him": male, "his": male, "she": female, "her": female, "hers": female,
	"it": group, "they": group, "them": group, "we": group,
}

// mentionGender reads a mention's gender from its titles and nouns.
func mentionGender(m string) gender {
	for _, w := range strings.Fields(strings.ToLower(m)) {
		w = strings.Trim(w, ".,")
		if headEnds[w] {
			// "a spokesperson for the Russian Ministry": what follows
			// a preposition says whom the speaker works for, not who.
			return unknown
		}
		switch w {
		case "mr", "sir", "lord", "king", "prince", "spokesman", "congressman", "chairman", "councilman",
			"father", "son", "brother", "husband", "man", "boy":
			return male
		case "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "spokeswoman", "congresswoman",
			"chairwoman", "councilwoman", "mother", "daughter", "sister", "wife", "woman", "girl":
			return female
		case "ministry", "department", "government", "campaign", "agency", "office", "committee",
			"party", "company", "officials", "sources", "administration", "police", "group", "court",
			"newspaper", "post", "times", "report", "poll", "survey", "study", "analysis", "data":
			return group
		}
	}
	return unknown
}

// headEnds are the words after which a mention no longer describes the
// speaker itself.
var headEnds = map[string]bool{"for": true, "of": true, "at": true, "in": true, "from": true, "with": true,
	"to": true, "on": true, "by": true, "who": true, "which": true, "that": true}

func isPronoun(m string) bool {
	_, ok := pronounGender[strings.ToLower(strings.TrimSpace(strings.Trim(m, ",")))]
	return ok || isPersonal(m)
}

// personal are the pronouns of the speech itself, its speaker and whom it
// addresses. They refer to no one the text names before them, so they are
// neither resolved to an earlier name nor made canonical as one (in a
// debate every "I" had become "Maria I": "I" was taken for the surname of
// a source "Maria I was mentioned"); in a transcript's turn, "I" and "me"
// are the turn's speaker (personalSpeaker).
var personal = map[string]bool{"i": true, "me": true, "myself": true, "you": true, "yourself": true, "us": true}

func isPersonal(m string) bool { return personal[pronounKey(m)] }

// isFirstPerson reports whether m is the speaker's own "I".
func isFirstPerson(m string) bool {
	k := pronounKey(m)
	return k == "i" || k == "me" || k == "myself"
}

// resolveSpeakers fills mention, speaker and registry ID: names are made
// canonical within the text (the fullest mention with the same surname), a
// pronoun or title source takes the speaker the mention resolver picks
// among the earlier ones (resolve.go), then names are matched against the
// registry.
func (d *doc) resolveSpeakers(ws []work, reg *annotate.Registry, stats func() textStats) {
	d.resolveReferring(ws, stats)
	for i := range ws {
		w := &ws[i]
		if w.cont && w.parent >= 0 {
			p := &ws[w.parent]
			w.mention, w.speaker, w.antecede, w.why = p.mention, p.speaker, p.antecede, p.why
		}
		if reg == nil || w.speaker == "" {
			continue
		}
		for _, m := range []string{w.speaker, nameOf(w.mention)} {
			if sp, ok := reg.Match(m); ok {
				w.id, w.speaker = sp.ID, sp.Name
				break
			}
		}
	}
}

// isPerson guesses that a mention names a person: two or more capitalised
// words, or a personal title.
func isPerson(m string) bool {
	if g := mentionGender(m); g == male || g == female {
		return true
	}
	caps := 0
	for _, w := range strings.Fields(nameOf(m)) {
		if r := []rune(w); unicode.IsUpper(r[0]) {
			caps++
		}
	}
	return caps >= 2 && mentionGender(m) != group
}

// nameOf strips an apposition and leading titles from a mention: "President
// Volodymyr Zelensky, from Ukraine" → "Volodymyr Zelensky".
func nameOf(m string) string {
	if i := strings.IndexAny(m, ",("); i > 0 {
		m = m[:i]
	}
	m = strings.TrimSpace(m)
	if r := []rune(m); len(r) == 0 || !unicode.IsUpper(r[0]) {
		return m // a description ("the source"), not a name
	}
	if w := strings.Fields(m); determiners[strings.ToLower(w[0])] {
		if len(w) == 1 || !isCapitalised(w[1]) {
			return m // "The ad", "A new campaign video": a description
		}
		m = strings.Join(w[1:], " ") // "The New York Post"
	}
	m = capitalRun(m)
	key := strings.Fields(annotate.NameKey(m))
	words := strings.Fields(m)
	if len(key) == 0 || len(key) > len(words) {
		return m
	}
	// Keep the written words that the key's words come from: the key drops
	// titles from the front only.
	tail := words[len(words)-len(key):]
	if annotate.NameKey(strings.Join(tail, " ")) == strings.Join(key, " ") {
		return strings.Join(tail, " ")
	}
	return m
}

// capitalRun is the first run of capitalised words in m that is not a
// possessive, with the particles names carry inside ("von der"): the name
// in "Prime Minister Keir Starmer of Great Britain" and "Trump’s special
// envoy Steve Witkoff", before the titles are dropped.
func capitalRun(m string) string {
	words := strings.Fields(m)
	var run []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case isCapitalised(w) && isPossessive(w):
			run = nil // "Trump’s …": whose, not who
		case isCapitalised(w):
			run = append(run, w)
		case len(run) > 0 && nameParticles[w] && i+1 < len(words) && (isCapitalised(words[i+1]) || nameParticles[words[i+1]]):
			run = append(run, w)
		case len(run) > 0:
			return strings.Join(run, " ")
		}
	}
	if len(run) == 0 {
		return m
	}
	return strings.Join(run, " ")
}

// isDescription reports whether what nameOf made of a mention describes
// its speaker rather than names them: "the source", "A lesson from Loretta
// Lynch".
func isDescription(name string) bool {
	w := strings.Fields(name)
	return len(w) == 0 || !isCapitalised(w[0]) || determiners[strings.ToLower(w[0])]
}

// nameParticles are the lowercase words inside names.
var nameParticles = map[string]bool{"von": true, "van": true, "der": true, "den": true, "de": true, "del": true,
	"della": true, "da": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "ibn": true, "al": true}

func isCapitalised(w string) bool {
	r := []rune(w)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

func isPossessive(w string) bool {
	return strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s’") || strings.HasSuffix(w, "s'")
}

func surname(name string) string {
	k := strings.Fields(annotate.NameKey(name))
	if len(k) == 0 {
		return ""
	}
	return k[len(k)-1]
}

// fullNames maps each surname to the fullest capitalised name the text's
// sources give it ("Emmanuel Macron" for "Macron" and "Mr. Macron").
func (d *doc) fullNames(ws []work, names nameCache) map[string]string {
	out := map[string]string{}
	for _, w := range ws {
		if w.source[1] <= w.source[0] {
			continue
		}
		m := strings.TrimRight(d.spanText(w.source), " ,")
		if isPronoun(m) {
			continue // personal ones too: no surname "I"
		}
		name, s := names.of(m)
		if isDescription(name) {
			continue
		}
		if len(strings.Fields(name)) > len(strings.Fields(out[s])) {
			out[s] = name
		}
	}
	return out
}

// cueStart is the code point where a cue that begins at token i begins:
// the token's start, or, when the token is a word with a clitic ("he's",
// "Trump's", "they're", "we've"), its apostrophe: PolNeAR's cues leave the
// word before it out ("'s said", "'s proposal for"), and in polnear-train
// 201 cues began at such an apostrophe against 26 at the start of such a
// word, nearly all of them "it's", "there's", "let's" and "that's", which
// cueStart leaves whole. On polnear-train 5-fold cross-validation (two
// folds, the cue tagger alone) it made 11 more cues exact (5,202 → 5,213
// of 8,788).
func (d *doc) cueStart(i int) int {
	t := &d.toks[i]
	k := strings.LastIndexByte(t.Lower, '\'')
	if k <= 0 || !clitics[t.Lower[k+1:]] || wholeClitic[t.Lower[:k]] {
		return t.Start
	}
	return t.Start + utf8.RuneCountInString(t.Text[:strings.LastIndexAny(t.Text, "'\u2019")])
}

var (
	clitics     = map[string]bool{"s": true, "re": true, "ve": true, "ll": true, "d": true, "m": true}
	wholeClitic = map[string]bool{"it": true, "there": true, "let": true, "that": true, "what": true, "here": true, "who": true}
)
