package suggest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/factmark/factmark/annotate"
)

// The mention resolver decides whom a referring source means: a pronoun
// ("he", "they") or a title ("the president", "the spokeswoman"). Its
// candidates are the speakers of the earlier sources and the names in the
// text outside them (textNames: "Christie slipped in a back door. He
// said …"), at most resolveCands of them, the latest first; a candidate
// whose gender clashes with a pronoun's (or a person, for "it" and "they")
// is never one, and a title only means a speaker whose earlier mentions
// carried that title word ("President Barack Obama" for "the president").
// Among the rest a linear model ranks them by hashed features of the pair:
// how far back the candidate was last named (in candidates, sentences and
// paragraphs), how often and whether as a source, its kind (a group, a
// description, one word or more), its first name against the pronoun's
// gender, quotation on either side, whether it opened its sentence, and
// what its last mention was.
//
// PolNeAR marks no coreference, so the model learns by self-supervision on
// polnear-train's gold sources: a source that names a speaker named at
// most caseReach sentences before is treated as if it were a pronoun of
// the gender its own words or the text's honorifics give ("Mr. Macron" is
// "he") and, when it carries a title, as that title; the earlier
// candidates are its candidates and the one it names is the answer. An
// averaged ranking perceptron learns to pick it. Such cases are biased
// against the nearest name (a writer names someone again when a pronoun
// would be unclear); model/README.md gives the figures and a hand check
// on real pronouns. Without a model (tests that build a doc by hand) the
// nearest candidate that fits is taken.
type resolver struct {
	*chain // one label: W holds the weights of hashed features
}

// ResolveModelFile is the mention resolver's model, under model/.
const ResolveModelFile = "resolve.gz"

// resolveCands is how many earlier speakers a referring source may mean.
const resolveCands = 8

// caseReach is how many sentences back a self-supervised case's speaker
// was last named, at most. Pronouns mean someone named a sentence or
// three before; a name said again after that is no pronoun's case.
// Trained on cases within 0 (any distance), 1, 2, 3 and 5 sentences and
// scored on those within 3 (cross-validated on polnear-train, sources
// only): 0.790, 0.745, 0.796, 0.873, 0.849.
const caseReach = 3

// resolveBits is the resolver's hash width: it has few features.
const resolveBits = 16

// mention is a source as the resolver reads it, in text order.
type mention struct {
	text    string // as written, without a trailing comma
	tok     int    // its first token
	speaker string // canonical speaker, "" while unknown
	kind    mentionKind
	inText  bool // a name in the text that is no source: a candidate only
	ref     int  // the caller's index of the source; -1 for a name in the text
}

type mentionKind int

const (
	nameMention mentionKind = iota // "President Emmanuel Macron", "Russia"
	pronounMention
	descMention     // "the spokeswoman", "a rally of European leaders"
	personalMention // "I", "you": see personal
)

func kindOf(m string) mentionKind {
	switch {
	case isPersonal(m):
		return personalMention
	case isPronoun(m):
		return pronounMention
	case isDescription(nameOf(m)):
		return descMention
	}
	return nameMention
}

// resolution is what the resolver made of one mention: the index of the
// antecedent's latest mention (-1: none) and of its latest as a source
// (-1: none, a name only in the text), and why, in words.
type resolution struct {
	ante, src int
	why       string
}

// candidate is an earlier speaker as the resolver weighs them.
type candidate struct {
	speaker string
	last    int // index of its latest mention
	count   int
	sources int    // how many of its mentions are sources
	lastSrc int    // index of its latest mention as a source, -1 for none
	sn      string // its surname
	bare    bool   // its bare name was read for a gender
	gender  gender
	titles  map[string]bool
}

// referent is what a referring mention says of whom it means: a class
// ("m", "f", "g" for a pronoun's gender, "t" for a title, and in training
// "p?" for a person and "?" for a name of unknown gender) and a title's
// head word.
type referent struct {
	class string
	head  string
	tok   int
}

// resolveState is the speakers met so far in a text.
type resolveState struct {
	d      *doc
	honor  map[string]gender // surname → gender, from "Mr. X" and "Ms. X" in the text
	byName map[string]*candidate
	order  []*candidate
}

func (d *doc) newResolveState() *resolveState {
	return d.newResolveStateWith(d.honorifics())
}

// newResolveStateWith is newResolveState with the text's honorifics
// (d.honorifics).
func (d *doc) newResolveStateWith(honor map[string]gender) *resolveState {
	return &resolveState{d: d, honor: honor, byName: map[string]*candidate{}}
}

