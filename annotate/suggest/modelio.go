package suggest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Model files are gzip-compressed: a magic string naming the kind of model, a
// few header numbers, then each weight array as its length, a scale and the
// non-zero entries as (gap from the previous index, weight/scale rounded to
// an integer), all varints. Weights smaller than a pruning threshold are
// dropped and the rest kept to 1/16000 of the largest: the taggers' scores
// do not change measurably, and the files shrink from tens of MB to a few.

const (
	magicChain = "factmark-chain/1"
	// magicChainVec is a chain with word-vector weights (chain.D) after
	// its transitions: slots, scale and weights.
	magicChainVec = "factmark-chain-vectors/1"
	magicClaim    = "factmark-claims/2"
	magicWords    = "factmark-words/1"
	magicCueLex   = "factmark-cue-lexicon/1"
	quantSteps    = 16000
)

type modelWriter struct {
	w   *bufio.Writer
	err error
}

func (m *modelWriter) uvarint(x uint64) {
	if m.err == nil {
		var b [binary.MaxVarintLen64]byte
		_, m.err = m.w.Write(b[:binary.PutUvarint(b[:], x)])
	}
}

func (m *modelWriter) varint(x int64) {
	if m.err == nil {
		var b [binary.MaxVarintLen64]byte
		_, m.err = m.w.Write(b[:binary.PutVarint(b[:], x)])
	}
}

func (m *modelWriter) str(s string) {
	m.uvarint(uint64(len(s)))
	if m.err == nil {
		_, m.err = m.w.WriteString(s)
	}
}

func (m *modelWriter) float(f float32) { m.uvarint(uint64(math.Float32bits(f))) }

// weights writes w, dropping entries with |w| < prune.
func (m *modelWriter) weights(w []float32, prune float32) {
	var top float32
	for _, x := range w {
		top = max(top, abs32(x))
	}
	scale := top / quantSteps
	if scale == 0 {
		scale = 1
	}
	m.uvarint(uint64(len(w)))
	m.float(scale)
	n := 0
	for _, x := range w {
		if keep(x, prune, scale) {
			n++
		}
	}
	m.uvarint(uint64(n))
	last := -1
	for i, x := range w {
		if keep(x, prune, scale) {
			m.uvarint(uint64(i - last))
			m.varint(int64(math.Round(float64(x / scale))))
			last = i
		}
	}
}

