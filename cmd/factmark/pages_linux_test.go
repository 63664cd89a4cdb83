//go:build linux

package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"testing"
	"unsafe"

	"github.com/factmark/factmark/ui"
)

// The emoji font's pages leave the resident set and read back the same; a
// slice on the heap is never dropped, which would zero it.
func TestDropReadPagesDropsOnlyTheBinarysPages(t *testing.T) {
	fonts := ui.EmbeddedFonts()
	emoji := fonts[len(fonts)-1]
	if len(emoji) < 1<<20 {
		t.Fatalf("the last embedded font has %d bytes, want the emoji font's 4 MB", len(emoji))
	}
	sum := crc32.ChecksumIEEE(emoji) // reads every page
	if n := residentPages(t, emoji); n == 0 {
		t.Fatal("no page of the emoji font resident after reading it all")
	}
	heap := bytes.Repeat([]byte{7}, 4*os.Getpagesize())
	dropReadPages([][]byte{emoji, heap})
	if n := residentPages(t, emoji); n != 0 {
		t.Errorf("%d of the emoji font's inner pages still resident after dropReadPages", n)
	}
	if got := crc32.ChecksumIEEE(emoji); got != sum {
		t.Errorf("emoji font reads back with checksum %08x, had %08x", got, sum)
	}
	if bytes.Count(heap, []byte{7}) != len(heap) {
		t.Error("a heap slice was changed by dropReadPages")
	}
}

// residentPages counts the whole pages inside b that are mapped
// (/proc/self/pagemap's present bit).
func residentPages(t *testing.T, b []byte) int {
	t.Helper()
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skip("no pagemap:", err)
	}
	defer pm.Close()
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	n := 0
	for p := (start + page - 1) / page; (p+1)*page <= start+uintptr(len(b)); p++ {
		var e [8]byte
		if _, err := pm.ReadAt(e[:], int64(p*8)); err != nil {
			t.Fatal(err)
		}
		if binary.LittleEndian.Uint64(e[:])>>63 == 1 {
			n++
		}
	}
	return n
}

func TestParseMapsKeepsTheFilesPrivateMappings(t *testing.T) {
	maps := []byte(`00400000-00405000 r--p 00000000 fe:00 9987595    /opt/factmark
00405000-010ca000 r-xp 00005000 fe:00 9987595    /opt/factmark
0206e000-02895000 rw-p 01c6e000 fe:00 9987595    /opt/factmark
02895000-02896000 rw-s 00000000 fe:00 9987595    /opt/factmark
7f0000000000-7f0000100000 r--p 00000000 fe:00 123    /opt/factmark-other
7f0000200000-7f0000300000 rw-p 00000000 00:00 0
`)
	ms := parseMaps(maps, "/opt/factmark")
	want := mappings{{0x400000, 0x405000}, {0x405000, 0x10ca000}, {0x206e000, 0x2895000}}
	if len(ms) != len(want) {
		t.Fatalf("parseMaps = %x, want %x", ms, want)
	}
	for i := range want {
		if ms[i] != want[i] {
			t.Fatalf("parseMaps = %x, want %x", ms, want)
		}
	}
	if !ms.hold(0x206f000, 0x2800000) || ms.hold(0x2890000, 0x2895001) || ms.hold(0x7f0000000000, 0x7f0000001000) {
		t.Error("hold: wrong answer at a mapping's edge or outside")
	}
}
