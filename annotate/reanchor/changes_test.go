package reanchor

import (
	"reflect"
	"testing"

	"github.com/factmark/factmark/annotate"
)

func TestChanges(t *testing.T) {
	tests := []struct {
		name, old, new string
		deleted        []string
		inserted       []string
	}{
		{"same", "The mayor said so.", "The mayor said so.", nil, nil},
		{"word replaced", "The mayor said so.", "The governor said so.", []string{"mayor"}, []string{"governor"}},
		{"run deleted", "Crime fell by twelve percent last year.", "Crime fell last year.", []string{"by twelve percent"}, nil},
		{"appended", "One line.", "One line.\nAnd another one.", nil, []string{"And another one."}},
		{"all replaced", "alpha beta", "gamma delta", []string{"alpha beta"}, []string{"gamma delta"}},
		{"empty old", "", "new words", nil, []string{"new words"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, nw := annotate.NewText(tt.old), annotate.NewText(tt.new)
			del, ins := Changes(old, nw)
			if got := slices(old, del); !reflect.DeepEqual(got, tt.deleted) {
				t.Errorf("deleted %q, want %q", got, tt.deleted)
			}
			if got := slices(nw, ins); !reflect.DeepEqual(got, tt.inserted) {
				t.Errorf("inserted %q, want %q", got, tt.inserted)
			}
		})
	}
}

func slices(t *annotate.Text, spans [][2]int) []string {
	var out []string
	for _, s := range spans {
		out = append(out, t.Slice(s[0], s[1]))
	}
	return out
}
