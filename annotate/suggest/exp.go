package suggest

import (
	"os"
	"strconv"
	"strings"
)

// EXPERIMENT knobs (removed before shipping).
func expNum(name string, def float64) float64 {
	for _, kv := range strings.Split(os.Getenv("FACTMARK_CUEEXP"), ",") {
		k, v, ok := strings.Cut(kv, "=")
		if ok && k == name {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil {
				return f
			}
		}
	}
	return def
}
