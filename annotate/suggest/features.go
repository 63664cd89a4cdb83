package suggest

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// doc is a text prepared for tagging: its code points, tokens and where each
// paragraph's tokens begin and end.
type doc struct {
	rs      []rune
	toks    []token
	paraS   []int      // first token of the paragraph of token i
	paraE   []int      // one past the last token of the paragraph of token i
	sentS   []int      // first token of the sentence of token i
	sentQ   []bool     // whether the sentence of token i has a quotation in it
	openQ   []int      // the first token after token i in its paragraph that opens a quotation; paraE[i] when none does
	resolve *resolver  // the mention resolver; nil: the nearest earlier speaker that fits
	turns   *turnIndex // a transcript's turns; nil for none

	// quotes is the loose-quotation scorer; nil: no loose quotation is
	// taken for content.
	quotes *quoteScorer
}

// docPartBytes is the least text newDoc gives a goroutine of its own.
const docPartBytes = 1 << 16

// newDoc prepares text for tagging, cut at line ends into a part per
// goroutine the machine runs at once (for a long text).
func newDoc(text string) *doc {
	return newDocIn(text, max(1, min(runtime.GOMAXPROCS(0), len(text)/docPartBytes)))
}

// docPart is a stretch of whole lines of a text: its code points
// [r0, r1), the paragraph number of its first line and its tokens.
type docPart struct {
	r0, r1, para int
	toks         []token
	fits         bool // the tokens fit in the part's share of the room newDocIn made
}

// newDocIn prepares text in about parts pieces, each on its own goroutine,
// cut at line ends: no token, quotation or sentence crosses a line end, so
// the doc is the one a single piece gives (TestNewDocInPartsIsOneDoc).
func newDocIn(text string, parts int) *doc {
	cuts := lineCuts(text, parts)
	ps := make([]docPart, len(cuts)-1)
	inParallel(len(ps), func(p int) {
		seg := text[cuts[p]:cuts[p+1]]
		ps[p].r1, ps[p].para = utf8.RuneCountInString(seg), strings.Count(seg, "\n")
	})
	runes, para := 0, 0
	for p := range ps {
		n, lines := ps[p].r1, ps[p].para
		ps[p].r0, ps[p].r1, ps[p].para = runes, runes+n, para
		runes, para = runes+n, para+lines
	}
	rs := make([]rune, runes)
	// The parts tokenize into one array, each into its share of the room;
	// joinParts closes the gaps between them.
	room := make([]int, len(ps)+1)
	for p := range ps {
		room[p+1] = room[p] + tokenRoom(ps[p].r1-ps[p].r0)
	}
	all := make([]token, room[len(ps)])
	inParallel(len(ps), func(p int) {
		k := ps[p].r0
		for _, r := range text[cuts[p]:cuts[p+1]] {
			rs[k] = r
			k++
		}
	})
	// Only now that every part is decoded: the tokenizer looks a code
	// point past the end of its part.
	inParallel(len(ps), func(p int) {
		pt := &ps[p]
		pt.toks = tokenizePart(all[room[p]:room[p]:room[p+1]], rs, text, pt.r0, pt.r1, cuts[p], pt.para)
		pt.fits = len(pt.toks) <= room[p+1]-room[p] // else append moved them
	})
	return joinParts(rs, all, ps)
}

