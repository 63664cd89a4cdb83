//go:build linux

package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"sync"
	"syscall"
	"unsafe"
)

// dropReadPages tells the kernel that this process needs the pages of each
// slice no longer (madvise MADV_DONTNEED on the whole pages inside it), when
// the slice lies in the executable's own file mapping: bytes embedded in the
// binary that have been read once and copied (Fyne's fonts, parsed into the
// Go heap). Those pages are the file's, never written: dropping them only
// takes them out of the resident set, and a later read faults them back in
// from the file, unchanged. A slice anywhere else (the heap, another file)
// is left alone, so a copy is never zeroed.
func dropReadPages(slices [][]byte) {
	maps := exeMappings()
	page := uintptr(os.Getpagesize())
	for _, b := range slices {
		if len(b) == 0 {
			continue
		}
		p := unsafe.Pointer(unsafe.SliceData(b))
		start := uintptr(p)
		lo := (start + page - 1) &^ (page - 1)
		hi := (start + uintptr(len(b))) &^ (page - 1)
		if hi <= lo || !maps.hold(start, start+uintptr(len(b))) {
			continue
		}
		inner := unsafe.Slice((*byte)(unsafe.Add(p, lo-start)), hi-lo)
		_ = syscall.Madvise(inner, syscall.MADV_DONTNEED) // only memory: nothing to tell the user
	}
}

// mapping is an address range [lo, hi) of the process.
type mapping struct{ lo, hi uintptr }

// mappings are the private mappings of the executable's file.
type mappings []mapping

// hold reports whether [lo, hi) lies inside one mapping.
func (ms mappings) hold(lo, hi uintptr) bool {
	for _, m := range ms {
		if m.lo <= lo && hi <= m.hi {
			return true
		}
	}
	return false
}

// exeMappings reads the executable's private mappings from /proc/self/maps
// once; nil if they cannot be read.
var exeMappings = sync.OnceValue(func() mappings {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return nil
	}
	data, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil
	}
	return parseMaps(data, exe)
})

// parseMaps returns the private mappings of file path in a /proc/PID/maps
// text ("lo-hi perms offset dev inode path").
func parseMaps(data []byte, path string) mappings {
	var ms mappings
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) != 6 || string(f[5]) != path || len(f[1]) != 4 || f[1][3] != 'p' {
			continue
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			continue
		}
		l, err1 := strconv.ParseUint(string(lo), 16, 64)
		h, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 == nil && err2 == nil && l < h {
			ms = append(ms, mapping{uintptr(l), uintptr(h)})
		}
	}
	return ms
}