// honorifics reads the gender the text gives surnames by their honorific.
func (d *doc) honorifics() map[string]gender {
	out := map[string]gender{}
	for i := 0; i+1 < len(d.toks); i++ {
		g := honorifics[d.toks[i].Lower]
		if g == unknown || !unicode.IsUpper(d.toks[i+1].First) {
			continue
		}
		if s := surname(d.toks[i+1].Text); s != "" && out[s] == unknown {
			out[s] = g
		}
	}
	return out
}

// see records mention i as one of its speaker's.
func (st *resolveState) see(ms []mention, i int) {
	m := &ms[i]
	if m.speaker == "" {
		return
	}
	c := st.find(m.speaker)
	if c == nil {
		c = &candidate{speaker: m.speaker, sn: surname(m.speaker), titles: map[string]bool{}, lastSrc: -1}
		st.byName[m.speaker] = c
	}
	c.last = i
	c.count++
	if !m.inText {
		c.sources++
		c.lastSrc = i
	}
	if c.gender == unknown {
		c.gender = st.genderOf(m, c)
	}
	if m.kind == nameMention && m.text != m.speaker {
		for _, w := range titleWords(m.text) {
			c.titles[w] = true
		}
	}
	st.toFront(c)
}

// toFront moves c to the front of the recency order, in place.
func (st *resolveState) toFront(c *candidate) {
	k := 0
	for k < len(st.order) && st.order[k] != c {
		k++
	}
	if k == len(st.order) {
		if len(st.order) < orderKept {
			st.order = append(st.order, nil)
		} else {
			k-- // the oldest drops out
		}
	}
	copy(st.order[1:k+1], st.order[:k])
	st.order[0] = c
}

// orderKept bounds the speakers kept in recency order: candidates are the
// first few that fit.
const orderKept = 4 * resolveCands

// find is the speaker met so far that name means: the same name, or the
// same surname when one of the two is the surname alone ("Christie" and
// "Chris Christie"; the latest such), the fuller name kept.
func (st *resolveState) find(name string) *candidate {
	if c := st.byName[name]; c != nil {
		return c
	}
	if isDescription(name) {
		return nil
	}
	sn, single := surname(name), len(strings.Fields(name)) == 1
	for _, c := range st.order {
		if sn == "" || c.sn != sn || isDescription(c.speaker) {
			continue
		}
		if single {
			st.byName[name] = c
			return c
		}
		if len(strings.Fields(c.speaker)) == 1 { // the surname alone still finds it
			c.speaker = name
			st.byName[name] = c
			return c
		}
	}
	return nil
}

// genderOf is what a mention tells of its speaker's gender: a pronoun's,
// a title's, or the honorific the text gives the surname.
func (st *resolveState) genderOf(m *mention, c *candidate) gender {
	if m.kind == pronounMention {
		return pronounGender[pronounKey(m.text)]
	}
	if m.text != m.speaker || !c.bare { // a bare name read once
		c.bare = c.bare || m.text == m.speaker
		if g := mentionGender(m.text); g != unknown {
			return g
		}
	}
	if m.kind == nameMention {
		return st.honor[c.sn]
	}
	return unknown
}

// candidates are the earlier speakers that r may mean, the latest first.
func (st *resolveState) candidates(ms []mention, r referent) []*candidate {
	var out []*candidate
	for _, c := range st.order {
		if len(out) == resolveCands {
			break
		}
		if fits(r, c, &ms[c.last]) {
			out = append(out, c)
		}
	}
	return out
}

// fits reports whether r may mean c at all.
func fits(r referent, c *candidate, last *mention) bool {
	switch r.class {
	case "t":
		return c.titles[r.head]
	case "m", "f":
		g := male
		if r.class == "f" {
			g = female
		}
		return c.gender == unknown || c.gender == g
	case "g":
		if c.gender != unknown {
			return c.gender == group
		}
		return last.kind == pronounMention || !isPerson(last.text)
	}
	return true
}

// referentOf is what a referring mention says of whom it means; ok is false
// when the mention does not refer (a name, or a description that is no
// title: "a rally of European leaders").
func referentOf(m *mention) (referent, bool) {
	switch m.kind {
	case pronounMention:
		return referent{class: genderClass(pronounGender[pronounKey(m.text)]), tok: m.tok}, true
	case descMention:
		if h := titleHead(m.text); h != "" {
			return referent{class: "t", head: h, tok: m.tok}, true
		}
	}
	return referent{}, false
}

func genderClass(g gender) string {
	switch g {
	case male:
		return "m"
	case female:
		return "f"
	case group:
		return "g"
	}
	return "?"
}

