package main

import (
	"context"
	"errors"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// openDesk opens the desktop window on article, or on the article opened last.
func openDesk(ctx context.Context, db *store.DB, article *annotate.Article) error {
	return errors.New("the desktop window is not built yet (it arrives with the desk issue); use the import, list and export commands")
}
