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
	return ui.WithWorkflow(ui.Services{Articles: trimmingStore{db}, Annotations: withSaveLog(db), Speakers: db, Settings: db, Documents: db, Rejections: db,
		Check: db.Check, ReadOnly: db.ReadOnly(), Path: db.Path(), Geometry: os.Getenv(geometryEnv), Revisions: ui.RevisionImporter()}, db)
}

// trimmingStore is the project as the desk's article service: when the desk
// hands back the memory opening a long article took (ReleaseMemory), the C
// heap's free pages go back to the system too, not only the store's caches.
type trimmingStore struct{ *store.DB }

// ReleaseMemory empties the store's idle page caches, then trims the C heap.
func (s trimmingStore) ReleaseMemory(ctx context.Context) error {
	err := s.DB.ReleaseMemory(ctx)
	trimCHeap()
	return err
}
