package annotate

import (
	"net/url"
	"time"

	"github.com/google/uuid"
)

func validID(id string) bool {
	if len(id) != 36 {
		return false
	}
	// uuid.Parse's checks of this form, without its work of decoding it
	// (a large document's IDs took a tenth of checking it).
	for i := 0; i < len(id); i++ {
		switch c := id[i]; i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// ValidURL reports whether s is an absolute http or https URL, as an
// article's URL and a source's must be.
func ValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ValidDate reports whether s is a YYYY-MM-DD date.
func ValidDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// NewID returns a fresh annotation or speaker ID.
func NewID() string { return uuid.NewString() }

// firstError returns the first of errs that is not nil.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
