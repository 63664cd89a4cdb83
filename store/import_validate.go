package store

import (
	"github.com/factmark/factmark/annotate"
)

// validation is a document's Validate, run on the other core while Import
// stores the document: checking 100k annotations took about a tenth of
// importing them. Nothing is committed before it has passed (Import waits
// for it before the commit), its error is the import's whatever the
// transaction met meanwhile (an invalid document may fail there first, or
// make the importer panic), and the importer stops early once it has
// failed (stopped).
type validation struct {
	done chan struct{}
	err  error
}

// validateBeside starts validating doc. What Validate and the importer
// would write into the document is written first, so that both only read
// it meanwhile: the annotations' ArticleID (Document.SetArticleIDs), and
// an ID for each note's source that has none (the importer gives one, see
// saveNote; a source's ID is valid or empty for Validate alike).
func validateBeside(doc *annotate.Document) *validation {
	doc.SetArticleIDs()
	for i := range doc.Articles {
		for j := range doc.Articles[i].Notes {
			giveSourceIDs(doc.Articles[i].Notes[j].Sources)
		}
	}
	v := &validation{done: make(chan struct{})}
	go func() {
		defer close(v.done)
		v.err = doc.Validate()
	}()
	return v
}

// giveSourceIDs gives an ID to each source that has none.
func giveSourceIDs(sources []annotate.Evidence) {
	for i := range sources {
		if sources[i].ID == "" {
			sources[i].ID = annotate.NewID()
		}
	}
}

// wait waits for the validation to end, and returns its error.
func (v *validation) wait() error {
	<-v.done
	return v.err
}

// stopped is the validation's error if it has ended with one, without
// waiting for it.
func (v *validation) stopped() error {
	select {
	case <-v.done:
		return v.err
	default:
		return nil
	}
}

// recoverInvalid, deferred by the import's transaction, turns a panic into
// the validation's error when the document is invalid (the importer may
// meet what Validate refuses before Validate does); a panic on a valid
// document goes on.
func (v *validation) recoverInvalid(err *error) {
	if p := recover(); p != nil {
		if verr := v.wait(); verr != nil {
			*err = verr
			return
		}
		panic(p)
	}
}