// titleHead is the head of a definite description, "" when m is none:
// "the president" → "president", "the former secretary of state" →
// "secretary".
func titleHead(m string) string {
	w := strings.Fields(strings.ToLower(m))
	if len(w) < 2 || w[0] != "the" {
		return ""
	}
	head := ""
	for _, x := range w[1:] {
		x = strings.Trim(x, ".,;:’'\"“”")
		if headEnds[x] || x == "" {
			break
		}
		head = x
	}
	return head
}

// titleWords are the lower-cased words of a named mention that are not its
// name: "President Barack Obama" → president; "Josh Earnest, the White
// House press secretary" → white, house, press, secretary.
func titleWords(m string) []string {
	name := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(nameOf(m))) {
		name[w] = true
	}
	var out []string
	for _, w := range strings.Fields(strings.ToLower(m)) {
		w = strings.Trim(w, ".,;:’'\"“”()")
		if len([]rune(w)) > 2 && !name[w] && !determiners[w] && !headEnds[w] && !titleStops[w] {
			out = append(out, w)
		}
	}
	return out
}

// pairFeatures are the features of r meaning c, the k-th candidate, in
// groups whose ends are returned (for the reason).
func (st *resolveState) pairFeatures(ms []mention, r referent, c *candidate, k int, f *featureSet) []int {
	d := st.d
	last := &ms[c.last]
	at, lt := &d.toks[r.tok], &d.toks[last.tok]
	// A person's pronoun is weighed alike whatever its gender (the
	// gender has ruled out candidates already), except against first
	// names: pooled, the few "she" cases learn as much as the "he".
	cl := r.class
	if cl == "m" || cl == "f" || cl == "p?" {
		cl = "p"
	}
	var ends []int
	// nearness
	f.add2("rk", cl, strconv.Itoa(k))
	f.add("rk*", strconv.Itoa(k))
	f.add2("sd", cl, bucket(at.Sent-lt.Sent))
	f.add("sd*", bucket(at.Sent-lt.Sent))
	f.add("pd", bucket(at.Para-lt.Para))
	ends = append(ends, len(f.out))
	// gender and kind
	f.add2("kd", cl, speakerKind(c, last))
	if w := strings.Fields(strings.ToLower(c.speaker)); len(w) >= 2 && last.kind == nameMention {
		f.add2("fn", r.class, w[0])
	}
	ends = append(ends, len(f.out))
	// how often named, and as a source
	f.add2("n", cl, bucket(c.count))
	f.add3("src", cl, strconv.FormatBool(c.sources > 0), strconv.FormatBool(!last.inText))
	ends = append(ends, len(f.out))
	// quotation, and whether the speaker opened its sentence (its subject)
	f.add3("q", cl, strconv.FormatBool(at.InQuote), strconv.FormatBool(lt.InQuote))
	f.add2("subj", cl, strconv.FormatBool(d.opens(last.tok)))
	ends = append(ends, len(f.out))
	// the last mention a pronoun, a title
	f.add2("lp", cl, strconv.Itoa(int(last.kind)))
	if cl == "t" {
		f.add2("th", r.head, strconv.FormatBool(len(c.titles) > 1))
	}
	ends = append(ends, len(f.out))
	return ends
}

// featureGroups name the groups pairFeatures returns, for the reason.
var featureGroups = []string{"nearness", "gender and kind", "how often named", "quotation and place in the sentence", "kind of mention"}

// speakerKind says what sort of speaker a candidate seems.
func speakerKind(c *candidate, last *mention) string {
	switch {
	case mentionGender(last.text) == group:
		return "group"
	case last.kind == descMention:
		return "desc"
	case len(strings.Fields(c.speaker)) >= 2:
		return "multi"
	}
	return "single"
}

// candidateFeatures are the features of every candidate of r.
func (st *resolveState) candidateFeatures(ms []mention, r referent, cs []*candidate, bits uint) ([][]uint32, [][]int) {
	var fs featureSet
	feats, groups := make([][]uint32, len(cs)), make([][]int, len(cs))
	for k, c := range cs {
		fs.reset(bits)
		groups[k] = st.pairFeatures(ms, r, c, k, &fs)
		feats[k] = fs.take()
	}
	return feats, groups
}

// pick chooses among candidates: by the model when there is one, else the
// nearest. It says why in words.
func (rv *resolver) pick(st *resolveState, ms []mention, r referent, cs []*candidate) (int, string) {
	if len(cs) == 0 {
		return -1, ""
	}
	if rv == nil || rv.chain == nil || len(cs) == 1 {
		if len(cs) == 1 {
			return 0, "the only earlier name it fits"
		}
		return 0, "the nearest earlier name it fits"
	}
	feats, groups := st.candidateFeatures(ms, r, cs, rv.Bits)
	best, second := -1, -1
	scores := make([]float32, len(cs))
	for k, fs := range feats {
		for _, f := range fs {
			scores[k] += rv.W[f]
		}
		switch {
		case best < 0 || scores[k] > scores[best]:
			best, second = k, best
		case second < 0 || scores[k] > scores[second]:
			second = k
		}
	}
	return best, rv.why(feats, groups, best, second, cs)
}

