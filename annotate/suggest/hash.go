package suggest

// featureSet collects the hashed features of one token. Each feature is a
// template tag and up to three string parts, hashed with 64-bit FNV-1a and
// folded to the model's bit width, without building the feature string.
type featureSet struct {
	mask uint32
	out  []uint32
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // part separator
	h *= fnvPrime
	return h
}

func (f *featureSet) reset(bits uint) {
	f.mask = 1<<bits - 1
	f.out = f.out[:0]
}

func (f *featureSet) fold(h uint64) {
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 32
	f.out = append(f.out, uint32(h)&f.mask)
}

func (f *featureSet) add(tag string, a string) {
	f.fold(hashStr(hashStr(fnvOffset, tag), a))
}

func (f *featureSet) add2(tag string, a, b string) {
	f.fold(hashStr(hashStr(hashStr(fnvOffset, tag), a), b))
}

func (f *featureSet) add3(tag string, a, b, c string) {
	f.fold(hashStr(hashStr(hashStr(hashStr(fnvOffset, tag), a), b), c))
}

// from adds the feature whose leading parts hashed to state h (see
// rolePrefixes) and whose last part is a.
func (f *featureSet) from(h uint64, a string) { f.fold(hashStr(h, a)) }

// from2 is from with two last parts.
func (f *featureSet) from2(h uint64, a, b string) { f.fold(hashStr(hashStr(h, a), b)) }

// take returns a copy of the collected features.
func (f *featureSet) take() []uint32 {
	return append([]uint32(nil), f.out...)
}
