package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/factmark/factmark/annotate"
)

// TestScaleInNativeDocument: a document on the default scale is still
// written as factmark/1; one with a preset's explanations, a conclusion
// scale, or retired labels notes still carry is written as factmark/2, which
// its schema accepts and which reads back identical.
func TestScaleInNativeDocument(t *testing.T) {
	politifact, _ := annotate.FindScalePreset("politifact")
	fullfact, _ := annotate.FindScalePreset("fullfact")
	retired, err := annotate.ChangeScale(annotate.DefaultScale(), politifact, []string{"Mostly true"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, format string
		scale        annotate.Scale
	}{
		{"default", annotate.NativeFormatV1, annotate.DefaultScale()},
		{"preset", annotate.NativeFormat, politifact},
		{"conclusions", annotate.NativeFormat, fullfact},
		{"retired labels", annotate.NativeFormat, retired.Scale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &annotate.Document{Format: annotate.NativeFormat, Scale: tt.scale, Speakers: []annotate.Speaker{}, Articles: []annotate.ArticleDoc{}}
			doc.Format = doc.NeededFormat()
			var buf bytes.Buffer
			if err := WriteDocument(&buf, doc); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), `"format": "`+tt.format+`"`) {
				t.Fatalf("written as %.60s; want %s", buf.String(), tt.format)
			}
			validateSchema(t, buf.Bytes())
			back, err := ParseDocument(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := WriteDocument(&again, back); err != nil || again.String() != buf.String() {
				t.Errorf("the document does not read back identical (%v)", err)
			}
		})
	}
}
