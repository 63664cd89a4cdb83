package annotate

import (
	"net/url"
	"time"

	"github.com/google/uuid"
)

func validID(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil && len(id) == 36
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// NewID returns a fresh annotation or speaker ID.
func NewID() string { return uuid.NewString() }