// why names the feature groups that put the chosen candidate above the
// runner-up, largest first (at most two).
func (rv *resolver) why(feats [][]uint32, groups [][]int, best, second int, cs []*candidate) string {
	sum := func(k, g int) float32 {
		s, from := float32(0), 0
		if g > 0 {
			from = groups[k][g-1]
		}
		for _, f := range feats[k][from:groups[k][g]] {
			s += rv.W[f]
		}
		return s
	}
	type gain struct {
		name string
		by   float32
	}
	var gains []gain
	for g := range featureGroups {
		if by := sum(best, g) - sum(second, g); by > 0 {
			gains = append(gains, gain{featureGroups[g], by})
		}
	}
	for i := 1; i < len(gains); i++ {
		for j := i; j > 0 && gains[j].by > gains[j-1].by; j-- {
			gains[j], gains[j-1] = gains[j-1], gains[j]
		}
	}
	var names []string
	for _, g := range gains[:min(2, len(gains))] {
		names = append(names, g.name)
	}
	nearest := "the nearest earlier name it fits"
	if best != 0 {
		nearest = "ranked above nearer names"
	}
	if len(names) == 0 {
		return nearest
	}
	return nearest + ", by " + strings.Join(names, " and ") + " over " + quoteName(cs[second].speaker)
}

// resolveMentions resolves each referring mention of ms (in text order)
// whose speaker is unknown, with model rv (nil: the nearest that fits).
// When learn is set, each named mention of a speaker named before is also
// given to it as a training case: its candidates' features and which one
// is its speaker (see resolver).
func (d *doc) resolveMentions(ms []mention, rv *resolver, learn func(feats [][]uint32, gold int)) []resolution {
	return d.newResolveState().resolveMentions(ms, rv, learn)
}

// resolveMentions is d.resolveMentions from st, a state that has met no
// mention yet.
func (st *resolveState) resolveMentions(ms []mention, rv *resolver, learn func(feats [][]uint32, gold int)) []resolution {
	out := make([]resolution, len(ms))
	for i := range ms {
		m := &ms[i]
		out[i].ante, out[i].src = -1, -1
		if learn != nil && m.kind == nameMention && !m.inText && st.find(m.speaker) != nil {
			st.learnFrom(ms, i, learn)
		}
		if r, ok := referentOf(m); ok && m.speaker == "" && !m.inText {
			cs := st.candidates(ms, r)
			if k, why := rv.pick(st, ms, r, cs); k >= 0 {
				m.speaker = cs[k].speaker
				out[i] = resolution{ante: cs[k].last, src: cs[k].lastSrc, why: why}
			}
		}
		st.see(ms, i)
	}
	return out
}

// within reports whether the speaker of mention i was last named at most
// caseReach sentences before.
func (st *resolveState) within(ms []mention, i int) bool {
	c := st.find(ms[i].speaker)
	return st.d.toks[ms[i].tok].Sent-st.d.toks[ms[c.last].tok].Sent <= caseReach
}

// learnFrom gives learn the cases named mention i makes (casesOf).
func (st *resolveState) learnFrom(ms []mention, i int, learn func([][]uint32, int)) {
	st.casesOf(ms, i, false, func(_ referent, feats [][]uint32, gold int) { learn(feats, gold) })
}

// casesOf gives each the self-supervised cases of named mention i, whose
// speaker was named before: the mention as a pronoun of the gender it
// shows, and as its title when it has one, with its candidates' features
// and which candidate it names. A case with one candidate teaches nothing,
// and one whose speaker is not among the candidates cannot be learnt: they
// are left out unless all is set (scoring counts them, without features,
// and gold -1 for the missed).
func (st *resolveState) casesOf(ms []mention, i int, all bool, each func(r referent, feats [][]uint32, gold int)) {
	m := &ms[i]
	if !st.within(ms, i) {
		return
	}
	g := mentionGender(m.text)
	if g == unknown {
		g = st.honor[surname(m.speaker)]
	}
	class := genderClass(g)
	if class == "?" && isPerson(m.text) {
		class = "p?"
	}
	rs := []referent{{class: class, tok: m.tok}}
	if ws := titleWords(m.text); len(ws) > 0 {
		rs = append(rs, referent{class: "t", head: ws[len(ws)-1], tok: m.tok})
	}
	for _, r := range rs {
		cs := st.candidates(ms, r)
		gold, want := -1, st.find(m.speaker)
		for k, c := range cs {
			if c == want {
				gold = k
			}
		}
		if all && (gold < 0 || len(cs) < 2) {
			each(r, nil, gold) // missed, or the only one: scored all the same
			continue
		}
		if gold < 0 || len(cs) < 2 {
			continue
		}
		feats, _ := st.candidateFeatures(ms, r, cs, resolveBits)
		each(r, feats, gold)
	}
}

