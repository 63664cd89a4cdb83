package suggest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factmark/factmark/internal/testcorpus"
)

// trainingData reads what `make models` trains on, or skips.
func trainingData(t *testing.T) ([]Example, []Transcript) {
	exs, bad, err := LoadExamples(filepath.Join(testcorpus.Dir(t, "corpus"), "polnear-train"))
	if err != nil {
		t.Skipf("no PolNeAR train data: %v", err)
	}
	for _, err := range bad {
		t.Logf("skipped: %v", err)
	}
	return exs, clefTrain(t)
}

// TestModelInputsUnchanged checks, in a second, that the training data as
// the code reads it today is what the embedded models were trained on
// (model/inputs.txt). When it fails, `make models` would no longer give the
// embedded bytes: either the corpus changed or the way it is read did (an
// importer rule dropped a file once); the first differing lines say which.
func TestModelInputsUnchanged(t *testing.T) {
	exs, ts := trainingData(t)
	want, err := os.ReadFile(filepath.Join("model", InputsFile))
	if err != nil {
		t.Fatalf("no embedded %s: run make models", InputsFile)
	}
	got := TrainingInputs(exs, ts)
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	shown := 0
	for i := 0; i < max(len(g), len(w)) && shown < 5; i++ {
		gl, wl := at(g, i), at(w, i)
		if gl != wl {
			t.Errorf("line %d: the data reads\n\t%s\nthe models were trained on\n\t%s", i+1, gl, wl)
			shown++
		}
	}
	t.Error("the training data differs from what the embedded models were trained on: run make models, or find what changed")
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(nothing)"
}

// TestMakeModelsReproducesEmbedded retrains every model as `make models`
// does and checks that each file is byte for byte the embedded one, so the
// embedded models are what the code in the repository makes of the corpus.
// It trains for about a minute (two when the machine is busy), so -short
// skips it; the inputs half of
// the check is TestModelInputsUnchanged.
func TestMakeModelsReproducesEmbedded(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining takes a minute or two")
	}
	exs, ts := trainingData(t)
	files, err := TrainModels(exs, ts, TrainOptions{}, ClaimOptions{})
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := modelFS.ReadDir("model")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range embedded {
		if _, ok := files[e.Name()]; !ok && e.Name() != "README.md" {
			t.Errorf("model/%s is embedded but training no longer writes it", e.Name())
		}
	}
	for name, got := range files {
		want, err := os.ReadFile(filepath.Join("model", name))
		if err != nil {
			t.Errorf("training writes %s, which is not embedded: run make models", name)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: retrained %d bytes differ from the embedded %d: run make models and commit the result", name, len(got), len(want))
		}
	}
}
