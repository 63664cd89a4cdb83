package store

import (
	"context"
	"database/sql"

	"github.com/factmark/factmark/annotate"
)

// ExportPasses hands out the articles of the document Export returns, as
// ExportStream does (head, then each article in the document's order), once
// for each of passes, all from one read transaction: the second pass sees
// exactly the articles the first one did. The public formats whose first
// bytes depend on every article (the W3C collection's total and ID,
// ClaimReview's first appearances and checks, the brief's title and date)
// gather what they need on a first pass and write on the second, holding
// one article at a time instead of the project. The pass's index comes
// with each article. The log is not read, and the head's format is left
// empty: the public formats have no version to choose, and deciding it can
// take a pass of its own (see neededFormat). An error from a callback
// stops the export and comes back as it is.
func (db *DB) ExportPasses(ctx context.Context, ids []string, passes int, head func(*annotate.Document) error,
	article func(pass int, a *annotate.ArticleDoc) error) error {
	var cbErr error
	call := func(err error) error { // remembers a callback's error, to return it unwrapped
		cbErr = err
		return err
	}
	err := db.readTxPair(ctx, func(tx *sql.Tx, side queryer) error {
		order, d, err := passesHead(ctx, tx, ids)
		if err != nil {
			return err
		}
		if err := call(head(d)); err != nil {
			return err
		}
		for pass := range passes {
			for _, id := range order {
				a, err := streamedArticle(ctx, tx, side, id)
				if err != nil {
					return err
				}
				if err := call(article(pass, a)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if cbErr != nil {
		return cbErr
	}
	if err != nil {
		return dbError("export", err)
	}
	return nil
}

// passesHead reads the document's scale and speakers and lists the IDs of
// its articles in the document's order; exportHead decides the format too.
func passesHead(ctx context.Context, tx *sql.Tx, ids []string) ([]string, *annotate.Document, error) {
	var s annotate.Settings
	if err := scanSettings(ctx, tx, &s); err != nil {
		return nil, nil, err
	}
	order, err := exportOrder(ctx, tx, ids)
	if err != nil {
		return nil, nil, err
	}
	speakers, err := findSpeakers(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	if len(ids) > 0 {
		if speakers, err = usedSpeakers(ctx, tx, speakers, ids); err != nil {
			return nil, nil, err
		}
	}
	d := &annotate.Document{Scale: s.Scale, Speakers: nonNilSlice(speakers)}
	d.Sort()
	return order, d, nil
}