// goldMentions are an example's gold sources as mentions in text order,
// named ones with their canonical speaker (the fullest name the gold
// sources give the surname).
func (d *doc) goldMentions(gold []annotate.Attribution) []mention {
	var ms []mention
	var spans [][2]int
	full := goldFullNames(gold)
	seen := map[int]bool{}
	for _, g := range gold {
		if g.Source == nil || seen[g.Source.Start] {
			continue
		}
		seen[g.Source.Start] = true
		t0, t1 := d.tokenSpan(g.Source.Start, g.Source.End)
		if t0 >= t1 {
			continue
		}
		text := strings.TrimRight(strings.TrimSpace(g.Source.Exact), " ,")
		m := mention{text: text, tok: t0, kind: kindOf(text), ref: len(ms)}
		if _, refers := referentOf(&m); !refers {
			m.speaker = canonical(text, full)
		}
		ms, spans = append(ms, m), append(spans, [2]int{t0, t1})
	}
	return d.withTextNames(ms, func(k int) [2]int { return spans[k] })
}

// titleStops are words of a mention that are no title.
var titleStops = setOf("and", "also", "who", "has", "had", "was", "were", "have", "its", "their", "his", "her", "both", "other", "another")

// canonical is a mention's speaker as the suggester names it: the fullest
// name the text's sources give its surname, else its name.
func canonical(text string, full map[string]string) string {
	return nameCache(nil).canonical(text, full)
}

// canonical is canonical(text, full), reading the name through c.
func (c nameCache) canonical(text string, full map[string]string) string {
	name, sn := c.of(text)
	if f := full[sn]; f != "" {
		return f
	}
	return name
}

// nameCache keeps nameOf of each mention text and the surname of that
// name: both are pure functions of the text, and resolveReferring asks for
// each source's a few times, a transcript's sources repeating the same few
// names at every turn. A nil nameCache keeps nothing. Each goroutine has
// its own.
type nameCache map[string][2]string

func (c nameCache) of(text string) (name, sn string) {
	if p, ok := c[text]; ok {
		return p[0], p[1]
	}
	name = nameOf(text)
	sn = surname(name)
	if c != nil {
		c[text] = [2]string{name, sn}
	}
	return name, sn
}

// resolveReferring fills each source's mention and speaker in ws: a name
// made canonical by the fullest name the sources give its surname, a
// pronoun or title resolved among the earlier sources by d's resolver,
// recording which attribution it refers to and why. The names in the text
// outside the sources do not depend on the sources' speakers: another
// goroutine reads them (half of this serial step's time on a transcript)
// while this one reads the sources.
func (d *doc) resolveReferring(ws []work, stats func() textStats) {
	var inText []mention
	done := make(chan struct{})
	go func() {
		defer close(done)
		taken := d.sourcesTaken(ws)
		inText = d.textNamesWith(taken, stats().openers)
	}()
	names := nameCache{}
	full := d.fullNames(ws, names)
	var ms []mention
	for i := range ws {
		w := &ws[i]
		if !w.referring() {
			continue
		}
		w.mention = strings.TrimRight(d.spanText(w.source), " ,")
		m := mention{text: w.mention, tok: w.source[0], kind: kindOf(w.mention), ref: i}
		if m.kind == personalMention {
			d.personalSpeaker(w)
			continue // no name and no candidate for the others
		}
		if _, refers := referentOf(&m); !refers {
			m.speaker = names.canonical(w.mention, full)
		}
		ms = append(ms, m)
	}
	st := d.newResolveStateWith(stats().honor)
	<-done
	ms = append(ms, inText...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].tok < ms[j].tok })
	res := st.resolveMentions(ms, d.resolve, nil)
	for k := range ms {
		if ms[k].ref < 0 {
			continue
		}
		w := &ws[ms[k].ref]
		switch {
		case res[k].ante >= 0:
			w.speaker, w.why = ms[k].speaker, res[k].why
			if res[k].src >= 0 {
				w.antecede = ms[res[k].src].ref
			}
		case ms[k].kind == descMention:
			w.speaker = names.canonical(w.mention, full)
		}
		if ms[k].kind == nameMention {
			w.speaker = ms[k].speaker
		}
	}
}

