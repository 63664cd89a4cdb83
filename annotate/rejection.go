package annotate

import "context"

// RejectionService remembers the suggestions the user rejected on each
// article, by the suggestion's key (its kind and spans), so that running the
// suggester again does not propose them anew.
type RejectionService interface {
	// FindRejections returns the keys rejected on the article.
	FindRejections(ctx context.Context, articleID string) (map[string]bool, error)
	// Reject records that the suggestion with the key was rejected.
	Reject(ctx context.Context, articleID, key string) error
	// Unreject forgets a rejection, to undo it.
	Unreject(ctx context.Context, articleID, key string) error
}
