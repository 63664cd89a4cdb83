package annotate

import "testing"

func TestExtractedCheck(t *testing.T) {
	sec := func(f float64) *float64 { return &f }
	cases := []struct {
		name string
		e    Extracted
		ok   bool
	}{
		{"plain", Extracted{Text: "Hello.\n\nWorld."}, true},
		{"pages", Extracted{Text: "abcdef", Pages: []Page{{1, 0, 3}, {2, 3, 6}}}, true},
		{"page past the end", Extracted{Text: "abc", Pages: []Page{{1, 0, 4}}}, false},
		{"page zero", Extracted{Text: "abc", Pages: []Page{{0, 0, 3}}}, false},
		{"pages overlap", Extracted{Text: "abcdef", Pages: []Page{{1, 0, 4}, {2, 3, 6}}}, false},
		{"turns", Extracted{Text: "A: hi\nB: yo", Turns: []Turn{{Speaker: "A", Start: 0, End: 5, TimeStart: sec(1), TimeEnd: sec(2)}, {Speaker: "B", Start: 6, End: 11}}}, true},
		{"turn without speaker", Extracted{Text: "hi", Turns: []Turn{{Start: 0, End: 2}}}, false},
		{"empty turn", Extracted{Text: "hi", Turns: []Turn{{Speaker: "A", Start: 1, End: 1}}}, false},
		{"turn ends before it starts", Extracted{Text: "hi", Turns: []Turn{{Speaker: "A", Start: 0, End: 2, TimeStart: sec(3), TimeEnd: sec(2)}}}, false},
		{"not normalised", Extracted{Text: "a\r\nb"}, false},
		{"code points, not bytes", Extracted{Text: "ééé", Pages: []Page{{1, 0, 3}}}, true},
	}
	for _, c := range cases {
		err := c.e.Check()
		if (err == nil) != c.ok {
			t.Errorf("%s: Check() = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}
