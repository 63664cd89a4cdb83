package suggest

import (
	"os"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestZZ(t *testing.T) {
	b, _ := os.ReadFile("/tmp/seedtext.txt")
	text := strings.TrimSuffix(string(b), "\n")
	r := []rune(text)
	src := annotate.Anchor{Start: 2000, End: 2010, Exact: string(r[2000:2010])}
	c, ok := CueBeside(text, src, nil)
	t.Logf("%q -> %+v %v", src.Exact, c, ok)
}
