package textview

// fenwick is a binary indexed tree over the line counts of the paragraphs,
// so the scroll bar can turn paragraph+line into a global line number and
// back in O(log n) while estimates are replaced by exact counts.
type fenwick struct {
	tree []int // 1-based partial sums
	vals []int // the counts themselves
}

// reset rebuilds the tree from counts in O(n).
func (f *fenwick) reset(counts []int) {
	f.vals = counts
	f.tree = make([]int, len(counts)+1)
	for i, c := range counts {
		f.tree[i+1] += c
		if j := i + 1 + (i+1)&-(i+1); j <= len(counts) {
			f.tree[j] += f.tree[i+1]
		}
	}
}

// set changes the count of paragraph i.
func (f *fenwick) set(i, count int) {
	d := count - f.vals[i]
	f.vals[i] = count
	for j := i + 1; j < len(f.tree); j += j & -j {
		f.tree[j] += d
	}
}

// get returns the count of paragraph i.
func (f *fenwick) get(i int) int { return f.vals[i] }

// before returns the total count of paragraphs [0, i).
func (f *fenwick) before(i int) int {
	s := 0
	for j := i; j > 0; j -= j & -j {
		s += f.tree[j]
	}
	return s
}

// total returns the count of all paragraphs.
func (f *fenwick) total() int { return f.before(len(f.vals)) }

// find returns the paragraph holding global line g and g's index in it;
// g past the end gives the last paragraph's last line.
func (f *fenwick) find(g int) (para, line int) {
	n := len(f.vals)
	if n == 0 {
		return 0, 0
	}
	pos, step := 0, 1
	for step*2 <= n {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if pos+step <= n && f.tree[pos+step] <= g {
			pos += step
			g -= f.tree[pos]
		}
	}
	if pos >= n {
		return n - 1, f.vals[n-1] - 1
	}
	return pos, g
}
