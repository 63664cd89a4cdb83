package annotate

import (
	"testing"

	"github.com/google/uuid"
)

// validIDByParse is what validID checks: a UUID uuid.Parse reads, in its
// 36-character form.
func validIDByParse(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil && len(id) == 36
}

func TestValidIDIsUUIDParse(t *testing.T) {
	for _, id := range []string{"", "0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6f", "0C9B2C3E-8F1A-4C2B-9D7E-1A2B3C4D5E6F",
		"0c9b2c3e8f1a4c2b9d7e1a2b3c4d5e6f", "{0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6f}",
		"urn:uuid:0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6f", "0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6g",
		"0c9b2c3e-8f1a-4c2b-9d7e_1a2b3c4d5e6f", "0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6", "0c9b2c3e 8f1a 4c2b 9d7e 1a2b3c4d5e6f",
		"-c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6f", "0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5é"} {
		if got, want := validID(id), validIDByParse(id); got != want {
			t.Errorf("validID(%q) = %v, uuid.Parse says %v", id, got, want)
		}
	}
}

func FuzzValidID(f *testing.F) {
	f.Add("0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6f")
	f.Add("0c9b2c3e-8f1a-4c2b-9d7e-1a2b3c4d5e6")
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := validID(id), validIDByParse(id); got != want {
			t.Errorf("validID(%q) = %v, uuid.Parse says %v", id, got, want)
		}
	})
}
