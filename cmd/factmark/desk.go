package main

import (
	"context"
	"os"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
	"github.com/factmark/factmark/ui"
)

// openDesk opens the desktop window on article, or on the article opened last.
func openDesk(ctx context.Context, db *store.DB, article *annotate.Article) error {
	id := ""
	if article != nil {
		id = article.ID
	}
	return ui.Run(services(db), id)
}

// geometryEnv names the file the desk writes its layout to for scripts that
// drive the real window (scripts/replay); unset, it writes none.
const geometryEnv = "FACTMARK_GEOMETRY"

// services wires the store into the desk; a project that cannot be written
// opens read-only, with its path in the desk's banner.
func services(db *store.DB) ui.Services {
	return ui.WithWorkflow(ui.Services{Articles: db, Annotations: withSaveLog(db), Speakers: db, Settings: db, Documents: db, Rejections: db,
		Check: db.Check, ReadOnly: db.ReadOnly(), Path: db.Path(), Geometry: os.Getenv(geometryEnv), Revisions: ui.RevisionImporter()}, db)
}
