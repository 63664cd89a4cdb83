package ui

import (
	"context"
	"runtime/debug"
)

// memoryReleaser is a project that can hand back the memory its
// connections cache (the store's page caches).
type memoryReleaser interface {
	ReleaseMemory(ctx context.Context) error
}

// releaseMemory hands back to the system what opening a long article left:
// the store's cached pages of it, and the garbage of reading them. It runs
// off the window's goroutine, after the first frame.
func (d *Desk) releaseMemory() {
	if r, ok := d.svc.Articles.(memoryReleaser); ok {
		_ = r.ReleaseMemory(context.Background()) // only memory: nothing to tell the user
	}
	debug.FreeOSMemory()
}