// joinParts makes the doc of the parts ps of the text rs decodes, whose
// tokens lie in all, in order, each in its share, unless it outgrew it
// (then in an array of its own): their tokens in one slice, numbering
// sentences over the whole text, and the paragraph and sentence indexes.
func joinParts(rs []rune, all []token, ps []docPart) *doc {
	d := &doc{rs: rs}
	at := make([]int, len(ps)+1) // first token of each part
	sent := make([]int, len(ps)) // number of the first sentence of each part
	next, inAll := 0, true
	for p, pt := range ps {
		at[p+1] = at[p] + len(pt.toks)
		sent[p] = next
		if n := len(pt.toks); n > 0 {
			next += pt.toks[n-1].Sent + 1 // a part ends a paragraph, and so a sentence
		}
		inAll = inAll && pt.fits
	}
	n := at[len(ps)]
	if inAll {
		// Each part begins at or after its place: moving them down in
		// order overwrites only tokens already moved.
		for p := 1; p < len(ps); p++ {
			copy(all[at[p]:], ps[p].toks)
		}
		d.toks = all[:n]
	} else {
		d.toks = make([]token, n)
		for p := range ps {
			copy(d.toks[at[p]:], ps[p].toks)
		}
	}
	d.paraS, d.paraE = make([]int, n), make([]int, n)
	d.sentS, d.sentQ, d.openQ = make([]int, n), make([]bool, n), make([]int, n)
	inParallel(len(ps), func(p int) {
		out := d.toks[at[p]:at[p+1]]
		for i := range out {
			out[i].Sent += sent[p]
		}
		d.index(at[p], at[p+1])
	})
	return d
}

// index fills the paragraph and sentence indexes of tokens [t0, t1), whole
// paragraphs.
func (d *doc) index(t0, t1 int) {
	for i := t0; i < t1; {
		j := i
		for j < t1 && d.toks[j].Para == d.toks[i].Para {
			j++
		}
		open := j
		for k := j - 1; k >= i; k-- {
			d.paraS[k], d.paraE[k], d.openQ[k] = i, j, open
			if d.toks[k].Quote == 1 {
				open = k
			}
		}
		i = j
	}
	for i := t0; i < t1; {
		j, q := i, false
		for j < t1 && d.toks[j].Sent == d.toks[i].Sent {
			q = q || d.toks[j].Quote != 0 || d.toks[j].InQuote
			j++
		}
		for k := i; k < j; k++ {
			d.sentS[k], d.sentQ[k] = i, q
		}
		i = j
	}
}

// lineCuts returns the byte offsets that cut text into at most parts
// pieces of about equal size, each ending right after a line end (the last
// at the end of text): 0, the cuts, len(text).
func lineCuts(text string, parts int) []int {
	cuts := []int{0}
	for p := 1; p < parts; p++ {
		from := max(p*len(text)/parts, cuts[len(cuts)-1])
		i := strings.IndexByte(text[from:], '\n')
		if i < 0 || from+i+1 >= len(text) {
			break
		}
		if c := from + i + 1; c > cuts[len(cuts)-1] {
			cuts = append(cuts, c)
		}
	}
	return append(cuts, len(text))
}

// inParallel runs f(0) … f(n-1), each on its own goroutine when n > 1, and
// returns when all have.
func inParallel(n int, f func(i int)) {
	if n == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Go(func() { f(i) })
	}
	wg.Wait()
}

// word shapes: capitalised, upper, lower, number, punctuation, quote.
func shape(t *token) string {
	if t.Quote != 0 {
		return "Q"
	}
	r := t.First
	switch {
	case unicode.IsDigit(r):
		return "d"
	case unicode.IsUpper(r) && t.End-t.Start > 1 && strings.ToUpper(t.Text) == t.Text:
		return "X"
	case unicode.IsUpper(r):
		return "Xx"
	case unicode.IsLetter(r):
		return "x"
	}
	return t.Text // punctuation stands for itself
}

// stem strips the commonest English inflections so that "says", "said" and
// "saying" share more features; it is crude on purpose and only a feature.
func stem(w string) string {
	switch w {
	case "said", "says", "saying":
		return "say"
	case "told", "tells", "telling":
		return "tell"
	case "wrote", "writes", "writing", "written":
		return "write"
	case "thought", "thinks", "thinking":
		return "think"
	}
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// suffix returns the last n code points of w (all of w when it is
// shorter), without copying.
func suffix(w string, n int) string {
	b := len(w)
	for k := 0; k < n && b > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(w[:b])
		b -= size
	}
	return w[b:]
}