// textStats are the statistics of a whole text that resolveReferring
// reads, the same for any sources: SuggestWith has them read while the
// attributions are still being found.
type textStats struct {
	openers map[string]bool   // d.openers
	honor   map[string]gender // d.honorifics
}

func (d *doc) textStats() textStats {
	return textStats{openers: d.openers(), honor: d.honorifics()}
}

// referring reports whether w has a source of its own to resolve (a
// continuation takes its quotation's).
func (w *work) referring() bool {
	return w.source[1] > w.source[0] && !w.cont
}

// sourcesTaken marks the tokens of the sources resolveReferring resolves.
func (d *doc) sourcesTaken(ws []work) []bool {
	taken := make([]bool, len(d.toks))
	for i := range ws {
		if s := ws[i].source; ws[i].referring() {
			for t := s[0]; t < s[1] && t < len(taken); t++ {
				taken[t] = true
			}
		}
	}
	return taken
}

// withTextNames adds to the sources ms (whose token spans span gives) the
// names in the text outside them, and puts all in text order.
func (d *doc) withTextNames(ms []mention, span func(k int) [2]int) []mention {
	taken := make([]bool, len(d.toks))
	for k := range ms {
		s := span(k)
		for t := s[0]; t < s[1] && t < len(taken); t++ {
			taken[t] = true
		}
	}
	ms = append(ms, d.textNames(taken)...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].tok < ms[j].tok })
	return ms
}

// textNames are the names in the text outside the tokens taken: runs of
// capitalised words (with the particles names carry) of two words or more,
// one word after an honorific ("Mr. Christie"), or the surname of such a
// run ("Christie slipped in a back door").
func (d *doc) textNames(taken []bool) []mention {
	return d.textNamesWith(taken, d.openers())
}

// textNamesWith is textNames with the text's common openers (d.openers).
func (d *doc) textNamesWith(taken []bool, common map[string]bool) []mention {
	type run struct {
		a, b           int
		text, name, sn string // for a run of one word, only once it may be a surname
	}
	var runs []run
	// A transcript names its speakers at every turn: each run's text is
	// read into a name once (15,562 names in 1 MB of debates took 34 ms).
	names := map[string][2]string{}
	name := func(r *run) {
		r.text = string(d.rs[d.toks[r.a].Start:d.toks[r.b-1].End])
		p, ok := names[r.text]
		if !ok {
			p[0] = runNameOf(r.text)
			p[1] = surname(p[0])
			names[r.text] = p
		}
		r.name, r.sn = p[0], p[1]
	}
	surnames := map[string]bool{}
	for i := 0; i < len(d.toks); {
		if taken[i] || !d.nameWord(i) || d.opens(i) && common[d.toks[i].Lower] {
			i++
			continue
		}
		j := i + 1
		for j < len(d.toks) && j-i < 5 && !taken[j] && d.toks[j].Sent == d.toks[i].Sent && !isPossessive(d.toks[j-1].Text) &&
			(d.nameWord(j) || nameParticles[d.toks[j].Lower] && j+1 < len(d.toks) && d.nameWord(j+1)) {
			j++
		}
		r := run{a: i, b: j}
		if j-i >= 2 {
			name(&r)
			if strings.Contains(r.name, " ") {
				surnames[r.sn] = true
			}
		}
		runs = append(runs, r)
		i = j
	}
	var out []mention
	for _, r := range runs {
		if r.b-r.a == 1 {
			// one word: a name only as a surname seen in full
			if !surnames[strings.TrimSuffix(strings.TrimSuffix(d.toks[r.a].Lower, "'s"), "’s")] {
				continue
			}
			name(&r)
		}
		_, honorific := honorifics[d.toks[r.a].Lower]
		if strings.Contains(r.name, " ") || honorific && r.b-r.a >= 2 || surnames[r.sn] && !isDescription(r.name) {
			out = append(out, mention{text: r.text, tok: r.a, speaker: r.name, kind: nameMention, inText: true, ref: -1})
		}
	}
	return out
}

// openers are the capitalised words that open a sentence somewhere in the
// text, each true when it is no name: a capitalised word that opens a
// sentence is no name when the text also writes it in lower case and never
// capitalises it elsewhere ("Regarding American aid …", "… regarding it").
// It is a statistic of the whole text, the same for any sources.
func (d *doc) openers() map[string]bool {
	common := map[string]bool{} // opening words: true once written in lower case
	for i := range d.toks {
		if d.opens(i) && d.nameWord(i) {
			common[d.toks[i].Lower] = false
		}
	}
	for i := range d.toks {
		t := &d.toks[i]
		if !unicode.IsLower(t.First) {
			continue
		}
		if _, ok := common[t.Lower]; ok {
			common[t.Lower] = true
		}
	}
	for i := range d.toks {
		if t := &d.toks[i]; !d.opens(i) && d.nameWord(i) {
			delete(common, t.Lower) // capitalised inside a sentence: a name
		}
	}
	return common
}

