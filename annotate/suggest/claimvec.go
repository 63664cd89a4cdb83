package suggest

import (
	"math"
	"slices"
	"strconv"
)

// claimVec is a sentence's feature vector: binary hashed features
// (indices ascending and distinct), each of value x so that they make a unit
// vector, and the sentence's mean word vector (nil when it has none), which
// the model weighs by embWeight.
type claimVec struct {
	idx []uint32
	x   float32
	emb []float32
}

// embWeight is the length of the mean word vector beside the unit-length
// binary features: chosen in leave-one-transcript-out tests among 0.3, 0.6
// and 1 (see model/README.md).
const embWeight = 0.6

// lineCtx is what a sentence's speaker does in the text: how much they say,
// in how long turns, how often they ask. In a transcript a turn is a run of
// consecutive sentences by one speaker; an article is one speaker's text
// whose turns are its paragraphs.
type lineCtx struct {
	share     float64 // the speaker's share of the text's sentences
	rank      int     // the speaker's rank by sentences spoken, 0 the most
	questions float64 // the share of the speaker's sentences that are questions
	meanTurn  float64 // the speaker's mean turn length in sentences
	none      bool    // no speaker known (text outside a transcript's turns): no speaker features
}

// lineContexts derives each sentence's lineCtx from its speaker and turn
// (sentences of one turn share a turn number, and turns are consecutive).
func lineContexts(speaker []string, turn []int, question []bool) []lineCtx {
	n := len(speaker)
	out := make([]lineCtx, n)
	type stat struct{ lines, questions, turns int }
	stats := map[string]*stat{}
	for i := 0; i < n; {
		j := i
		for j < n && turn[j] == turn[i] {
			j++
		}
		s := stats[speaker[i]]
		if s == nil {
			s = &stat{}
			stats[speaker[i]] = s
		}
		s.turns++
		for k := i; k < j; k++ {
			s.lines++
			if question[k] {
				s.questions++
			}
		}
		i = j
	}
	names := make([]string, 0, len(stats))
	for sp := range stats {
		names = append(names, sp)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := stats[b].lines - stats[a].lines; d != 0 {
			return d
		}
		if a < b {
			return -1
		}
		return 1
	})
	rank := map[string]int{}
	for r, sp := range names {
		rank[sp] = r
	}
	for i := range out {
		s := stats[speaker[i]]
		out[i].share = float64(s.lines) / float64(n)
		out[i].rank = rank[speaker[i]]
		out[i].questions = float64(s.questions) / float64(s.lines)
		out[i].meanTurn = float64(s.lines) / float64(s.turns)
	}
	return out
}

func logBucket(x float64) string {
	if x <= 0 {
		return "0"
	}
	return strconv.Itoa(int(math.Floor(math.Log2(x))))
}

// claimVectors returns the feature vectors of a text's consecutive
// sentences: each sentence's words, bigrams and cue groups, who speaks it
// (ctx), its words and groups again conjoined with the kind of text (see
// textKind; none when kind is empty), and its mean word vector from wv
// (which may be nil). The kind-conjoined copies let the model weigh a word
// differently in speeches and debates while the plain ones carry what the
// kinds share. An article, one voice, counts as a speech: scored by the
// shared features alone, the seed article ranked its gold claims worse. found, when not nil, receives each
// sentence's triggered groups, for reasons.
//
// Left out because they did not help in leave-one-transcript-out tests
// (see model/README.md): the cue groups and words of the neighbouring
// sentences, the sentence's place in its turn, word stems and number shapes,
// character n-grams, clusters of the word vectors, naive Bayes log-count
// ratios, audience reactions.
func claimVectors(sents [][]token, ctx []lineCtx, kind string, wv *wordVectors, bits uint, found []map[string][]string) []claimVec {
	var tags []string
	out := make([]claimVec, len(sents))
	var fs, gs featureSet
	// The kind-conjoined features' tag and kind, hashed once (as add2
	// starts each feature's hash).
	dw, dg := hashStr(hashStr(fnvOffset, "dw"), kind), hashStr(hashStr(fnvOffset, "dg"), kind)
	for i, s := range sents {
		fs.reset(bits)
		gs.reset(bits)
		var fd map[string][]string
		if found != nil {
			fd = found[i]
		}
		tags = tags[:0]
		claimFeatures(s, &fs, &gs, fd, &tags)
		if ctx != nil && !ctx[i].none {
			speakerFeatures(ctx[i], &gs)
		}
		if kind != "" {
			for k := range s {
				gs.from(dw, s[k].Lower)
			}
			for _, tag := range tags {
				gs.from(dg, tag)
			}
		}
		out[i] = makeVec(fs.out, gs.out)
		out[i].emb = wv.meanVector(s)
	}
	return out
}

// textKind tells a speech, where the first voice speaks more than 70% of a
// transcript's sentences, from a debate.
func textKind(ctx []lineCtx) string {
	for _, c := range ctx {
		if c.rank == 0 && !c.none {
			if c.share > 0.7 {
				return "speech"
			}
			break
		}
	}
	return "debate"
}

// speakerFeatures describe the speaker's part in the text, so that the
// model can tell a candidate's case from a moderator's questions without
// knowing any names: the speaker's rank and share by sentences spoken, how
// often they ask questions, how long their turns run.
func speakerFeatures(c lineCtx, f *featureSet) {
	f.add("srank", strconv.Itoa(min(c.rank, 3)))
	f.add("sshare", strconv.Itoa(int(c.share*10)))
	f.add("sq", logBucket(c.questions*100))
	f.add("smt", logBucket(c.meanTurn))
}

// makeVec merges the features into one binary vector (a feature present
// twice counts once) scaled to unit length, so that long sentences do not
// score high merely by having more features.
func makeVec(words, rest []uint32) claimVec {
	idx := slices.Concat(words, rest)
	slices.Sort(idx)
	idx = slices.Compact(idx)
	return claimVec{idx: idx, x: float32(1 / math.Sqrt(float64(max(1, len(idx)))))}
}