// prefix returns the first n code points of w, and whether w is longer.
func prefix(w string, n int) (string, bool) {
	b := 0
	for k := 0; k < n && b < len(w); k++ {
		_, size := utf8.DecodeRuneInString(w[b:])
		b += size
	}
	return w[:b], b < len(w)
}

var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true,
}

// lowerIn returns token i's lower form if it is in the paragraph of token k.
func (d *doc) lowerIn(i, k int) string {
	if i < d.paraS[k] || i >= d.paraE[k] {
		return "<p>"
	}
	return d.toks[i].Lower
}

func clamp(x, lo, hi int) int { return max(lo, min(hi, x)) }

func bucket(n int) string {
	switch {
	case n <= 3:
		return strconv.Itoa(n)
	case n <= 5:
		return "4-5"
	case n <= 8:
		return "6-8"
	case n <= 12:
		return "9-12"
	case n <= 20:
		return "13-20"
	case n <= 35:
		return "21-35"
	}
	return "36+"
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// The cue features' tags, hashed once (as featureSet.add would start each
// feature's hash): the cue tagger reads every token's features, and the
// tags were a third of the bytes hashed.
const (
	ctB = iota
	ctW
	ctST
	ctSH
	ctS3
	ctP1
	ctN1
	ctP2
	ctN2
	ctPW
	ctWN
	ctPST
	ctSTN
	ctQ
	ctQSH
	ctPSH
	ctNSH
	ctAQ
	ctSP
	ctSQ
	ctPF4
	ctS2
	ctS4
	ctPOSS
	ctNQ
	ctPLEN
	ctPLEN0
	ctPPOS
	ctLB
	ctLI
	ctLBS
	ctLBP
	ctLIP
	nCueTags
)

var cueTags = func() (h [nCueTags]uint64) {
	for k, tag := range [nCueTags]string{"b", "w", "st", "sh", "s3", "p1", "n1", "p2", "n2", "pw", "wn", "pst", "stn", "q", "qsh", "psh", "nsh", "aq", "sp", "sq", "pf4", "s2", "s4", "poss", "nq", "plen", "plen0", "ppos", "lb", "li", "lbs", "lbp", "lip"} {
		h[k] = hashStr(fnvOffset, tag)
	}
	return h
}()

// cueFeatures are the features of token i for finding cues: the word and its
// neighbours, whether it stands in a quotation or right after one, and what
// stands around it that a reporting word often has (a name before it, "that"
// or a colon after it), and, when lex is not nil, the lexicon's rates of it
// and of the word before as a cue's start and inside (cueLexicon).
func (d *doc) cueFeatures(i int, f *featureSet, lex *cueLexicon) {
	t := &d.toks[i]
	w := t.Lower
	st := stem(w)
	p1, n1 := d.lowerIn(i-1, i), d.lowerIn(i+1, i)
	p2, n2 := d.lowerIn(i-2, i), d.lowerIn(i+2, i)
	q := flag(t.InQuote)
	f.from(cueTags[ctB], "")
	f.from(cueTags[ctW], w)
	f.from(cueTags[ctST], st)
	f.from(cueTags[ctSH], t.Shape)
	f.from(cueTags[ctS3], suffix(w, 3))
	f.from(cueTags[ctP1], p1)
	f.from(cueTags[ctN1], n1)
	f.from(cueTags[ctP2], p2)
	f.from(cueTags[ctN2], n2)
	f.from2(cueTags[ctPW], p1, w)
	f.from2(cueTags[ctWN], w, n1)
	f.from2(cueTags[ctPST], p1, st)
	f.from2(cueTags[ctSTN], st, n1)
	f.from2(cueTags[ctQ], q, st)
	f.from2(cueTags[ctQSH], q, t.Shape)
	if i > 0 && i-1 >= d.paraS[i] {
		f.from2(cueTags[ctPSH], d.toks[i-1].Shape, st)
	}
	if i+1 < d.paraE[i] {
		f.from2(cueTags[ctNSH], st, d.toks[i+1].Shape)
	}
	f.from2(cueTags[ctAQ], d.afterCloseQuote(i), st)
	f.from2(cueTags[ctSP], bucket(d.sentPos(i)), st)
	f.from2(cueTags[ctSQ], flag(d.sentHasQuote(i)), st)
	d.cueFrame(i, st, f)
	if lex != nil {
		b, in := lex.rates(w)
		pb, _ := lex.rates(p1)
		f.from(cueTags[ctLB], b)
		f.from(cueTags[ctLI], in)
		f.from2(cueTags[ctLBS], b, t.Shape)
		f.from2(cueTags[ctLBP], b, pb)
		f.from2(cueTags[ctLIP], in, pb)
	}
}

// cueFrame adds the features of token i's frame that tell a reporting
// word or a stance from the same word used otherwise: its prefix and
// other suffixes (for "accus-", "-ized" words seen once), a possessive
// before it ("Trump's support for", "his call for"), how far ahead a
// quotation opens, and how long its paragraph is and where in it the
// token stands (headlines such as "Clinton blasts Trump" are short). On
// polnear-train 5-fold cross-validation (cue tagger alone, all five
// folds) they raised cue exact F1 0.646 → 0.647.
func (d *doc) cueFrame(i int, st string, f *featureSet) {
	w := d.toks[i].Lower
	if p, longer := prefix(w, 4); longer {
		f.from(cueTags[ctPF4], p)
	}
	f.from(cueTags[ctS2], suffix(w, 2))
	f.from(cueTags[ctS4], suffix(w, 4))
	f.from2(cueTags[ctPOSS], d.possessiveBefore(i), st)
	f.from2(cueTags[ctNQ], d.quoteAhead(i), st)
	n := d.paraE[i] - d.paraS[i]
	f.from2(cueTags[ctPLEN], bucket(n), st)
	f.from(cueTags[ctPLEN0], bucket(n))
	f.from2(cueTags[ctPPOS], bucket(i-d.paraS[i]), d.toks[i].Shape)
}

// possessiveBefore says whether token i follows a possessive: a name's
// "'s" ("poss"), a possessive pronoun ("ppro") or neither ("-").
func (d *doc) possessiveBefore(i int) string {
	if i-1 < d.paraS[i] {
		return "-"
	}
	u := d.toks[i-1].Lower
	switch {
	case strings.HasSuffix(u, "'s"):
		return "poss"
	case possessives[u]:
		return "ppro"
	}
	return "-"
}

var possessives = map[string]bool{"his": true, "her": true, "their": true, "its": true, "our": true, "my": true}

// quoteAhead is how many tokens after token i a quotation opens, within
// twelve in its paragraph, as a bucket ("-" when none does).
func (d *doc) quoteAhead(i int) string {
	if k := d.openQ[i] - i; d.openQ[i] < d.paraE[i] && k <= 12 {
		return bucket(k)
	}
	return "-"
}

// afterCloseQuote says how far token i stands after a closing quote mark in
// its sentence ("”, he said"), as a small bucket.
func (d *doc) afterCloseQuote(i int) string {
	for k := 1; k <= 4 && i-k >= d.paraS[i]; k++ {
		if d.toks[i-k].Quote == 2 {
			return strconv.Itoa(k)
		}
	}
	return "-"
}

func (d *doc) sentPos(i int) int { return i - d.sentS[i] }

func (d *doc) sentHasQuote(i int) bool { return d.sentQ[i] }

// roleWindow is the stretch of tokens where a cue's source and content are
// looked for: its paragraph, at most roleReach tokens either side.
const roleReach = 80

func (d *doc) roleWindow(c0, c1 int) (int, int) {
	return max(d.paraS[c0], c0-roleReach), min(d.paraE[c0], c1+roleReach)
}

// cueInfo is what role features need to know about a cue, with the hash
// states of the role features' fixed leading parts on each side of it
// (pre, see rolePrefixes), so that they are hashed once per cue.
type cueInfo struct {
	c0, c1  int // tokens
	key     string
	head    string
	inQuote string
	sent    int
	pre     *[3][nRoleTmpl]uint64
}

func (d *doc) cue(c0, c1 int) cueInfo {
	var ws []string
	for k := c0; k < c1; k++ {
		ws = append(ws, d.toks[k].Lower)
	}
	c := cueInfo{c0: c0, c1: c1, key: strings.Join(ws, " "), head: stem(d.toks[c1-1].Lower),
		inQuote: flag(d.toks[c0].InQuote), sent: d.toks[c0].Sent}
	c.pre = rolePrefixes(c.key, c.head)
	return c
}

// The role feature templates, by index into cueInfo.pre.
const (
	rtD = iota
	rtSD
	rtSDD
	rtW
	rtSH
	rtSHD
	rtPW
	rtNW
	rtQ
	rtQB
	rtCB
	rtCBQ
	rtSTP
	rtTB
	rtCK
	rtCKD
	rtCKC
	rtCHS
	rtCHQ
	rtCW
	rtDW
	rtPRO
	rtFS
	rtPSH
	rtNSH
	rtS3
	nRoleTmpl
)

// roleTags are the templates' tags, as featureSet hashes them.
var roleTags = [nRoleTmpl]string{"d", "sd", "sdd", "w", "sh", "shd", "pw", "nw", "q", "qb", "cb", "cbq",
	"stp", "tb", "ck", "ckd", "ckc", "chs", "chq", "cw", "dw", "pro", "fs", "psh", "nsh", "s3"}

// roleDirs are the sides of a cue a token may be on.
var roleDirs = [3]string{"L", "C", "R"}

// rolePrefixes hashes, for each side of the cue, each template's tag and
// side, and the parts that come from the cue itself: its key for ck, ckd
// and ckc, its head for chs, chq and cw. A feature hashed on from such a
// state is the one featureSet.add2/add3 would make from all its parts.
func rolePrefixes(key, head string) *[3][nRoleTmpl]uint64 {
	var pre [3][nRoleTmpl]uint64
	for di, dir := range roleDirs {
		for t, tag := range roleTags {
			pre[di][t] = hashStr(hashStr(fnvOffset, tag), dir)
		}
		for _, t := range []int{rtCK, rtCKD, rtCKC} {
			pre[di][t] = hashStr(pre[di][t], key)
		}
		for _, t := range []int{rtCHS, rtCHQ, rtCW} {
			pre[di][t] = hashStr(pre[di][t], head)
		}
	}
	return &pre
}

// betweenStats counts, for every token of a window, what lies between it and
// the cue: commas, quote marks, sentence ends, a "that" or a colon. They are
// computed by one sweep out from the cue in each direction.
type between struct {
	commas, quotes, stops int
	that, colon           bool
}

func (d *doc) betweenAll(w0, w1 int, c cueInfo) []between {
	out := make([]between, w1-w0)
	var b between
	for j := c.c0 - 1; j >= w0; j-- {
		out[j-w0] = b
		b.add(&d.toks[j])
	}
	b = between{}
	for j := c.c1; j < w1; j++ {
		out[j-w0] = b
		b.add(&d.toks[j])
	}
	return out
}

func (b *between) add(t *token) {
	switch {
	case t.Text == ",":
		b.commas++
	case t.Quote != 0:
		b.quotes++
	case isStop(t.Text):
		b.stops++
	case t.Lower == "that":
		b.that = true
	case t.Text == ":":
		b.colon = true
	}
}

// roleFeatures are the features of token j for labelling it source, content
// or neither of the cue c: its side of the cue and distance, its word, and
// what lies between it and the cue, each conjoined with the side.
func (d *doc) roleFeatures(j int, c cueInfo, b between, f *featureSet) uint8 {
	t := &d.toks[j]
	var di, dist int
	var edge uint8
	switch {
	case j < c.c0:
		di, dist, edge = 0, c.c0-j, 0
	case j >= c.c1:
		di, dist, edge = 2, j-c.c1+1, 2
	default:
		di, edge = 1, 1
	}
	p := &c.pre[di]
	db := bucket(dist)
	sd := strconv.Itoa(clamp(t.Sent-c.sent, -2, 2))
	w := t.Lower
	sh := t.Shape
	q := flag(t.InQuote)
	cb := bucket(b.commas)
	qb := bucket(b.quotes)
	f.from(p[rtD], db)
	f.from(p[rtSD], sd)
	f.from2(p[rtSDD], sd, db)
	f.from(p[rtW], w)
	f.from(p[rtSH], sh)
	f.from2(p[rtSHD], sh, db)
	f.from(p[rtPW], d.lowerIn(j-1, j))
	f.from(p[rtNW], d.lowerIn(j+1, j))
	f.from2(p[rtQ], q, c.inQuote)
	f.from2(p[rtQB], qb, q)
	f.from(p[rtCB], cb)
	f.from2(p[rtCBQ], cb, qb)
	f.from2(p[rtSTP], bucket(b.stops), q)
	f.from2(p[rtTB], flag(b.that), flag(b.colon))
	f.fold(p[rtCK])
	f.from(p[rtCKD], db)
	f.from(p[rtCKC], cb)
	f.from(p[rtCHS], sh)
	f.from(p[rtCHQ], q)
	if dist <= 3 {
		f.from(p[rtCW], w)
		f.from2(p[rtDW], db, w)
	}
	if pronouns[w] {
		f.from(p[rtPRO], db)
	}
	f.from2(p[rtFS], flag(d.sentPos(j) == 0), sh)
	f.from2(p[rtPSH], d.shapeIn(j-1, j), sh)
	f.from2(p[rtNSH], sh, d.shapeIn(j+1, j))
	f.from(p[rtS3], suffix(w, 3))
	return edge
}

// cueVecScale scales the word vectors the cue tagger learns from: the
// vectors of a token and of its neighbours either side (cueVecTags), as
// real-valued inputs beside the hashed features.
const cueVecScale = 0.5

// cueVecSlots are the cue tagger's word-vector slots, as offsets from the
// token: its own word, the one before and the one after, in its paragraph.
var cueVecSlots = [3]int{0, -1, 1}

// cueRows are the word-vector rows of token i and of its neighbours, in
// cueVecSlots's order; -1 where the word has no vector or lies outside
// the paragraph.
func (d *doc) cueRows(i int, wv *wordVectors) []int32 {
	out := make([]int32, len(cueVecSlots))
	for slot, off := range cueVecSlots {
		k := i + off
		out[slot] = -1
		if k < d.paraS[i] || k >= d.paraE[i] {
			continue
		}
		if r, ok := wv.Index[d.toks[k].Lower]; ok {
			out[slot] = int32(r)
		}
	}
	return out
}

// wordRows are the word-vector rows of the tokens p (-1: none), one
// lookup a token.
func (d *doc) wordRows(p [2]int, wv *wordVectors) []int32 {
	out := make([]int32, p[1]-p[0])
	for k := range out {
		out[k] = -1
		if r, ok := wv.Index[d.toks[p[0]+k].Lower]; ok {
			out[k] = int32(r)
		}
	}
	return out
}

// newCueChain is an untrained cue tagger, with word-vector weights when wv
// is not nil.
func newCueChain(bits uint, wv *wordVectors) *chain {
	c := newChain(cueLabels, bits, 1)
	if wv != nil {
		c.Vec, c.VecScale, c.Slots = wv, cueVecScale, len(cueVecSlots)
		c.D = make([]float32, c.Slots*wv.Dim*c.Labels)
	}
	return c
}