// opens reports whether token i opens a sentence or a quotation.
func (d *doc) opens(i int) bool {
	return d.sentS[i] == i || i > 0 && d.toks[i-1].Quote == 1
}

// honorifics are the titles that give a surname's gender.
var honorifics = map[string]gender{"mr.": male, "mr": male, "mrs.": female, "mrs": female, "ms.": female, "ms": female, "miss": female}

// nameWord reports whether token i may be part of a name: a capitalised
// word of more than one letter (honorifics are capitalised too).
func (d *doc) nameWord(i int) bool {
	t := &d.toks[i]
	return unicode.IsUpper(t.First) && len(t.Text) > 1
}

// runName is the name tokens [i, j) give, without titles or a possessive.
func (d *doc) runName(i, j int) string {
	return runNameOf(string(d.rs[d.toks[i].Start:d.toks[j-1].End]))
}

// runNameOf is the name a run of tokens written text gives.
func runNameOf(text string) string {
	for _, suf := range []string{"’s", "'s"} {
		text = strings.TrimSuffix(text, suf)
	}
	return nameOf(text)
}

// resolveSamples are the training cases of every example.
func resolveSamples(exs []Example) []rankSample {
	var out []rankSample
	for _, ex := range exs {
		d := newDoc(ex.Text.String())
		d.resolveMentions(d.goldMentions(ex.Attributions), nil, func(feats [][]uint32, gold int) {
			out = append(out, rankSample{feats: feats, gold: gold})
		})
	}
	return out
}

// trainResolver fits the resolver on exs' gold sources, with o's passes
// and seed.
func trainResolver(exs []Example, o TrainOptions) *resolver {
	o.defaults()
	return &resolver{chain: trainRanker(resolveSamples(exs), resolveBits, o.Epochs, o.Seed).chain}
}

func unmarshalResolver(data []byte) (*resolver, error) {
	r, err := unmarshalRanker(data)
	if err != nil {
		return nil, err
	}
	return &resolver{chain: r.chain}, nil
}

// Named is a source earlier in the text than the one to resolve: what it
// says (Mention), where it starts (Start, a code-point offset) and the
// speaker the user or the suggester gave it (Speaker, empty when none).
type Named struct {
	Mention string
	Speaker string
	Start   int
}

// IsPronoun reports whether a source's text is a personal pronoun ("he",
// "She", "they,").
func IsPronoun(mention string) bool { return isPronoun(mention) }

// IsPersonal reports whether a source is a pronoun of the speech itself
// ("I", "you", "us"): it names no one the text names.
func IsPersonal(source string) bool { return isPersonal(source) }

// IsFirstPerson reports whether a source is the speaker's own "I" ("me",
// "myself"): in a transcript's turn, the turn's speaker.
func IsFirstPerson(source string) bool { return isFirstPerson(source) }

// IsReferring reports whether a source's text is a pronoun or a title
// ("the president") that the resolver may resolve.
func IsReferring(source string) bool {
	m := mention{text: strings.TrimRight(strings.TrimSpace(source), " ,")}
	m.kind = kindOf(m.text)
	_, ok := referentOf(&m)
	return ok
}

// Antecedent picks the speaker a referring source at source in text means
// (the desk's article text, NFC with \n line ends), by the suggester's own
// resolver (the embedded model): earlier are the sources before it, in any
// order; names in the text that are no source are candidates too. It
// returns the index in earlier of the antecedent's latest source, or -1
// when none fits or the source does not refer; and when the one it means
// is named in the text but never a source, -1 and that name ("Zoë
// Lindqvist" for "she" after "According to Ms. Lindqvist"), for the desk
// to offer as a new speaker.
func Antecedent(text string, source annotate.Anchor, earlier []Named) (int, string) {
	rv, _ := embeddedResolver() // nil, if damaged: the nearest earlier speaker that fits
	return antecedentWith(rv, text, source, earlier)
}

// embeddedResolver is the embedded mention resolver alone (4 KB): a source
// set by hand loads it, not the 40 MB of all the models.
var embeddedResolver = sync.OnceValues(func() (*resolver, error) {
	b, err := readEmbedded(ResolveModelFile)
	if err != nil {
		return nil, err
	}
	return unmarshalResolver(b)
})

