package ui

// annKind is which of the three kinds of annotation an ID names. The zero
// value, noKind, is "no annotation with that ID": every switch on a kind
// handles the three kinds, and code that meets noKind says so rather than
// guessing a panel for it.
type annKind int

const (
	noKind annKind = iota
	kindAttribution
	kindClaim
	kindNote
)

// String is the kind as the user reads it: "attribution", "claim", "note";
// "no annotation" for noKind.
func (k annKind) String() string {
	switch k {
	case kindAttribution:
		return "attribution"
	case kindClaim:
		return "claim"
	case kindNote:
		return "note"
	}
	return "no annotation"
}