func keep(x, prune, scale float32) bool {
	return abs32(x) >= prune && math.Round(float64(x/scale)) != 0
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

type modelReader struct {
	r   *bufio.Reader
	err error
}

func (m *modelReader) uvarint() uint64 {
	if m.err != nil {
		return 0
	}
	x, err := binary.ReadUvarint(m.r)
	m.err = err
	return x
}

func (m *modelReader) varint() int64 {
	if m.err != nil {
		return 0
	}
	x, err := binary.ReadVarint(m.r)
	m.err = err
	return x
}

func (m *modelReader) str() string {
	n := m.uvarint()
	if m.err != nil || n > 1<<10 {
		m.fail("bad string")
		return ""
	}
	b := make([]byte, n)
	_, m.err = io.ReadFull(m.r, b)
	return string(b)
}

func (m *modelReader) float() float32 { return math.Float32frombits(uint32(m.uvarint())) }

func (m *modelReader) fail(msg string) {
	if m.err == nil {
		m.err = errors.New(msg)
	}
}

// weights reads an array written by modelWriter.weights; want is its
// expected length.
func (m *modelReader) weights(want int) []float32 {
	n := int(m.uvarint())
	if m.err == nil && n != want {
		m.fail(fmt.Sprintf("weight array has %d entries, want %d", n, want))
	}
	if m.err != nil {
		return nil
	}
	w := make([]float32, n)
	scale := m.float()
	nz := int(m.uvarint())
	i := -1
	for k := 0; k < nz && m.err == nil; k++ {
		i += int(m.uvarint())
		v := m.varint()
		if i < 0 || i >= n {
			m.fail("weight index out of range")
			break
		}
		w[i] = float32(v) * scale
	}
	return w
}

func writeModel(magic string, body func(m *modelWriter)) ([]byte, error) {
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	m := &modelWriter{w: bufio.NewWriter(gz)}
	m.str(magic)
	body(m)
	if m.err == nil {
		m.err = m.w.Flush()
	}
	if err := gz.Close(); m.err == nil {
		m.err = err
	}
	return buf.Bytes(), m.err
}

func readModel(data []byte, magic string, body func(m *modelReader)) error {
	return readModelOf(data, []string{magic}, func(_ string, m *modelReader) { body(m) })
}

// readModelOf reads a model of any of the kinds magics name, handing body
// the kind it is.
func readModelOf(data []byte, magics []string, body func(magic string, m *modelReader)) error {
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	m := &modelReader{r: bufio.NewReader(gz)}
	got := m.str()
	if m.err == nil && !slices.Contains(magics, got) {
		return fmt.Errorf("model is %q, want %q", got, strings.Join(magics, `" or "`))
	}
	body(got, m)
	return m.err
}

// marshal encodes a chain, pruning emission weights below prune.
// A chain with word-vector weights is written as magicChainVec, with its
// slots, vector scale and weights after the transitions; its word vectors
// are the words model's, which Load gives it (chain.useVectors).
func (c *chain) marshal(prune float32) ([]byte, error) {
	magic := magicChain
	if c.Slots > 0 {
		magic = magicChainVec
	}
	return writeModel(magic, func(m *modelWriter) {
		m.uvarint(uint64(c.Labels))
		m.uvarint(uint64(c.Bits))
		m.uvarint(uint64(c.Edges))
		m.weights(c.W, prune)
		m.weights(c.T, 0)
		if c.Slots > 0 {
			m.uvarint(uint64(c.Slots))
			m.float(c.VecScale)
			m.uvarint(uint64(len(c.D) / (c.Slots * c.Labels)))
			m.weights(c.D, 0)
		}
	})
}

func unmarshalChain(data []byte) (*chain, error) {
	c := &chain{}
	err := readModelOf(data, []string{magicChain, magicChainVec}, func(magic string, m *modelReader) {
		c.Labels, c.Bits, c.Edges = int(m.uvarint()), uint(m.uvarint()), int(m.uvarint())
		if m.err == nil && (c.Labels < 1 || c.Labels > 8 || c.Bits < 8 || c.Bits > 24 || c.Edges < 1 || c.Edges > 8) {
			m.fail("bad chain header")
			return
		}
		c.W = m.weights((1 << c.Bits) * c.Labels)
		c.T = m.weights(c.Edges * (c.Labels + 1) * c.Labels)
		if magic != magicChainVec || m.err != nil {
			return
		}
		c.Slots = int(m.uvarint())
		c.VecScale = m.float()
		dim := int(m.uvarint())
		if m.err == nil && (c.Slots < 1 || c.Slots > 8 || dim < 1 || dim > maxWordDim) {
			m.fail("bad chain vector header")
			return
		}
		c.D = m.weights(c.Slots * dim * c.Labels)
	})
	return c, err
}

func (c *claimModel) marshal(prune float32) ([]byte, error) {
	return writeModel(magicClaim, func(m *modelWriter) {
		m.uvarint(uint64(c.Bits))
		m.uvarint(uint64(len(c.E)))
		m.float(c.Bias)
		m.float(c.Pool)
		m.weights(c.W, prune)
		m.weights(c.E, 0)
	})
}

func unmarshalClaims(data []byte) (*claimModel, error) {
	c := &claimModel{}
	err := readModel(data, magicClaim, func(m *modelReader) {
		c.Bits = uint(m.uvarint())
		dim := int(m.uvarint())
		if m.err == nil && (c.Bits < 8 || c.Bits > 24 || dim > maxWordDim) {
			m.fail("bad claims header")
			return
		}
		c.Bias = m.float()
		c.Pool = m.float()
		c.W = m.weights(1 << c.Bits)
		c.E = m.weights(dim)
	})
	return c, err
}

// maxWordDim and maxWords bound what a word-vector file may declare.
const (
	maxWordDim = 1024
	maxWords   = 1 << 20
)

// marshal encodes word vectors: the length and count, the words in row
// order, then each component as a signed byte (the vectors are unit length,
// so ×127 loses little).
func (wv *wordVectors) marshal() ([]byte, error) {
	words := make([]string, len(wv.Index))
	for w, i := range wv.Index {
		words[i] = w
	}
	return writeModel(magicWords, func(m *modelWriter) {
		m.uvarint(uint64(wv.Dim))
		m.uvarint(uint64(len(words)))
		for _, w := range words {
			m.str(w)
		}
		b := make([]byte, len(wv.Vec))
		for i, x := range wv.Vec {
			b[i] = byte(int8(math.Round(float64(max(-1, min(1, x)) * 127))))
		}
		if m.err == nil {
			_, m.err = m.w.Write(b)
		}
	})
}

func unmarshalWords(data []byte) (*wordVectors, error) {
	wv := &wordVectors{}
	err := readModel(data, magicWords, func(m *modelReader) {
		wv.Dim = int(m.uvarint())
		n := int(m.uvarint())
		if m.err == nil && (wv.Dim < 1 || wv.Dim > maxWordDim || n < 0 || n > maxWords) {
			m.fail("bad word-vector header")
			return
		}
		wv.Index = make(map[string]int, n)
		for i := 0; i < n && m.err == nil; i++ {
			wv.Index[m.str()] = i
		}
		if m.err == nil && len(wv.Index) != n {
			m.fail("repeated word")
		}
		b := make([]byte, n*wv.Dim)
		if m.err == nil {
			_, m.err = io.ReadFull(m.r, b)
		}
		wv.Vec = make([]float32, len(b))
		for i, x := range b {
			wv.Vec[i] = float32(int8(x)) / 127
		}
		for i := 0; i < n && m.err == nil; i++ {
			normalize(wv.row(i))
		}
	})
	return wv, err
}
