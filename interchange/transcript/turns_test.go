package transcript

import (
	"fmt"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestDetectTurns(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		turns      []string // "SPEAKER|text", nil for no detection
	}{
		{"capitals", "HOLT: Good evening.\nTRUMP: Thank you, Lester.\nHOLT: Secretary Clinton?\n",
			[]string{"HOLT|Good evening.", "TRUMP|Thank you, Lester.", "HOLT|Secretary Clinton?"}},
		{"mixed case, multi-paragraph turns, a preamble",
			"Transcript of the debate\n\nLester Holt: Good evening.\n\nWe begin now.\n\nDonald Trump: Thank you.\n\nLester Holt: Thanks.",
			[]string{"Lester Holt|Good evening.\n\nWe begin now.", "Donald Trump|Thank you.", "Lester Holt|Thanks."}},
		{"long labels", "MODERATOR (HOLT): Welcome.\nSEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE: Thanks.\nO'MALLEY: Me too.\n",
			[]string{"MODERATOR (HOLT)|Welcome.", "SEN. BERNIE SANDERS (D-VT), PRESIDENTIAL CANDIDATE|Thanks.", "O'MALLEY|Me too."}},
		{"stage direction before a label", "CLINTON: Yes.\n(APPLAUSE) SANDERS: No.\n",
			[]string{"CLINTON|Yes.", "SANDERS|No."}},
		{"label alone on its line", "Q:\nWhy?\n\nA:\nBecause.\n\nQ: And?",
			[]string{"Q|Why?", "A|Because.", "Q|And?"}},
		{"one speaker, one paragraph", "TRUMP: Thank you very much. It is great to be here.",
			[]string{"TRUMP|Thank you very much. It is great to be here."}},
		{"a sentence that opens with a word and a colon stays in the turn",
			"TRUMP: We will win.\nRemember: we said it.\nCLINTON: No.\nTRUMP: Yes.",
			[]string{"TRUMP|We will win.\nRemember: we said it.", "CLINTON|No.", "TRUMP|Yes."}},
		{"headline", "Pence: Gennifer Flowers Won’t Be at Debate.\n\nThe governor said on Sunday that she was not invited.\n\nMore later.", nil},
		{"headlines with the same name", "Bernie Sanders: ‘It Is Not A Radical Idea’ To Ask.\n\nText of the story.\n\nRelated:\n\nBernie Sanders: I’m Not Much Of A Socialist Compared To Eisenhower.", nil},
		{"figures", "Delegates.\n\nHillary Clinton: 1,769.\n\nBernie Sanders: 1,501.\n\nClinton: 547.\n\nSanders: 46.", nil},
		{"notes", "The story.\n\nEditor’s note: fixed.\n\nUpdate: more.\n\nCorrection: a date.\n\nNote: this.", nil},
		{"e-mail", "He wrote.\n\nFrom: John\nTo: Mary\nSubject: Lunch\nDate: Monday\n\nShe replied.", nil},
		{"a quoted transcript", "Partial transcript:\n\n\"WALLACE: Hello.\n\n\"PENCE: Hi.\n\n\"WALLACE: Bye.", nil},
		{"a transcript late in an article", "A.\n\nB.\n\nC.\n\nD.\n\nE.\n\nF.\n\nG.\n\nH.\n\nI said.\n\nJ.\n\nK.\n\nL.\n\nHOLT: Hi.\n\nTRUMP: Hello.", nil},
		{"one label in a long article", "WASHINGTON: The Senate voted.\n\nIt was late.\n\nThey left.", nil},
		{"times are not labels", "10:30: we met.\n11:00: we left.", nil},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			turns, ok := DetectTurns(tc.text)
			if ok != (tc.turns != nil) {
				t.Fatalf("ok = %v, turns %v", ok, turns)
			}
			rs := []rune(tc.text)
			var got []string
			for _, tr := range turns {
				got = append(got, tr.Speaker+"|"+string(rs[tr.Start:tr.End]))
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.turns) {
				t.Errorf("turns\n%q, want\n%q", got, tc.turns)
			}
			ex := annotate.Extracted{Text: tc.text, Turns: turns}
			if err := ex.Check(); err != nil && tc.text != "" {
				t.Error(err)
			}
		})
	}
}

// TestDetectTurnsOffsets: offsets count code points, not bytes.
func TestDetectTurnsOffsets(t *testing.T) {
	text := "JOSÉ: ¿Qué?\nRENÉE: Ça va. 😀\nJOSÉ: Sí."
	turns, ok := DetectTurns(text)
	if !ok || len(turns) != 3 {
		t.Fatalf("turns %v, %v", turns, ok)
	}
	if want := (annotate.Turn{Speaker: "RENÉE", Start: 19, End: 27}); turns[1] != want {
		t.Errorf("turn %+v, want %+v", turns[1], want)
	}
}