func antecedentWith(rv *resolver, text string, source annotate.Anchor, earlier []Named) (int, string) {
	d := newDoc(text)
	var ms []mention
	var spans [][2]int
	add := func(m string, start, end, ref int, speaker string) {
		t0, t1 := d.tokenSpan(start, end)
		if t0 < t1 {
			m = strings.TrimRight(strings.TrimSpace(m), " ,")
			ms, spans = append(ms, mention{text: m, tok: t0, speaker: speaker, kind: kindOf(m), ref: ref}), append(spans, [2]int{t0, t1})
		}
	}
	for i, n := range earlier {
		if n.Start < source.Start {
			add(n.Mention, n.Start, n.Start+len([]rune(n.Mention)), i, n.Speaker)
		}
	}
	add(source.Exact, source.Start, source.End, len(earlier), "")
	if len(ms) == 0 || ms[len(ms)-1].ref != len(earlier) {
		return -1, ""
	}
	ms = d.withTextNames(ms, func(k int) [2]int { return spans[k] })
	res := d.resolveMentions(ms, rv, nil)
	for i := range ms {
		switch {
		case ms[i].ref != len(earlier) || res[i].ante < 0:
		case res[i].src >= 0:
			return ms[res[i].src].ref, ""
		default:
			return -1, ms[i].speaker
		}
	}
	return -1, ""
}

func pronounKey(m string) string { return strings.ToLower(strings.TrimSpace(strings.Trim(m, ","))) }

// NameOf is the name in a source's text, without an apposition or leading
// titles: "President Volodymyr Zelensky, from Ukraine" → "Volodymyr
// Zelensky". A description ("the source") is returned as it is.
func NameOf(mention string) string {
	return nameOf(strings.TrimRight(strings.TrimSpace(mention), " ,"))
}

// ReferringScore counts the resolver's self-supervised cases (see
// resolver) on gold sources: how many there are, and how many the model
// and the nearest-speaker rule resolve right; Pronoun and Title split them
// by what the case stands for.
type ReferringScore struct{ Pronoun, Title ReferringCount }

// ReferringCount is one part of a ReferringScore.
type ReferringCount struct{ Cases, Model, Nearest int }

// Add accumulates another score.
func (s *ReferringScore) Add(t ReferringScore) {
	for _, p := range [][2]*ReferringCount{{&s.Pronoun, &t.Pronoun}, {&s.Title, &t.Title}} {
		p[0].Cases += p[1].Cases
		p[0].Model += p[1].Model
		p[0].Nearest += p[1].Nearest
	}
}

// Lines are the counts as `factmark eval` prints them.
func (s *ReferringScore) Lines() []string {
	line := func(name string, c ReferringCount) string {
		return fmt.Sprintf("resolve  %-9s %d of %d named sources resolved right with their name hidden (%.3f); the nearest earlier name: %d (%.3f)",
			name, c.Model, c.Cases, ratio(c.Model, c.Cases), c.Nearest, ratio(c.Nearest, c.Cases))
	}
	return []string{line("pronoun", s.Pronoun), line("title", s.Title)}
}

// ScoreReferring resolves the self-supervised cases of exs with s's
// resolver.
func (s *Suggester) ScoreReferring(exs []Example) ReferringScore {
	return scoreReferring(s.resolve, exs)
}

func scoreReferring(rv *resolver, exs []Example) ReferringScore {
	var out ReferringScore
	for _, ex := range exs {
		d := newDoc(ex.Text.String())
		ms := d.goldMentions(ex.Attributions)
		st := d.newResolveState()
		for i := range ms {
			if ms[i].kind == nameMention && !ms[i].inText && st.find(ms[i].speaker) != nil {
				st.casesOf(ms, i, true, func(r referent, feats [][]uint32, gold int) {
					c := &out.Pronoun
					if r.class == "t" {
						c = &out.Title
					}
					c.Cases++
					if gold == 0 {
						c.Nearest++
					}
					if gold >= 0 && (feats == nil || rv.top(feats) == gold) {
						c.Model++
					}
				})
			}
			st.see(ms, i)
		}
	}
	return out
}

// top is the candidate the model scores highest, the first among equals.
func (rv *resolver) top(feats [][]uint32) int {
	best, bestS := 0, float32(0)
	for k, fs := range feats {
		var v float32
		for _, f := range fs {
			v += rv.W[f]
		}
		if k == 0 || v > bestS {
			best, bestS = k, v
		}
	}
	return best
}

// CrossValidateReferring scores resolvers trained on all but one of k
// folds of exs (by text, as CrossValidateAttributions splits them) on the
// fold left out, for the first n folds.
func CrossValidateReferring(exs []Example, k, n int, o TrainOptions) ReferringScore {
	var total ReferringScore
	for f := 0; f < min(n, k); f++ {
		train, test := splitFold(exs, k, f)
		total.Add(scoreReferring(trainResolver(train, o), test))
	}
	return total
}
